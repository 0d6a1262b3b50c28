import { join } from 'node:path';
import { loadModel, type LayersModel } from '@rectify/rectify';
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
import { readLatestCheckpoint, writeCheckpoint } from '../run-dir/checkpoints.js';
import { writeMetrics } from '../run-dir/metrics-log.js';
import { modelInfo, saveModelDir } from '../run-dir/model-dir.js';
import { watchInterrupt } from './interrupt.js';
import { FRESH_STATE, type TrainState } from './state.js';
import { runStreamedEpochs } from './stream-epochs.js';

/** The model of a fresh run, or the one in the run's latest checkpoint with the state it stopped in. */
async function startModel(
  build: () => LayersModel,
  runDir: string,
  resume: boolean,
  epochs: number,
): Promise<{ model: LayersModel; state: TrainState }> {
  if (!resume) return { model: build(), state: FRESH_STATE };
  const checkpoint = readLatestCheckpoint(runDir);
  if (checkpoint.state.epoch >= epochs)
    throw new UsageError(
      `train --resume: ${runDir} has already trained ${checkpoint.state.epoch} epochs; pass --epochs N with N > ${checkpoint.state.epoch} to train further`,
    );
  try {
    return { model: await loadModel(checkpoint.dir), state: checkpoint.state };
  } catch (error) {
    throw new CliError(`cannot resume: the checkpoint ${checkpoint.dir} does not load: ${(error as Error).message}`);
  }
}

/**
 * `rectify train` on a streamed dataset (`images:<dir>`, or a CSV file larger than the heap): the data is read
 * batch by batch through rf.data and `model.fitDataset`, so memory holds a shuffle buffer and a few batches,
 * never the file. Writes the same run directory as an in-memory run, checkpoints included, and `--resume`
 * continues from the last checkpoint (mid-epoch after Ctrl-C) exactly as an uninterrupted run would have gone on.
 */
export async function trainStreamed(
  input: ConfigInput,
  runDir: string,
  resume: boolean,
  r: Reporter,
): Promise<{ interrupted: boolean; summary: Record<string, unknown> }> {
  await useBackend(input.backend ?? 'cpu');
  const stream = await openStreamed(
    input.dataset.name,
    loadOptionsFor(input),
    input.validationSplit ?? DEFAULTS.validationSplit,
  );
  const config = resolveConfig(input, stream.info);
  checkNames(config);
  const { model, state: start } = await startModel(
    () => buildModel(config, stream.info),
    runDir,
    resume,
    config.epochs,
  );
  writeFileAtomicSync(join(runDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const { counts } = stream;
  r.info(
    `run directory: ${runDir}${resume ? ` (resuming after epoch ${start.epoch}${start.step ? `, step ${start.step}` : ''})` : ''}`,
  );
  r.info(
    `dataset: ${stream.info.name} (streamed) — ${counts.train} train / ${counts.validation} validation / ${counts.test} test samples`,
  );
  r.info(
    `model: ${model.layers.length} layers, ${model.countParams().toLocaleString('en-US')} parameters; optimizer ${config.optimizer.name}, loss ${config.loss}, backend ${config.backend}, seed ${config.seed}`,
  );

  const interrupt = watchInterrupt(() => r.info('\ninterrupt: finishing the current step, then writing a checkpoint'));
  let lastCheckpoint = '';
  let result: { state: TrainState; interrupted: boolean };
  try {
    result = await runStreamedEpochs(start, {
      model,
      stream,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed,
      reporter: r,
      interrupted: () => interrupt.requested,
      onState: async (st, reason) => {
        writeMetrics(runDir, st.history);
        writeFileAtomicSync(join(runDir, 'curves.svg'), curvesSvg(st.history));
        if (reason === 'interrupt' || st.epoch % config.checkpointEvery === 0 || st.epoch === config.epochs)
          lastCheckpoint = await writeCheckpoint(runDir, st, async (dir) => void (await model.save(dir)));
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

  const st = result.state;
  const files = {
    config: join(runDir, 'config.json'),
    metrics_jsonl: join(runDir, 'metrics.jsonl'),
    checkpoint: lastCheckpoint,
  };
  if (result.interrupted) {
    const summary = {
      event: 'interrupted',
      run_dir: runDir,
      epoch: st.epoch,
      step: st.step,
      streamed: true,
      files,
      resume: `rectify train --resume ${runDir}`,
    };
    r.result(summary, [`checkpoint: ${lastCheckpoint}`, `interrupted — resume with: rectify train --resume ${runDir}`]);
    model.dispose();
    return { interrupted: true, summary };
  }

  const modelDir = join(runDir, 'model');
  await saveModelDir(model, modelDir, modelInfo(stream.info, config));
  const test =
    counts.test > 0 ? await model.evaluateDataset(stream.batches('test', 256, config.seed), { returnDict: true }) : {};
  writeFileAtomicSync(join(runDir, 'test.json'), `${JSON.stringify(test)}\n`);
  const summary = {
    event: 'done',
    run_dir: runDir,
    epochs: st.epoch,
    final: st.history[st.history.length - 1] ?? { epoch: 0 },
    test,
    seconds: st.seconds,
    samples_per_second: (counts.train * st.history.length) / Math.max(st.seconds, 1e-9),
    peak_rss_mib: peakRssMiB(),
    streamed: true,
    files: { ...files, model: modelDir, test: join(runDir, 'test.json') },
  };
  r.result(summary, [
    `test (${counts.test} held-out samples): ${formatLogs(test)}`,
    `run directory: ${runDir}`,
    `  model       ${modelDir} (load with rf.loadModel)`,
  ]);
  model.dispose();
  return { interrupted: false, summary };
}
