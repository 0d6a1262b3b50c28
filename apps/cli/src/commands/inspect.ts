import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { useBackend } from '../backend.js';
import { take } from '../datasets/split.js';
import { diagnose } from '../inspect/diagnostics.js';
import type { Io } from '../main.js';
import { table } from '../output/table.js';
import { plotGrid } from '@rectify/plot';
import { writeFileAtomicSync } from '@rectify/interop/node';
import { openModelDir } from '../run-dir/model-dir.js';
import { splitTensors } from '../train/tensors.js';
import { chooseSplit, datasetForModel } from './model-data.js';
import { choice, positiveInt } from './parsers.js';

interface InspectOptions {
  dataset?: string;
  target?: string;
  split: 'test' | 'train' | 'all';
  samples: number;
  plot?: string;
  backend: 'cpu' | 'gpu' | 'wasm';
  json?: boolean;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** `rectify inspect <model-dir>`: the summary plus per-layer diagnostics on a batch, and histograms as a plot. */
export function registerInspect(program: Command, io: Io): void {
  program
    .command('inspect')
    .argument('<model-dir>', 'a model directory (with model.json) or a run directory')
    .description(
      'model summary plus per-layer diagnostics on a batch: active units, dead units, saturation, output mean/variance, gradient norm, histograms',
    )
    .option('--dataset <name>', 'dataset to draw the batch from (default: the one the model was trained on)')
    .option('--target <column>', 'csv datasets: the target column')
    .option('--split <split>', 'test, train or all', choice(['test', 'train', 'all'] as const), 'test')
    .option('--samples <n>', 'batch size for the diagnostics', positiveInt, 256)
    .option('--plot <file>', 'where to write the histograms (SVG; default: inspect.svg in the run directory)')
    .option('--backend <name>', 'cpu, gpu or wasm', choice(['cpu', 'gpu', 'wasm'] as const), 'cpu')
    .option('--json', 'print one JSON object with the summary text and the diagnostics')
    .action(async (path: string, o: InspectOptions) => {
      await useBackend(o.backend);
      const { dir, model, info } = await openModelDir(path, (line) => io.stderr.write(`rectify: ${line}\n`));
      const data = datasetForModel(model, info, dir, o);
      const split = chooseSplit(data, o.split);
      const batch = take(
        split,
        Array.from({ length: Math.min(o.samples, split.n) }, (_, i) => i),
      );
      const { x, y } = splitTensors(batch, data);
      let summary = '';
      model.summary({ printFn: (s) => (summary = s) });
      const rows = diagnose(model, x, y);
      x.dispose();
      y.dispose();
      model.dispose();
      const plot = o.plot ?? join(dir.endsWith('model') ? dirname(dir) : dir, 'inspect.svg');
      writeFileAtomicSync(
        plot,
        plotGrid(
          rows.map((r) => ({
            kind: 'histogram',
            title: `${r.layer} (${r.activation})`,
            xLabel: 'output value',
            ...r.histogram,
          })),
          { columns: 3, width: 400, height: 260 },
        ),
      );
      if (o.json) {
        io.stdout.write(`${JSON.stringify({ summary, samples: batch.n, dataset: data.name, layers: rows, plot })}\n`);
        return;
      }
      io.stdout.write(`${summary}\n\nDiagnostics on ${batch.n} samples of ${data.name} (${o.split} split):\n`);
      io.stdout.write(
        table(
          ['layer', 'activation', 'units', 'active', 'dead', 'saturated', 'mean', 'variance', 'grad norm'],
          rows.map((r) => [
            r.layer,
            r.activation,
            String(r.units),
            pct(r.fractionActive),
            String(r.deadUnits),
            pct(r.fractionSaturated),
            r.mean.toFixed(4),
            r.variance.toFixed(4),
            r.gradNorm.toExponential(2),
          ]),
        ),
      );
      io.stdout.write(`histograms: ${plot}\n`);
    });
}
