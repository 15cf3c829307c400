/** Display helpers for notebooks: plots, tables, markdown (see bundle.ts for how they reach Jupyter). */
export { displayBundle, inKernel, setDisplaySink, type DisplaySink, type MimeBundle } from './bundle';
export { formatNumber, formatNumberLatex } from './format';
export { markdown } from './markdown';
export { list, percent, valuesByRange } from './prose';
export { initPlots, plot, plotBundle, plotHtml, plotlyJson, plotText, PLOTLY_INIT_METADATA, PLOTLY_MIME, type Config, type Data, type Figure, type Layout, type PlotOptions } from './plot';
export { simplifyFigure, SIMPLIFY_TOLERANCE } from './simplify';
export { Table, table, type Column, type ColumnSpec, type Row, type TableOptions } from './table';
