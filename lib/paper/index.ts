/** The paper's published numbers and their recomputation (Tables 1-8). */
export { paperRows, paperRow, paperSummary, paperDifferences, isRandomRow, rowId } from './data';
export type { PaperRow, PaperFunction, PaperMethod, NodeRule as PaperNodeRule, Slip, SummaryCell, DifferenceCell } from './data';
export { printedNumber, matchesPrinted, roundTo, truncateTo, parsePrintedPolynomial, parsePrintedTerms, correctedText } from './printed';
export type { PrintedNumber, PrintedTerm } from './printed';
export { compareCoefficients, checkMetric, checkMetrics, NOISE } from './compare';
export type { CoefficientCheck, MetricCheck, MetricAgreement } from './compare';
export { legendreProjection } from './legendre';
export { recipe, rowActivation, PAPER_INTERVAL, PAPER_GRID, DENSE_GRID, PAPER_M } from './recipes';
export type { Recipe } from './recipes';
export { randomRowDistribution, spread as seedSpread } from './random';
export type { RandomRowDistribution, Spread, DistributionOptions } from './random';
export { candidates as cryptodlCandidates, identifyCryptoDL } from './cryptodl';
export type { Candidate, Identification } from './cryptodl';
export { compareRow, compareRows, statusCounts, ROW_STATUSES, DROP } from './rows';
export type { RowComparison, RowStatus, GridMetrics, CompareOptions } from './rows';
export { table6, table7, table8, ourRho } from './summary';
export type { SummaryComparison, DifferenceComparison, BestEntry } from './summary';
export { methodLabel, functionLabel } from './labels';
