/**
 * The computations `stored` can keep: each with the entry files its results are built from (their
 * module graph is fingerprinted) and a `run` that only forwards its options. Options are plain
 * data (strings, numbers, arrays, Polynomial), never functions: they name the result. A result
 * that holds functions (a `Reproduction`'s `report`) is stored as its data part (`keep`) and
 * rebuilt from it (`revive`); `normalise` fills in defaults, so `{}` and the defaults spelled out
 * name the same stored result.
 */
import { methods } from '../fit/types';
import { networkReport, polynomialComparison, seedSensitivity, type NetworkReportOptions } from '../network/report';
import type { ScalingMode } from '../network/scaling';
import type { Interval, Polynomial } from '../polynomial';
import { compareMethods, defaultVariants, equalPairs, intervalStudy } from '../optimal/study';
import { reproducePaper, reproductionFromRows, reproductionOptions, type Reproduction } from '../paper/reproduction';
import type { CompareOptions, RowComparison } from '../paper/rows';
import type { HeCandidate } from '../he/catalogue';
import { heTable, type HeTableOptions } from '../he/table';
import { mnistContext } from '../mnist/accuracy';
import { accuracyStudy } from '../mnist/study';

/** The fit methods lib/ registers itself: the only ones a stored comparison runs (their code is fingerprinted). */
const LIB_METHODS = new Set(methods().map((m) => m.name));

type Progress = ((done: number, total: number) => void) | undefined;
type ReportOptions = Omit<NetworkReportOptions, 'onProgress' | 'workers'>;
const NETWORK = ['lib/network/report.ts', 'lib/network/worker.ts'];
const OPTIMAL = ['lib/optimal/study.ts'];
const PAPER = ['lib/paper/reproduction.ts'];
type StudyOptions = NonNullable<Parameters<typeof accuracyStudy>[1]>;

export const STORABLE = {
  /** networkReport (lib/network/report.ts): the Section 5 bracket for one configuration. */
  networkReport: { entries: NETWORK, run: (o: ReportOptions, onProgress: Progress) => networkReport({ ...o, onProgress }) },
  /** polynomialComparison: networkReport for every polynomial x scaling. */
  polynomialComparison: {
    entries: NETWORK,
    run: (o: ReportOptions & { polys: (string | Polynomial)[]; scalings?: ScalingMode[] }, onProgress: Progress) => polynomialComparison({ ...o, onProgress }),
  },
  /** seedSensitivity: the bracket for each weight seed and scaling mode. */
  seedSensitivity: {
    entries: NETWORK,
    run: (o: ReportOptions & { weightSeeds?: (string | number)[]; scalings?: ScalingMode[] }, onProgress: Progress) => seedSensitivity({ ...o, onProgress }),
  },
  /** compareMethods (lib/optimal/study.ts) with lib's own methods. */
  compareMethods: {
    entries: OPTIMAL,
    run: (o: { fn: string; interval: Interval; degrees: readonly number[]; grid?: number }) =>
      compareMethods(o.fn, o.interval, o.degrees, { grid: o.grid, variants: defaultVariants().filter((v) => LIB_METHODS.has(v.method)) }),
  },
  /** intervalStudy: rho* and max_loss* by half-width and degree. */
  intervalStudy: {
    entries: OPTIMAL,
    run: (o: { fn: string; halfWidths: readonly number[]; degrees: readonly number[]; grid?: number }) => intervalStudy(o.fn, o.halfWidths, o.degrees, { grid: o.grid }),
  },
  /** equalPairs: minimax max_loss by degree and whether degree N + 1 gives the same polynomial. */
  equalPairs: {
    entries: OPTIMAL,
    run: (o: { fn: string; interval: Interval; degrees: readonly number[]; tolerance?: number; next?: boolean }) =>
      equalPairs(o.fn, o.interval, o.degrees, { tolerance: o.tolerance, next: o.next }),
  },
  /** reproducePaper (lib/paper/reproduction.ts): every row of Tables 1-5 compared, Tables 6-8; stored as its rows. */
  reproducePaper: {
    entries: PAPER,
    normalise: (o: CompareOptions) => reproductionOptions(o),
    run: (o: CompareOptions): Reproduction => reproducePaper(o),
    keep: (r: Reproduction): readonly RowComparison[] => r.rows,
    revive: (rows: readonly RowComparison[], o: CompareOptions): Reproduction => reproductionFromRows(rows, o),
  },
  /** accuracyStudy (lib/mnist/study.ts) of the trained network (data/mnist/trained.json, read at run time) on the test digits. */
  accuracyStudy: {
    entries: ['lib/mnist/study.ts', 'lib/mnist/accuracy.ts'],
    files: ['data/mnist/trained.json'],
    run: (o: StudyOptions) => accuracyStudy(mnistContext(), o),
  },
  /**
   * heTable (lib/he/table.ts): every candidate evaluated under CKKS; stored as its rows. A
   * measurement: the encryption noise (SEAL's own randomness) and the times differ from run to run.
   */
  heTable: {
    entries: ['lib/he/table.ts'],
    measurement: true,
    run: async (o: HeTableOptions & { candidates: readonly HeCandidate[] }) => ({ rows: (await heTable(o.candidates, { scaleBits: o.scaleBits, scheme: o.scheme })).rows }),
  },
} as const;

/** How an entry stores its result when it holds more than data (default: as it is). */
export interface StorableForm {
  /** Data files the computation reads at run time (not imported, so not in its module graph). */
  files?: readonly string[];
  /** Its result is a measurement (noise or times): a recomputation differs, within its bounds. */
  measurement?: boolean;
  normalise?: (options: never) => object;
  keep?: (value: never) => unknown;
  revive?: (kept: never, options: never) => unknown;
}

export type StorableName = keyof typeof STORABLE;
export type StorableOptions<K extends StorableName> = Parameters<(typeof STORABLE)[K]['run']>[0];
export type StorableResult<K extends StorableName> = Awaited<ReturnType<(typeof STORABLE)[K]['run']>>;
