/** Findings of the notebooks, generated from the results their cells computed (one module per notebook). */
export { activationFindings, sigmoidFlatFrom, tanhFlatFrom } from './activations';
export { optimalFindings, type OptimalNotebookResults } from './optimal';
export { nodeFindings, type NodesNotebookResults } from './nodes';
export { methodFindings, type MethodsNotebookResults } from './methods';
export { metricsFindings, type MetricsNotebookResults } from './metrics';
export { overviewFindings, tablesFindings } from './paper';
export { networkFindings, type NetworkNotebookResults } from './network';
