/**
 * Section 4: the recomputed tables as figures: the status of every row, the random-node rows as
 * distributions over seeds with the printed value marked, and Table 6 printed beside recomputed.
 */
import type { Data, Figure } from '../display/plot';
import { functionLabel } from '../paper/labels';
import type { RowComparison, RowStatus } from '../paper/rows';
import { ROW_STATUSES } from '../paper/rows';
import type { SummaryComparison } from '../paper/summary';

const STATUS_COLORS: Record<RowStatus, string> = {
  reproduced: '#2ca02c', rounding: '#bcbd22', 'slip in the paper': '#ff7f0e', 'random row': '#1f77b4', 'not reproduced': '#d62728',
};

/** Stacked bars: rows per status in each table. */
export function statusFigure(rows: readonly RowComparison[]): Figure {
  const tables = [...new Set(rows.map((r) => r.row.table))].sort();
  return {
    data: ROW_STATUSES.map((s) => ({
      type: 'bar', name: s, marker: { color: STATUS_COLORS[s] },
      x: tables.map((t) => `Table ${t}`), y: tables.map((t) => rows.filter((r) => r.row.table === t && r.status === s).length),
    } as Data)),
    layout: {
      title: { text: 'Rows of Tables 1-5 by status' }, barmode: 'stack',
      yaxis: { title: { text: 'rows' } }, legend: { orientation: 'h' }, height: 380, margin: { t: 50, r: 20, b: 50, l: 60 },
    },
  };
}

/**
 * The random-node rows: rho over the seeds as a box per row (one panel per function), the printed
 * value as a red diamond.
 */
export function randomRowsFigure(rows: readonly RowComparison[]): Figure {
  const random = rows.filter((r) => r.distribution);
  const fns = [...new Set(random.map((r) => r.row.function))];
  const data: Data[] = [];
  const layout: Record<string, unknown> = {
    title: { text: `Random-node rows: rho on the 201-point grid over ${random[0]?.distribution?.seeds ?? 0} seeds (m = ${random[0]?.distribution?.m ?? 0}); red: printed` },
    grid: { rows: 1, columns: fns.length, pattern: 'independent' }, showlegend: false,
    height: 440, margin: { t: 60, r: 20, b: 110, l: 60 }, annotations: [],
  };
  fns.forEach((fn, i) => {
    const s = i === 0 ? '' : String(i + 1);
    for (const r of random.filter((x) => x.row.function === fn)) {
      const d = r.distribution!;
      const name = `${r.row.nodes}, N=${r.row.degree}`;
      data.push({
        type: 'box', name, x: [name], q1: [0], median: [d.rho.median], q3: [0], lowerfence: [d.rho.min], upperfence: [d.rho.max],
        marker: { color: '#1f77b4' }, xaxis: `x${s}`, yaxis: `y${s}`,
      } as unknown as Data);
      // q1/q3: the 5th and 95th percentiles, so the box spans 90% of the seeds.
      (data[data.length - 1] as unknown as Record<string, unknown>).q1 = [d.rho.p5];
      (data[data.length - 1] as unknown as Record<string, unknown>).q3 = [d.rho.p95];
      data.push({
        type: 'scatter', mode: 'markers', x: [name], y: [r.row.rho.value], marker: { color: '#d62728', symbol: 'diamond', size: 10 },
        text: [`printed ${r.row.rho.text}, percentile ${d.rho.percentile.toFixed(1)}`], hoverinfo: 'text', xaxis: `x${s}`, yaxis: `y${s}`,
      } as Data);
    }
    (layout.annotations as unknown[]).push({ text: functionLabel(fn), xref: `x${s} domain`, yref: `y${s} domain`, x: 0.5, y: 1.0, yanchor: 'bottom', showarrow: false });
    layout[`yaxis${s}`] = { title: i === 0 ? { text: 'rho (box: 5-95%, whiskers: min-max)' } : undefined };
    layout[`xaxis${s}`] = { tickangle: -45 };
  });
  return { data, layout: layout as Figure['layout'] };
}

/** Table 6: the printed best rho beside our best on the 201-point grid and on the dense grid (deterministic rows). */
export function table6ComparisonFigure(summary: readonly SummaryComparison[]): Figure {
  const x = summary.map((s) => `${functionLabel(s.function)} N=${s.degree}`);
  const bar = (name: string, y: (number | null)[], text: string[], color: string): Data => ({ type: 'bar', name, x, y, text, textposition: 'none', hoverinfo: 'y+text', marker: { color } } as Data);
  return {
    data: [
      bar('printed (Table 6)', summary.map((s) => s.printed?.rho.value ?? null), summary.map((s) => s.printed ? `${s.printed.method}${s.printed.nodes ? `, ${s.printed.nodes}` : ''}` : ''), '#7f7f7f'),
      bar('ours, 201 points (random rows: median)', summary.map((s) => s.best201.rho), summary.map((s) => s.best201.label), '#1f77b4'),
      bar('ours, 100001 points (deterministic rows)', summary.map((s) => s.bestDense?.rho ?? null), summary.map((s) => s.bestDense?.label ?? ''), '#ff7f0e'),
    ],
    layout: {
      title: { text: 'Table 6: best rho per function and degree, printed and recomputed' }, barmode: 'group',
      yaxis: { title: { text: 'rho' } }, legend: { orientation: 'h' }, height: 420, margin: { t: 50, r: 20, b: 60, l: 60 },
    },
  };
}


