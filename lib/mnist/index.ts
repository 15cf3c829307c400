/**
 * Real digits (#12): the Section 5 network trained on MNIST, and what each polynomial in place of
 * ReLU does to its accuracy. The training itself (tfjs: train.ts, tf.ts, record.ts) is imported
 * from those files directly (`npm run train`, `polyact train`), so loading the library for a
 * notebook does not load TensorFlow.js.
 */
export { loadMnist, mnistSplit, selectDigits, splitPermutation, seededPermutation, digitsHash, digitCounts, MNIST_COUNT, MNIST_CLASSES, type Digits, type SplitOptions } from './data';
export { MNIST_INPUT_GAIN, networkInputs, boundsScaling, fixedScaling, dataScaling, scalingFor, preActivations, scaledHistogram, GRAPH_SCALING, type MnistScaling, type ScalingRule, type PreActivations } from './scaling';
export { trainedWeights, finetunedNetworks, encodeWeights, decodeWeights, weightsSha256, mnistDataDir, TRAINED_FORMAT, FINETUNED_FORMAT, type TrainedNetwork, type TrainedFile, type FinetunedFile, type FinetunedEntry, type StoredWeights } from './trained';
export { MNIST_METHODS, MNIST_DEGREES, PAPER_DEGREES, paperBest, methodPolynomial, parsePolySpec, polynomialFromChebyshev, type MnistMethod, type PolySpec } from './polynomials';
export { mnistContext, evaluateNetwork, polynomialAccuracy, namedPolynomial, measuredHistogram, confusionMatrix, type MnistContext, type AccuracyResult } from './accuracy';
export { accuracyStudy, accuracyTable, bestRow, goalSummary, STUDY_RULES, type StudyRow, type StudyRule, type GoalSummary } from './study';
export { forwardLogits, argmaxLogit, softmaxOutput, CONV_USED, type LogitsModel, type LogitsResult, type LogitsOptions } from '../network/logits';
export { trainingRecordRows, scalingRows, studyDetailRows, finetuneStudy, finetuneTableRows, bestDegreeConfusion, mnistFindings, type FinetuneRow, type FinetuneStudy } from './report';
