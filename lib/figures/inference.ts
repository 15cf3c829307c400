/** Figure of the private-inference notebook (10): the error per layer against its a priori bound, per layout. */
import type { Figure } from '../display/plot';
import { InputError } from '../errors';
import { LAYERS } from '../he/inference/network';
import type { InferenceReport } from '../he/inference/report';

const COLORS: Record<string, string> = { batch: '#1f77b4', packed: '#ff7f0e' };

/** Bars: max |decrypted - float64| per layer of each traced run; open markers: the a priori bound (log scale). */
export function inferenceErrorFigure(reports: readonly InferenceReport[]): Figure {
  const traced = reports.filter((r) => r.layerErrors);
  if (traced.length === 0) throw new InputError('reports', 'expected at least one report run with trace (layerErrors)');
  const data: Figure['data'] = [];
  for (const r of traced) {
    const layers = LAYERS.filter((l) => r.layerErrors![l] !== undefined);
    const name = `${r.layout} (${r.images} image${r.images > 1 ? 's' : ''})`;
    data.push({ type: 'bar', name: `${name}: measured`, x: layers, y: layers.map((l) => r.layerErrors![l]!), marker: { color: COLORS[r.layout] ?? '#7f7f7f' } });
    data.push({ type: 'scatter', mode: 'markers', name: `${name}: a priori bound`, x: layers, y: layers.map((l) => r.bound.perLayer[l]), marker: { color: COLORS[r.layout] ?? '#7f7f7f', symbol: 'diamond-open', size: 11 } });
  }
  return {
    data,
    layout: {
      title: { text: 'Max |decrypted - float64| per layer (window units t before an activation, network units after)' },
      barmode: 'group',
      xaxis: { title: { text: 'layer' } },
      yaxis: { title: { text: 'max absolute error' }, type: 'log', exponentformat: 'power' },
      legend: { orientation: 'h', y: -0.2 },
      margin: { t: 50, r: 20, b: 60, l: 70 },
      height: 440,
    },
  };
}
