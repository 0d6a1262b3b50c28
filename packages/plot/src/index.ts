/**
 * @rectify/plot — small SVG charts, the same in Node and in the browser: the docs site draws its examples and
 * playground with it, the `rectify` CLI its training curves, comparisons and histograms.
 */
export {
  type BarPlot,
  type HistogramPlot,
  type LinePlot,
  type LineSeries,
  type PlotSpec,
  checkPlotSpec,
  histogramCounts,
} from './plot-spec.js';
export { PALETTE, plotGrid, renderPlot } from './svg-plot.js';
export { type Scale, extent, formatTick, makeScale, niceTicks } from './scale.js';
