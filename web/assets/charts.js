// Dashboard and report charts: each <canvas data-chart="id"> takes its data from
// <script id="id">: {type, labels, datasets}, and optionally `horizontal` (bars along the
// x axis, for long names), `stacked`, and `decimals` (the ticks' precision; 0 by default).
import { Chart, registerables } from 'chart.js';

import { readJson } from './layout';

Chart.register(...registerables);

const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2'];

function config(spec) {
  const line = spec.type === 'line';
  const stacked = Boolean(spec.stacked);
  const value = { beginAtZero: true, stacked, ticks: { precision: spec.decimals ?? 0 } };
  return {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((set, i) => ({
        ...set,
        backgroundColor: line ? `${COLORS[i % COLORS.length]}33` : COLORS[i % COLORS.length],
        borderColor: COLORS[i % COLORS.length],
        borderWidth: line ? 2 : 0,
        tension: 0.25,
        fill: line,
        pointRadius: line ? 3 : 0,
        maxBarThickness: 56,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: { legend: { position: 'bottom' } },
      scales: spec.horizontal ? { x: value, y: { stacked } } : { y: value, x: { stacked } },
    },
  };
}

document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
  const spec = readJson(canvas.dataset.chart);
  if (!spec) return;
  new Chart(canvas, config(spec));
  canvas.dataset.ready = 'true';
});
