/**
 * The Section 5 network experiment: the CNN with exact ReLU and with a polynomial, its batched
 * forward pass on worker threads, and the bracket around the true worst case (random sampling,
 * adversarial search, certified upper bound).
 */
export * as networkArchitecture from './architecture';
export { networkWeights, macsPerInput, type NetworkWeights } from './architecture';
export { polynomialKernel, evaluateKernel, type PolynomialKernel } from './activation';
export { computeScales, boxBound, SCALING_MODES, type ScalingMode, type Scales } from './scaling';
export { forwardBatch, Workspace, type NetworkModel, type BatchResult } from './forward';
export { networkModel, type NetworkOptions } from './model';
export { networkPolynomial, PAPER_BEST_4, CRYPTODL_4, PAPER_MAX_DEVIATION, PRESET_NAMES } from './presets';
export { experimentInput, CHUNK as NETWORK_CHUNK } from './inputs';
export { runNetworkExperiment, type ExperimentOptions, type ExperimentResult } from './experiment';
export { deviationStatistics, QUANTILE_LEVELS, type DeviationStatistics } from './statistics';
export { certifiedBound, ROUNDING_SLACK, type CertifiedBound } from './bound';
export { searchWorstInput, deviationAt, constructedInputs, type SearchOptions, type SearchResult } from './search';
export { networkReport, seedSensitivity, bracketRows, polynomialComparison, type NetworkReport, type NetworkReportOptions, type SensitivityRow, type BracketTableRow } from './report';
export { progressDisplay } from './progress';
export { closeWorkerPool } from './pool';
