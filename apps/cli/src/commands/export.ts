import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type LayersModel, ValueError, exportOnnx } from '@rectify/rectify';
import { CliError, UsageError } from '../errors.js';
import type { Io } from '../main.js';
import { INFO_FILE, type ModelInfo, openModelDir } from '../run-dir/model-dir.js';
import { choice, positiveInt } from './parsers.js';

export const EXPORT_FORMATS = ['onnx', 'tfjs'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportOptions {
  format: ExportFormat;
  opset?: number;
  out?: string;
}

/** The .onnx file to write: `--out` (a file, or a directory to put model.onnx in), else `<model-dir>/model.onnx`. */
function onnxPath(dir: string, out: string | undefined): string {
  if (out === undefined) return join(dir, 'model.onnx');
  return existsSync(out) && statSync(out).isDirectory() ? join(out, 'model.onnx') : out;
}

/** The tfjs directory: `--out`, else `<model-dir>/tfjs`; never the model directory, whose model.json it would replace. */
function tfjsDir(dir: string, out: string | undefined): string {
  if (out === undefined) return join(dir, 'tfjs');
  if (resolve(out) === resolve(dir)) {
    throw new UsageError(
      `--out ${out} is the model directory itself; the TensorFlow.js model.json would replace Rectify's, so choose another directory`,
    );
  }
  return out;
}

async function writeOnnx(model: LayersModel, dir: string, o: ExportOptions): Promise<string> {
  const path = onnxPath(dir, o.out);
  try {
    mkdirSync(dirname(path), { recursive: true });
    await exportOnnx(model, path, { opset: o.opset });
  } catch (error) {
    const message = (error as Error).message;
    // The exporter knows which opsets it writes; a bad --opset is the caller's to fix (exit 2), not a failure.
    if (error instanceof ValueError && message.startsWith('exportOnnx: opset '))
      throw new UsageError(`--opset ${message.slice('exportOnnx: opset '.length)}`);
    throw new CliError(`cannot export the model in ${dir} to ONNX: ${message.replace(/^exportOnnx: /, '')}`);
  }
  return path;
}

async function writeTfjs(model: LayersModel, dir: string, o: ExportOptions): Promise<string> {
  const out = tfjsDir(dir, o.out);
  try {
    await model.save(out, { format: 'tfjs' });
  } catch (error) {
    throw new CliError(
      `cannot export the model in ${dir} to TensorFlow.js: ${(error as Error).message.replace(/^(save|saveTfjs|toTfjs): /, '')}`,
    );
  }
  return join(out, 'model.json');
}

/** What a consumer of the exported file must do to the inputs, as `evaluate` and `predict` do. */
function inputNote(dir: string, info: ModelInfo | undefined): string {
  if (info?.standardizer)
    return `note: the model expects standardized features; the training mean and std are in ${join(dir, INFO_FILE)}\n`;
  if (info?.vocabulary) return `note: the model expects token ids; the vocabulary is in ${join(dir, INFO_FILE)}\n`;
  return '';
}

/** `rectify export <model-dir> --format onnx|tfjs`: a saved model as a standard ONNX file or a TensorFlow.js model. */
export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .argument('<model-dir>', 'a model directory (with model.json) or a run directory')
    .description(
      'write a saved model as ONNX (ONNX Runtime and other ONNX tools) or in the TensorFlow.js layers format (tf.loadLayersModel)',
    )
    .requiredOption('--format <format>', 'onnx or tfjs', choice(EXPORT_FORMATS))
    .option('--opset <n>', 'ONNX opset, 17 to 21 (default 17; 20 and later write GELU as one Gelu node)', positiveInt)
    .option(
      '--out <path>',
      'onnx: the file to write (default <model-dir>/model.onnx); tfjs: the directory for model.json and its weights (default <model-dir>/tfjs)',
    )
    .addHelpText(
      'after',
      '\nThe exported model takes the inputs the model does: features standardized as in training, token ids for text.\nA layer or activation the target format cannot express is an error naming it, never a different model.',
    )
    .action(async (path: string, o: ExportOptions) => {
      if (o.opset !== undefined && o.format !== 'onnx')
        throw new UsageError(`--opset applies to --format onnx only, not --format ${o.format}`);
      const { dir, model, info } = await openModelDir(path, (line) => io.stderr.write(`rectify: ${line}\n`));
      try {
        const written = o.format === 'onnx' ? await writeOnnx(model, dir, o) : await writeTfjs(model, dir, o);
        const what = o.format === 'onnx' ? `ONNX, opset ${o.opset ?? 17}` : 'TensorFlow.js layers format';
        io.stdout.write(`exported ${written} (${what})\n${inputNote(dir, info)}`);
      } finally {
        model.dispose();
      }
    });
}
