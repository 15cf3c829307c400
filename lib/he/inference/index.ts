/** Private inference (#13): the whole Section 5 network under CKKS, batch and packed layouts, parameters, report. */
export { layerWeights, windowMap, convPositions, activationPlan, networkLevels, LAYERS as INFERENCE_LAYERS, type InferenceNetwork, type LayerWeights, type LayerName } from './network';
export { inferenceNetwork, type InferenceNetworkOptions } from './model';
export { mirrorForward, layerSizes, type MirrorResult } from './mirror';
export { chooseNetworkParameters, maxScaleBits, networkErrorBound, BATCH_NOISE, SPECIAL_BITS, FINAL_MAGNITUDE, type NetworkParameterChoice, type NetworkParameterOptions, type ScaleOption, type LayoutNoise, type FreshOperations } from './parameters';
export { ConstantPlaintexts } from './constants';
export { InferenceBackend } from './backend';
export { BatchRun } from './batch';
export { runBatchParallel, type ParallelBatchResult } from './parallel';
export { PackedModel, packedGaloisSteps, packedBlocks, packedCiphertexts, RHO as PACKED_RHO, type PackedOptions } from './packed';
export { keySwitchingKeyBytes, evaluationKeyBytes } from './keys';
export { LAYOUT_NAMES, type LayoutName, type LayoutContext, type LayoutResult } from './layout';
export { randomSource, trainedSource, digitsSource, experimentImages, WEIGHTS_KINDS, type InferenceSource, type WeightsKind, type DigitsNetwork, type DigitSet } from './source';
export { compareLogits, formatReport, type InferenceReport, type LogitComparison } from './report';
export { privateInference, type PrivateInferenceOptions } from './run';
export { privateInferenceProcess, inferArguments, type InferenceProcessOptions } from './process';
export { PhaseClock, type Phase, type PhaseSeconds } from './timing';
export { layoutRows, layerRows, tradeoffRows } from './tables';
export { inferenceErrorFigure } from '../../figures/inference';
