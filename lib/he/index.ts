/** Homomorphic encryption (#7): cost model, CKKS parameters, SEAL evaluation, the HE table. */
export { CountingBackend, SimulatedBackend, type Backend, type OpCounts, type SimulatedValue } from './backend';
export { ChebyshevPowers, chebyshevPowerDepth } from './chebyshev-powers';
export { chebyshevDivide, type ChebyshevQuotient } from './chebyshev-division';
export { planScheme, evaluatePlan, evaluatePlanParts, planInputScale, simulate, schemeNames, type SchemeName, type SchemePlan, type PlanOptions, type GiantStep, type PlanParts } from './schemes';
export { foldedForm, foldedDepth, evaluateFolded, evaluateFoldedParts, foldedInputScale, foldedOutputScale, MIN_FOLD_FACTOR, type FoldedForm } from './folded';
export { MonomialPowers, powerDepth, powerFactors } from './monomial-powers';
export { heCost, heCostForDegree, optimalDepth, openFheChebyshevDepth, openFheComparison, type SchemeCost, type OpenFheComparisonRow } from './cost';
export { dynamicRange, type DynamicRange } from './dynamic-range';
export { chooseParameters, maxCoeffModulusBits128, type CkksParameters, type ParameterOptions } from './parameters';
export { CkksSession, SealBackend, loadSeal } from './seal';
export { encryptedEvaluate, heTolerance, type EncryptedEvaluation, type EncryptedEvaluationOptions, type ErrorSummary } from './encrypted';
export { paperBestPolynomials, cryptoDLPolynomials, minimaxPolynomials, hasMinimax, type HeCandidate } from './catalogue';
export { heTable, heTableSummary, heTimesByDepth, type HeTableRow, type HeTableOptions } from './table';
export { stagedForward, encryptedNetwork, type LayerActivation, type StagedResult, type EncryptedNetworkResult } from './network';
