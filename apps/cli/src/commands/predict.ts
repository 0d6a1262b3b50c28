import type { Command } from 'commander';
import { tensor, type Tensor } from '@rectify/tensor';
import { useBackend } from '../backend.js';
import type { Io } from '../main.js';
import { DEFAULT_MAX_PIXELS } from '../predict/image-header.js';
import { readPredictInput } from '../predict/inputs.js';
import { openModelDir, type ModelInfo } from '../run-dir/model-dir.js';
import { CliError } from '../errors.js';
import { modelInputShape, standardizeLike } from './model-data.js';
import { choice, delimiter, positiveInt } from './parsers.js';

interface PredictOptions {
  input: string;
  header: boolean;
  delimiter?: string;
  top: number;
  maxPixels: number;
  backend: 'cpu' | 'gpu' | 'wasm';
  json?: boolean;
}

interface Prediction {
  readonly class?: number;
  readonly label?: string;
  readonly probability?: number;
  readonly top?: ReadonlyArray<{ class: number; label: string; probability: number }>;
  readonly value?: number | number[];
}

function label(info: ModelInfo | undefined, c: number): string {
  return info?.classNames?.[c] ?? info?.vocabulary?.[c] ?? String(c);
}

/** Class scores to ranked predictions, or raw values for regression. */
function toPredictions(out: Float32Array, n: number, info: ModelInfo | undefined, top: number): Prediction[] {
  const k = out.length / n;
  const regression = info?.task === 'regression' || (info === undefined && k === 1);
  return Array.from({ length: n }, (_, i) => {
    const row = Array.from(out.subarray(i * k, (i + 1) * k));
    if (regression) return { value: row.length === 1 ? row[0]! : row };
    const ranked = row
      .map((p, c) => ({ class: c, label: label(info, c), probability: p }))
      .sort((a, b) => b.probability - a.probability);
    const best = ranked[0]!;
    return { class: best.class, label: best.label, probability: best.probability, top: ranked.slice(0, top) };
  });
}

/** A NaN prediction is a broken model, not an answer: refuse to print it as one (exit 1). */
function checkFinite(out: Float32Array, n: number, dir: string): void {
  const k = out.length / n;
  const bad: number[] = [];
  for (let i = 0; i < n; i++) if (out.subarray(i * k, (i + 1) * k).some((v) => !Number.isFinite(v))) bad.push(i + 1);
  if (bad.length === 0) return;
  const which = bad.length > 5 ? `${bad.slice(0, 5).join(', ')}, …` : bad.join(', ');
  throw new CliError(
    `the model in ${dir} gave outputs that are not numbers (NaN or infinite) for ${bad.length} of ${n} samples (sample ${which}); its weights or the input are broken`,
  );
}

const show = (s: string) => JSON.stringify(s).slice(1, -1);

/** `rectify predict <model-dir> --input <file>`: the model's outputs for samples in a CSV, JSON or PNG file. */
export function registerPredict(program: Command, io: Io): void {
  program
    .command('predict')
    .argument('<model-dir>', 'a model directory (with model.json) or a run directory')
    .description('predict with a saved model on samples from a CSV, JSON or PNG file')
    .requiredOption(
      '--input <file>',
      '.csv (header + feature columns), .json (a sample, a list of samples or text) or .png (an image)',
    )
    .option('--no-header', 'the .csv file has no header row: its columns are the model inputs in training order')
    .option(
      '--delimiter <char>',
      "the .csv field separator, e.g. ';' or tab (default: detected from the first line)",
      delimiter,
    )
    .option(
      '--max-pixels <n>',
      'refuse a .png whose header declares more pixels than this, before decoding it',
      positiveInt,
      DEFAULT_MAX_PIXELS,
    )
    .option('--top <k>', 'classes to list per sample', positiveInt, 3)
    .option('--backend <name>', 'cpu, gpu or wasm', choice(['cpu', 'gpu', 'wasm'] as const), 'cpu')
    .option('--json', 'print one JSON object: {"predictions": [...]}')
    .action(async (path: string, o: PredictOptions) => {
      await useBackend(o.backend);
      const { dir, model, info } = await openModelDir(path, (line) => io.stderr.write(`rectify: ${line}\n`));
      const inputShape = modelInputShape(model) ?? info?.inputShape;
      if (inputShape === undefined) throw new CliError(`${dir}: the model has no known input shape`);
      const csv = {
        header: o.header,
        ...(o.delimiter !== undefined && { delimiter: o.delimiter }),
        note: (line: string) => io.stderr.write(`rectify: ${line}\n`),
      };
      const raw = readPredictInput(o.input, inputShape, info, { csv, maxPixels: o.maxPixels });
      const input = standardizeLike({ x: raw.x, y: new Float32Array(raw.n), n: raw.n }, info);
      const x = tensor(input.x, [input.n, ...inputShape], 'float32');
      const out = model.predict(x, { batchSize: 256 }) as Tensor;
      const values = Float32Array.from(out.dataSync());
      x.dispose();
      out.dispose();
      model.dispose();
      checkFinite(values, input.n, dir);
      const predictions = toPredictions(values, input.n, info, o.top);
      if (o.json) {
        io.stdout.write(`${JSON.stringify({ predictions })}\n`);
        return;
      }
      predictions.forEach((p, i) => {
        const head = `sample ${i + 1}:`;
        if (p.value !== undefined)
          io.stdout.write(
            `${head} ${Array.isArray(p.value) ? p.value.map((v) => v.toFixed(4)).join(', ') : p.value.toFixed(4)}\n`,
          );
        else
          io.stdout.write(
            `${head} ${show(p.label!)} (p=${p.probability!.toFixed(3)})  top: ${p.top!.map((t) => `${show(t.label)} ${t.probability.toFixed(3)}`).join(', ')}\n`,
          );
      });
    });
}
