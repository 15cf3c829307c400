/**
 * The whole Section 5 study for one configuration: random sampling (lower bound), adversarial
 * search from the worst random inputs (better lower bound) and the certified upper bound, side
 * by side with the paper's 0.200293. The CLI and notebook 06 both call this.
 */
import { requireInteger } from '../errors';
import type { Polynomial } from '../polynomial';
import { certifiedBound, type CertifiedBound } from './bound';
import { runNetworkExperiment, type ExperimentResult } from './experiment';
import { experimentInput } from './inputs';
import { networkModel } from './model';
import { PAPER_MAX_DEVIATION } from './presets';
import type { ScalingMode } from './scaling';
import { searchWorstInput, type SearchResult } from './search';

export interface NetworkReportOptions {
  poly?: Polynomial | string;
  scaling?: ScalingMode;
  weightSeed?: string | number;
  /** Random inputs (default 10^6). */
  inputs?: number;
  /** Seed of the random inputs (default 1). */
  seed?: string | number;
  workers?: number;
  /** Gradient steps per search start (default 100; 0 skips the search). */
  searchSteps?: number;
  /** How many of the worst random inputs seed the search (default 4). */
  searchStarts?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface NetworkReport {
  readonly poly: string;
  readonly scaling: ScalingMode;
  readonly weightSeed: string;
  readonly paper: number;
  readonly experiment: Omit<ExperimentResult, 'deviations'>;
  /** null when searchSteps = 0. */
  readonly search: Omit<SearchResult, 'input'> | null;
  readonly worstInput: Float64Array;
  readonly bound: CertifiedBound;
  /** paper, random max, search max, certified bound. */
  readonly bracket: { paper: number; randomMax: number; searchMax: number | null; upperBound: number };
}

export async function networkReport(options: NetworkReportOptions = {}): Promise<NetworkReport> {
  const model = networkModel({ poly: options.poly, scaling: options.scaling, weightSeed: options.weightSeed });
  const seed = options.seed ?? 1;
  const steps = requireInteger('searchSteps', options.searchSteps ?? 100, 0, 100000);
  const nStarts = requireInteger('searchStarts', options.searchStarts ?? 4, 0, 64);
  const full = await runNetworkExperiment(model, { inputs: options.inputs, seed, workers: options.workers, onProgress: options.onProgress });
  const { deviations, ...experiment } = full;
  let search: SearchResult | null = null;
  if (steps > 0) {
    const starts = experiment.worst.slice(0, nStarts).map((i) => ({ name: `random input #${i}`, input: experimentInput(seed, i) }));
    search = searchWorstInput(model, { starts, steps });
  }
  const bound = certifiedBound(model);
  const worstInput = search && search.deviation > experiment.max ? search.input : experimentInput(seed, experiment.argmax);
  let searchPart: Omit<SearchResult, 'input'> | null = null;
  if (search) { const { input: _input, ...rest } = search; searchPart = rest; }
  return {
    poly: model.kernel.label, scaling: model.scales.mode, weightSeed: model.weights.seed, paper: PAPER_MAX_DEVIATION,
    experiment, search: searchPart, worstInput, bound,
    bracket: { paper: PAPER_MAX_DEVIATION, randomMax: experiment.max, searchMax: search ? Math.max(search.deviation, experiment.max) : null, upperBound: bound.bound },
  };
}

export interface SensitivityRow {
  scaling: ScalingMode;
  weightSeed: string;
  randomMax: number;
  q99: number;
  searchMax: number | null;
  upperBound: number;
}

/** The bracket for each weight seed and scaling mode (the choices the paper leaves open). */
export async function seedSensitivity(options: NetworkReportOptions & { weightSeeds?: (string | number)[]; scalings?: ScalingMode[] } = {}): Promise<SensitivityRow[]> {
  const rows: SensitivityRow[] = [];
  for (const scaling of options.scalings ?? ['fixed', 'per-input']) {
    for (const weightSeed of options.weightSeeds ?? [1, 2, 3, 4, 5]) {
      const r = await networkReport({ ...options, scaling, weightSeed });
      rows.push({
        scaling, weightSeed: String(weightSeed), randomMax: r.experiment.max,
        q99: r.experiment.quantiles.find((q) => q.q === 0.99)?.value ?? NaN,
        searchMax: r.bracket.searchMax, upperBound: r.bound.bound,
      });
    }
  }
  return rows;
}

/** One row of the side-by-side bracket table (and of `deviationBracketFigure`). */
export interface BracketTableRow {
  label: string;
  paper: number;
  randomMax: number;
  searchMax: number | null;
  upperBound: number;
  inputs: number;
  inputsPerSecond: number;
}

/** The bracket of each report as table rows: paper, random max, search max, certified bound. */
export function bracketRows(reports: readonly NetworkReport[]): BracketTableRow[] {
  return reports.map((r) => ({
    label: `${r.poly}, ${r.scaling}, weights ${r.weightSeed}`,
    paper: r.paper, randomMax: r.bracket.randomMax, searchMax: r.bracket.searchMax, upperBound: r.bracket.upperBound,
    inputs: r.experiment.inputs, inputsPerSecond: r.experiment.inputsPerSecond,
  }));
}

/** `networkReport` for every polynomial x scaling (same weights and inputs), in that order. */
export async function polynomialComparison(options: NetworkReportOptions & { polys: (string | Polynomial)[]; scalings?: ScalingMode[] }): Promise<NetworkReport[]> {
  const out: NetworkReport[] = [];
  for (const scaling of options.scalings ?? ['fixed', 'per-input']) {
    for (const poly of options.polys) out.push(await networkReport({ ...options, poly, scaling }));
  }
  return out;
}
