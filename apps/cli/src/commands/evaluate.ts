import type { Command } from 'commander';
import { useBackend } from '../backend.js';
import type { Io } from '../main.js';
import { formatLogs } from '../output/format.js';
import { openModelDir } from '../run-dir/model-dir.js';
import { splitTensors } from '../train/tensors.js';
import { chooseSplit, datasetForModel } from './model-data.js';
import { isStreamed } from '../datasets/streamed/open.js';
import { IMAGES_PREFIX } from '../datasets/streamed/images.js';
import { UsageError } from '../errors.js';
import { streamedForModel, streamedSplit } from './streamed-model-data.js';
import { choice, delimiter, positiveInt } from './parsers.js';

interface EvaluateOptions {
  dataset?: string;
  target?: string;
  delimiter?: string;
  split: 'test' | 'train' | 'all';
  batchSize: number;
  backend: 'cpu' | 'gpu' | 'wasm';
  json?: boolean;
}

/** `rectify evaluate <model-dir>`: loss and metrics of a saved model on a dataset split. */
export function registerEvaluate(program: Command, io: Io): void {
  program
    .command('evaluate')
    .argument('<model-dir>', 'a model directory (with model.json) or a run directory')
    .description('loss and metrics of a saved model on a dataset (default: the held-out test split of its own dataset)')
    .option(
      '--dataset <name>',
      'dataset to evaluate on (default: the one the model was trained on); csv:<path> or images:<dir> for your own (streamed when large)',
    )
    .option('--target <column>', 'csv datasets: the target column')
    .option(
      '--delimiter <char>',
      "csv datasets: the field separator, e.g. ';' or tab (default: detected from the header line)",
      delimiter,
    )
    .option('--split <split>', 'test, train or all', choice(['test', 'train', 'all'] as const), 'test')
    .option('--batch-size <n>', 'samples per forward pass', positiveInt, 256)
    .option('--backend <name>', 'cpu, gpu or wasm', choice(['cpu', 'gpu', 'wasm'] as const), 'cpu')
    .option('--json', 'print one JSON object: loss, each metric, samples, dataset, split')
    .action(async (path: string, o: EvaluateOptions) => {
      await useBackend(o.backend);
      const { dir, model, info } = await openModelDir(path, (line) => io.stderr.write(`rectify: ${line}\n`));
      // A model directory is untrusted: data named in it is never read (not even looked at) unless the user names
      // it again, so only a --dataset the user gave may be streamed.
      if (o.dataset === undefined && info?.dataset.startsWith(IMAGES_PREFIX))
        throw new UsageError(
          `the model in ${dir} was trained on ${info.dataset}; pass --dataset images:<dir> to say which images to read`,
        );
      let result: { logs: Record<string, number>; samples: number; dataset: string };
      if (o.dataset !== undefined && isStreamed(o.dataset)) {
        const name = o.dataset;
        // Read batch by batch through rf.data: the split is never in memory whole.
        const stream = await streamedForModel(model, info, dir, name, o);
        const { batches, samples } = streamedSplit(stream, o.split, o.batchSize);
        const logs = (await model.evaluateDataset(batches, { returnDict: true })) as Record<string, number>;
        result = { logs, samples, dataset: stream.info.name };
      } else {
        const data = datasetForModel(model, info, dir, o);
        const split = chooseSplit(data, o.split);
        const { x, y } = splitTensors(split, data);
        const logs = model.evaluate(x, y, { batchSize: o.batchSize, returnDict: true });
        x.dispose();
        y.dispose();
        result = { logs, samples: split.n, dataset: data.name };
      }
      model.dispose();
      const { logs, samples, dataset } = result;
      if (o.json) io.stdout.write(`${JSON.stringify({ ...logs, samples, dataset, split: o.split })}\n`);
      else io.stdout.write(`${formatLogs(logs)}  (${samples} samples of ${dataset}, ${o.split} split)\n`);
    });
}
