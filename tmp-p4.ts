import { compareRows } from './lib/paper/rows';
import { table6, table7, table8 } from './lib/paper/summary';
const rows = compareRows([1,2,3,4,5], {seeds: 50});
const t6 = table6(rows);
for (const c of t6) console.log(c.function, c.degree, c.printed?.method, c.printed?.rho.text, '| bestPrinted', c.bestPrinted.label, c.bestPrinted.rho, c.selectionAgrees, '| ours201', c.best201.label, c.best201.rho.toFixed(4), '| dense', c.bestDense?.label, c.bestDense?.rho.toFixed(4));
for (const c of table7(rows)) console.log(c.function, c.degree, c.printed?.rho.text, c.bestPrinted.label, c.selectionAgrees, c.best201.label, c.best201.rho.toFixed(4));
for (const d of table8(t6)) console.log(d);
