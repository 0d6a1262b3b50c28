import { join } from 'node:path';
import type { LayersModel } from '@rectify/rectify';
import { RectifyError } from '@rectify/tensor';
import { useBackend } from '../backend.js';
import { buildModel } from '../config/build-model.js';
import { checkNames } from '../config/check-names.js';
import { DEFAULTS, loadOptionsFor, resolveConfig } from '../config/resolve.js';
import type { ConfigInput } from '../config/schema.js';
import { openStreamed } from '../datasets/streamed/open.js';
import { CliError, UsageError } from '../errors.js';
import { formatLogs } from '../output/format.js';
import { peakRssMiB } from '../output/memory.js';
import type { Reporter } from '../output/reporter.js';
import { curvesSvg } from '../plot/curves.js';
import { writeFileAtomicSync } from '@rectify/interop/node';
import { writeCheckpoint } from '../run-dir/checkpoints.js';
import { type EpochLog, writeMetrics } from '../run-dir/metrics-log.js';
import { modelInfo, saveModelDir } from '../run-dir/model-dir.js';
import { watchInterrupt } from './interrupt.js';
import type { TrainState } from './state.js';

/** Lets signal handlers run between steps (fitDataset awaits its callbacks, but only as microtasks). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `rectify train` on a streamed dataset (`images:<dir>`, or a CSV file larger than the heap): the data is read
 * batch by batch through rf.data and `model.fitDataset`, so memory holds a shuffle buffer and a few batches,
 * never the file. Writes the same run directory as an in-memory run; `--resume` is not offered for streams.
 */
export async function trainStreamed(
  input: ConfigInput,
  runDir: string,
  resume: boolean,
  r: Reporter,
): Promise<{ interrupted: boolean; summary: Record<string, unknown> }> {
  if (resume)
    throw new UsageError(
      `train --resume: ${input.dataset.name} is streamed from disk; resuming a streamed run is not supported`,
    );
  await useBackend(input.backend ?? 'cpu');
  const stream = await openStreamed(
    input.dataset.name,
    loadOptionsFor(input),
    input.validationSplit ?? DEFAULTS.validationSplit,
  );
  const config = resolveConfig(input, stream.info);
  checkNames(config);
  const model: LayersModel = buildModel(config, stream.info);
  writeFileAtomicSync(join(runDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const { counts } = stream;
  r.info(`run directory: ${runDir}`);
  r.info(
    `dataset: ${stream.info.name} (streamed) — ${counts.train} train / ${counts.validation} validation / ${counts.test} test samples`,
  );
  r.info(
    `model: ${model.layers.length} layers, ${model.countParams().toLocaleString('en-US')} parameters; optimizer ${config.optimizer.name}, loss ${config.loss}, backend ${config.backend}, seed ${config.seed}`,
  );

  const interrupt = watchInterrupt(() => r.info('\ninterrupt: finishing the current step, then writing a checkpoint'));
  const steps = Math.ceil(counts.train / config.batchSize);
  const history: EpochLog[] = [];
  let lastCheckpoint = '';
  let epochStart = 0;
  let seconds = 0;
  try {
    await model.fitDataset(stream.batches('train', config.batchSize, config.seed), {
      epochs: config.epochs,
      verbose: 0,
      seed: config.seed,
      ...(counts.validation > 0 && {
        validationData: stream.batches('validation', Math.max(config.batchSize, 256), config.seed),
      }),
      callbacks: {
        onEpochBegin: (epoch) => {
          epochStart = performance.now();
          r.epochStart(epoch + 1, config.epochs, steps);
        },
        onBatchEnd: async (batch, logs = {}) => {
          const done = Math.min((batch + 1) * config.batchSize, counts.train);
          const rate = done / Math.max((performance.now() - epochStart) / 1000, 1e-9);
          const { batch: _b, size: _s, ...values } = logs;
          r.step({
            epoch: history.length + 1,
            epochs: config.epochs,
            step: batch + 1,
            steps,
            logs: values,
            samplesPerSecond: rate,
            etaSeconds: (counts.train - done) / rate,
          });
          await yieldToEventLoop();
          if (interrupt.requested) model.stopTraining = true;
        },
        onEpochEnd: async (epoch, logs = {}) => {
          const epochSeconds = (performance.now() - epochStart) / 1000;
          seconds += epochSeconds;
          const log: EpochLog = { epoch: epoch + 1, ...logs, epoch_seconds: epochSeconds };
          history.push(log);
          r.epochEnd(log, config.epochs, epochSeconds, counts.train / Math.max(epochSeconds, 1e-9));
          writeMetrics(runDir, history);
          writeFileAtomicSync(join(runDir, 'curves.svg'), curvesSvg(history));
          const state: TrainState = {
            version: 1,
            epoch: epoch + 1,
            step: 0,
            partial: null,
            history: [...history],
            seconds,
          };
          if ((epoch + 1) % config.checkpointEvery === 0 || epoch + 1 === config.epochs) {
            lastCheckpoint = await writeCheckpoint(runDir, state, async (dir) => void (await model.save(dir)));
          }
        },
      },
    });
  } catch (error) {
    if (error instanceof RectifyError && error.name === 'NonFiniteLossError') throw new CliError(error.message);
    if (error instanceof RectifyError && error.name === 'DatasetError')
      throw new CliError(`${stream.info.name}: ${error.message}`);
    throw error;
  } finally {
    interrupt.dispose();
    r.close();
  }

  const modelDir = join(runDir, 'model');
  await saveModelDir(model, modelDir, modelInfo(stream.info, config));
  const test =
    counts.test > 0 ? await model.evaluateDataset(stream.batches('test', 256, config.seed), { returnDict: true }) : {};
  writeFileAtomicSync(join(runDir, 'test.json'), `${JSON.stringify(test)}\n`);
  const summary = {
    event: interrupt.requested ? 'interrupted' : 'done',
    run_dir: runDir,
    epochs: history.length,
    final: history[history.length - 1] ?? { epoch: 0 },
    test,
    seconds,
    samples_per_second: (counts.train * history.length) / Math.max(seconds, 1e-9),
    peak_rss_mib: peakRssMiB(),
    streamed: true,
    files: {
      config: join(runDir, 'config.json'),
      metrics_jsonl: join(runDir, 'metrics.jsonl'),
      checkpoint: lastCheckpoint,
      model: modelDir,
      test: join(runDir, 'test.json'),
    },
  };
  r.result(summary, [
    `test (${counts.test} held-out samples): ${formatLogs(test)}`,
    `run directory: ${runDir}`,
    `  model       ${modelDir} (load with rf.loadModel)`,
  ]);
  model.dispose();
  return { interrupted: interrupt.requested, summary };
}
