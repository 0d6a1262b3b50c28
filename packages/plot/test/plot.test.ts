import { describe, expect, it } from 'vitest';
import {
  type LinePlot,
  type PlotSpec,
  checkPlotSpec,
  extent,
  formatTick,
  histogramCounts,
  makeScale,
  niceTicks,
  plotGrid,
  renderPlot,
} from '@rectify/plot';

const points = (svg: string): number[] => [...svg.matchAll(/data-points="(\d+)"/g)].map((m) => Number(m[1]));

describe('checkPlotSpec', () => {
  it('copies typed arrays into plain arrays', () => {
    const spec = checkPlotSpec({ series: [{ name: 'a', x: Float32Array.of(0, 1), y: [2, 3] }] } as never) as LinePlot;
    expect(spec.series[0]).toEqual({ name: 'a', x: [0, 1], y: [2, 3] });
  });

  it('names the series and the problem in its errors', () => {
    expect(() => checkPlotSpec({ series: [] })).toThrow(
      'plot: series must be a non-empty array, received an empty array',
    );
    expect(() => checkPlotSpec({ series: [{ name: 'loss', x: [1, 2], y: [1] }] })).toThrow(
      "plot: series[0] ('loss') has 2 x values and 1 y values",
    );
    expect(() => checkPlotSpec({ series: [{ name: 'a', x: [1, '2'], y: [1, 2] }] } as never)).toThrow(
      'plot: series[0].x[1] must be a number, received string',
    );
    expect(() => checkPlotSpec({ kind: 'bar', labels: ['a', 'b'], series: [{ name: 'g', values: [1] }] })).toThrow(
      "plot: series[0] ('g') has 1 values for 2 labels",
    );
    expect(() => checkPlotSpec({ kind: 'pie', series: [{ name: 'a', x: [], y: [] }] } as never)).toThrow(
      "plot: kind must be 'line', 'bar' or 'histogram', received 'pie'",
    );
    expect(() => checkPlotSpec(null as never)).toThrow('plot: expected a plot spec object, received null');
  });
});

describe('scales', () => {
  it('picks round ticks of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.93, 0.97, 4)).toEqual([0.93, 0.94, 0.95, 0.96, 0.97]);
    expect(niceTicks(-5, 5)).toEqual([-4, -2, 0, 2, 4]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('ignores non-finite values, and values <= 0 on a log axis', () => {
    expect(extent([NaN, 1, Infinity, 3], false)).toEqual([0.9, 3.1]);
    expect(extent([0, -1, 1e-3, 10], true)).toEqual([1e-3, 10]);
    expect(extent([], false)).toEqual([0, 1]);
  });

  it('maps log values by decades', () => {
    const s = makeScale(1e-3, 1e1, 0, 400, true);
    expect(s(1e-3)).toBe(0);
    expect(s(1e-1)).toBeCloseTo(200, 9);
    expect(s.ticks).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
  });

  it('formats ticks briefly', () => {
    expect([0, 0.25, 2500, 1e-3, 2e5, 0.000123, -1.5e-3].map(formatTick)).toEqual([
      '0',
      '0.25',
      '2500',
      '1e-3',
      '2e5',
      '1.23e-4',
      '-1.5e-3',
    ]);
  });
});

describe('renderPlot', () => {
  it('draws one path per line series and breaks it at non-finite points', () => {
    const svg = renderPlot({
      title: 'T <&>',
      series: [
        { name: 'a', x: [0, 1, 2, 3], y: [0, NaN, 2, 3] },
        { name: 'b', x: [0, 1], y: [1, 1], dashed: true },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(points(svg)).toEqual([3, 2]);
    expect(svg).toContain('M'); // a new subpath after the gap
    expect((svg.match(/d="M[^"]*M/g) ?? []).length).toBe(1);
    expect(svg).toContain('T &#60;&#38;&#62;');
    expect(svg).toContain('stroke-dasharray="5 3"');
  });

  it('draws one rect per finite bar, leaving out values <= 0 on a log axis', () => {
    const spec: PlotSpec = {
      kind: 'bar',
      yScale: 'log',
      labels: ['1', '2', '3'],
      series: [
        { name: 'g', values: [1e-4, 0, 1] },
        { name: 'h', values: [1, 1, NaN] },
      ],
    };
    const svg = renderPlot(spec);
    expect([...svg.matchAll(/data-value="([^"]+)"/g)].map((m) => Number(m[1]))).toEqual([1e-4, 1, 1, 1]);
  });

  it('puts the legend under the plot, growing the picture', () => {
    const svg = renderPlot(
      {
        series: [
          { name: 'a', x: [0, 1], y: [0, 1] },
          { name: 'b', x: [0, 1], y: [1, 0] },
        ],
      },
      400,
      200,
    );
    expect(svg).toMatch(/viewBox="0 0 400 22\d"/);
    expect(svg).toContain('class="legend"');
  });
});

describe('histograms', () => {
  it('counts values per bin, ignoring NaN and clamping values outside the range', () => {
    expect(histogramCounts([0, 0.1, 0.5, 0.99, 1, NaN, -5], 2, 0, 1)).toEqual([3, 3]);
    expect(histogramCounts([], 3, 0, 1)).toEqual([0, 0, 0]);
  });

  it('draws one bar per bin and checks its spec', () => {
    const svg = renderPlot({ kind: 'histogram', title: 'dense_1', counts: [1, 4, 2], min: -1, max: 2 });
    expect([...svg.matchAll(/data-value="([^"]+)"/g)].map((m) => Number(m[1]))).toEqual([1, 4, 2]);
    expect(() => checkPlotSpec({ kind: 'histogram', counts: [], min: 0, max: 1 })).toThrow(
      'plot: a histogram needs at least one bin, received an empty counts array',
    );
    expect(() => checkPlotSpec({ kind: 'histogram', counts: [1], min: 2, max: 1 })).toThrow(
      'plot: a histogram needs finite min <= max, received min=2, max=1',
    );
  });
});

describe('plotGrid', () => {
  it('lays plots out in rows of `columns`, each row as tall as its tallest plot', () => {
    const line = {
      series: [
        { name: 'a', x: [0, 1], y: [0, 1] },
        { name: 'b', x: [0, 1], y: [1, 0] },
      ],
    };
    const hist: PlotSpec = { kind: 'histogram', counts: [1, 2], min: 0, max: 1 };
    const svg = plotGrid([line, hist, hist], { columns: 2, width: 400, height: 200 });
    const nested = [...svg.matchAll(/<svg [^>]*class="rf-plot" x="(\d+)" y="(\d+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const legendRow = Number(/viewBox="0 0 400 (\d+)"/.exec(svg)![1]); // the line plot grows by its legend
    expect(legendRow).toBeGreaterThan(200);
    expect(nested).toEqual([
      [0, 0],
      [400, 0],
      [0, legendRow],
    ]);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*viewBox="0 0 800 ${legendRow + 200}"`));
    expect(svg).toContain('fill="white"');
  });
});
