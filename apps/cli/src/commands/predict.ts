import type { Command } from 'commander';
import { tensor, type Tensor } from '@rectify/tensor';
import { useBackend } from '../backend.js';
import type { Io } from '../main.js';
import { DEFAULT_MAX_PIXELS } from '../predict/image-header.js';
import { readPredictInput } from '../predict/inputs.js';
import { openModelDir } from '../run-dir/model-dir.js';
import { CliError } from '../errors.js';
import { checkFinite, predictionLine, toPredictions } from '../predict/predictions.js';
import { predictStreamed, streamsInput } from '../predict/streamed.js';
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

/** `rectify predict <model-dir> --input <file>`: the model's outputs for samples in a CSV, JSON or PNG file. */
export function registerPredict(program: Command, io: Io): void {
  program
    .command('predict')
    .argument('<model-dir>', 'a model directory (with model.json) or a run directory')
    .description('predict with a saved model on samples from a CSV, JSON or PNG file')
    .requiredOption(
      '--input <file>',
      '.csv (header + feature columns), .json (a sample, a list of samples or text), .png (an image), or streamed batch by batch: images:<dir> (every PNG/JPEG in it and its sub-folders) or csv:<path> (also any .csv too large for memory)',
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
      if (streamsInput(o.input)) {
        await predictStreamed(model, info, dir, inputShape, o, (text) => io.stdout.write(text));
        model.dispose();
        return;
      }
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
      predictions.forEach((p, i) => io.stdout.write(`${predictionLine(`sample ${i + 1}:`, p)}\n`));
    });
}
