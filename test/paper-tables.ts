/**
 * The deterministic rows of Tables 1-3 of the paper (paper.ru.txt), typed in by hand: method,
 * options, degree, the printed monomial coefficients (ascending; null = a printed floating-point
 * noise term such as "-7.846·10^-21 x^3", which no computation reproduces digit for digit) and the
 * printed normalised MSE, max_loss, rho on the 201-point grid.
 */
export interface PaperRow {
  table: 1 | 2 | 3;
  label: string;
  fn: 'relu' | 'sigmoid' | 'tanh';
  method: 'numerical' | 'chebyshev' | 'taylor' | 'derivative';
  options: Record<string, unknown>;
  degree: 2 | 3 | 4;
  /** c0..cN as printed; null marks a noise term (|c| * 200^k below 1e-12 of the scale). */
  coefficients: (string | null)[];
  mse: string;
  maxLoss: string;
  rho: string;
}

const numCheb = { nodes: 'chebyshev', m: 1000 };
const row = (table: 1 | 2 | 3, label: string, fn: PaperRow['fn'], method: PaperRow['method'], options: Record<string, unknown>, degree: 2 | 3 | 4,
  coefficients: (string | null)[], mse: string, maxLoss: string, rho: string): PaperRow =>
  ({ table, label, fn, method, options, degree, coefficients, mse, maxLoss, rho });

export const paperRows: PaperRow[] = [
  // Table 1 (ReLU), "Численный метод. x_i - корни многочленов Чебышёва"
  row(1, 'numerical, Chebyshev roots', 'relu', 'numerical', numCheb, 2, ['21.22', '0.5', '0.002122'], '0.0015', '0.1061', '0.1061'),
  row(1, 'numerical, Chebyshev roots', 'relu', 'numerical', numCheb, 3, ['21.22', '0.5', '0.002122', null], '0.0015', '0.1061', '0.1061'),
  row(1, 'numerical, Chebyshev roots', 'relu', 'numerical', numCheb, 4, ['12.73', '0.5', '0.00382', null, '-4.244e-8'], '0.0004', '0.0637', '0.0637'),
  // Table 1, "Ряд Тейлора"
  row(1, 'Taylor', 'relu', 'taylor', {}, 2, ['40', '0.5', '0.001472'], '0.0063', '0.2', '0.2'),
  row(1, 'Taylor', 'relu', 'taylor', {}, 3, [null, '0.634', '0.003028', '-4.466e-6'], '0.0063', '0.1503', '0.1504'),
  row(1, 'Taylor', 'relu', 'taylor', {}, 4, ['28.57', '0.5', '0.002091', null, '-1.03e-8'], '0.0025', '0.1429', '0.1429'),
  // Table 1, "Полиномы Чебышёва"
  row(1, 'Chebyshev', 'relu', 'chebyshev', {}, 2, ['21.22', '0.5', '0.002122'], '0.0015', '0.1061', '0.1061'),
  row(1, 'Chebyshev', 'relu', 'chebyshev', {}, 3, ['21.22', '0.5', '0.002122', null], '0.0015', '0.1061', '0.1061'),
  row(1, 'Chebyshev', 'relu', 'chebyshev', {}, 4, ['12.73', '0.5', '0.00382', null, '-4.244e-8'], '0.0004', '0.0637', '0.0637'),
  // Table 1, "Аппроксимация производной (функция Хевисайда)"
  row(1, 'derivative (Heaviside)', 'relu', 'derivative', {}, 2, ['36.34', '0.5', '0.001592'], '0.0047', '0.1817', '0.1818'),
  row(1, 'derivative (Heaviside)', 'relu', 'derivative', {}, 3, ['36.34', '0.5', '0.001592', null], '0.0047', '0.1817', '0.1818'),
  row(1, 'derivative (Heaviside)', 'relu', 'derivative', {}, 4, ['15.12', '0.5', '0.003183', null, '-2.653e-8'], '0.0006', '0.0756', '0.0756'),
  // Table 1, "Аппроксимация производной (логистический сигмоид)"
  row(1, 'derivative (sigmoid)', 'relu', 'derivative', { prime: 'sigmoid' }, 2, ['36.34', '0.5', '0.001591'], '0.0047', '0.1817', '0.1818'),
  row(1, 'derivative (sigmoid)', 'relu', 'derivative', { prime: 'sigmoid' }, 3, ['36.34', '0.5', '0.001591', null], '0.0047', '0.1817', '0.1818'),
  row(1, 'derivative (sigmoid)', 'relu', 'derivative', { prime: 'sigmoid' }, 4, ['15.13', '0.5', '0.003182', null, '-2.652e-8'], '0.0006', '0.0756', '0.0756'),
  // Table 2 (sigmoid), numerical with Chebyshev roots
  row(2, 'numerical, Chebyshev roots', 'sigmoid', 'numerical', numCheb, 2, ['0.5', '0.003183', null], '0.0641', '0.4784', '0.4827'),
  row(2, 'numerical, Chebyshev roots', 'sigmoid', 'numerical', numCheb, 3, ['0.5', '0.006365', null, '-1.061e-7'], '0.0340', '0.4594', '0.4606'),
  row(2, 'numerical, Chebyshev roots', 'sigmoid', 'numerical', numCheb, 4, ['0.5', '0.006365', null, '-1.061e-7', null], '0.0340', '0.4594', '0.4606'),
  // Table 2, Taylor
  row(2, 'Taylor', 'sigmoid', 'taylor', {}, 2, ['0.6', '0.004472', '-7.5e-6'], '0.0756', '0.5944', '0.5992'),
  row(2, 'Taylor', 'sigmoid', 'taylor', {}, 3, ['0.5', '0.003363', null, '-2.437e-8'], '0.0634', '0.4774', '0.4815'),
  row(2, 'Taylor', 'sigmoid', 'taylor', {}, 4, ['0.5714', '0.006377', '-1.071e-5', '-9.958e-8', '2.232e-10'], '0.0374', '0.5303', '0.5316'),
  // Table 2, Chebyshev
  row(2, 'Chebyshev', 'sigmoid', 'chebyshev', {}, 2, ['0.5', '0.003183', null], '0.0641', '0.4784', '0.4827'),
  row(2, 'Chebyshev', 'sigmoid', 'chebyshev', {}, 3, ['0.5', '0.006365', null, '-1.061e-7'], '0.0340', '0.4594', '0.4606'),
  row(2, 'Chebyshev', 'sigmoid', 'chebyshev', {}, 4, ['0.5', '0.006365', null, '-1.061e-7', null], '0.0340', '0.4594', '0.4606'),
  // Table 2, derivative approach (N = 2 prints "-5.818·10^22 x^2": a noise term with a lost minus sign)
  row(2, 'derivative', 'sigmoid', 'derivative', {}, 2, ['0.3183', '0.001592', null], '0.1547', '0.6697', '0.6872'),
  row(2, 'derivative', 'sigmoid', 'derivative', {}, 3, ['0.5305', '0.004774', null, '-5.305e-8'], '0.0445', '0.4994', '0.5014'),
  row(2, 'derivative', 'sigmoid', 'derivative', {}, 4, ['0.5305', '0.004774', null, '-5.305e-8', null], '0.0445', '0.4994', '0.5014'),
  // Table 3 (tanh), numerical with Chebyshev roots
  row(3, 'numerical, Chebyshev roots', 'tanh', 'numerical', numCheb, 2, [null, '0.006366', null], '0.0651', '0.4869', '0.4913'),
  row(3, 'numerical, Chebyshev roots', 'tanh', 'numerical', numCheb, 3, [null, '0.01273', null, '-2.122e-7'], '0.0350', '0.4742', '0.4755'),
  row(3, 'numerical, Chebyshev roots', 'tanh', 'numerical', numCheb, 4, [null, '0.01273', null, '-2.122e-7', null], '0.0350', '0.4742', '0.4755'),
  // Table 3, Taylor
  row(3, 'Taylor', 'tanh', 'taylor', {}, 2, ['0.2', '0.008944', '-1.5e-5'], '0.0766', '0.5944', '0.5993'),
  row(3, 'Taylor', 'tanh', 'taylor', {}, 3, [null, '0.006726', null, '-4.874e-8'], '0.0645', '0.4862', '0.4905'),
  row(3, 'Taylor', 'tanh', 'taylor', {}, 4, ['0.1429', '0.01275', '-2.143e-5', '-1.992e-7', '4.464e-10'], '0.0384', '0.5454', '0.5467'),
  // Table 3, Chebyshev
  row(3, 'Chebyshev', 'tanh', 'chebyshev', {}, 2, [null, '0.006366', null], '0.0651', '0.4869', '0.4912'),
  row(3, 'Chebyshev', 'tanh', 'chebyshev', {}, 3, [null, '0.01273', null, '-2.122e-7'], '0.0350', '0.4742', '0.4755'),
  row(3, 'Chebyshev', 'tanh', 'chebyshev', {}, 4, [null, '0.01273', null, '-2.122e-7', null], '0.0350', '0.4742', '0.4755'),
  // Table 3, derivative approach (constant p(0) = 0)
  row(3, 'derivative', 'tanh', 'derivative', { constant: 'zero' }, 2, [null, '0.003183', null], '0.1227', '0.4933', '0.5083'),
  row(3, 'derivative', 'tanh', 'derivative', { constant: 'zero' }, 3, [null, '0.009549', null, '-1.061e-7'], '0.0446', '0.4806', '0.4826'),
  row(3, 'derivative', 'tanh', 'derivative', { constant: 'zero' }, 4, [null, '0.009549', null, '-1.061e-7', null], '0.0446', '0.4806', '0.4826'),
];
