import { join } from 'node:path';
import { loadModel, type LayersModel } from '@rectify/rectify';
import { RectifyError, type Tensor } from '@rectify/tensor';
import { diagnose } from '../inspect/diagnostics.js';
import { useBackend } from '../backend.js';
import { buildModel } from '../config/build-model.js';
import { checkNames } from '../config/check-names.js';
import { applyFlags, type ConfigFlags } from '../config/flags.js';
import { loadConfigFile, validateConfig } from '../config/load.js';
import { loadOptionsFor, resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import { loadDataset } from '../datasets/registry.js';
import { splitFraction } from '../datasets/split.js';
import type { Dataset, Split } from '../datasets/types.js';
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
import { claimRunDir, defaultRunDir, readRunConfig } from './run-dir-setup.js';
import { validationSeed } from './seeds.js';
import { FRESH_STATE, type TrainState } from './state.js';
import { runEpochs } from './trainer.js';
import { isStreamed } from '../datasets/streamed/open.js';
import { trainStreamed } from './stream-run.js';
import { splitTensors } from './tensors.js';

export interface TrainRequest {
  readonly configPath?: string;
  readonly flags: ConfigFlags;
  readonly resume?: string;
  readonly reporter: Reporter;
}

export interface TrainResult {
  readonly runDir: string;
  readonly interrupted: boolean;
  readonly summary: Record<string, unknown>;
}

/** Flags that would change a run's config, which a resumed run must keep (only --epochs may grow). */
const FIXED_ON_RESUME: ReadonlyArray<keyof ConfigFlags> = [
  'dataset',
  'target',
  'task',
  'limit',
  'layout',
  'seqLen',
  'standardize',
  'model',
  'activation',
  'init',
  'hidden',
  'optimizer',
  'lr',
  'loss',
  'metrics',
  'batchSize',
  'validationSplit',
  'seed',
  'backend',
  'out',
];

function startConfig(req: TrainRequest): { config: ReturnType<typeof validateConfig>; runDir: string } {
  if (req.resume !== undefined) {
    if (req.configPath !== undefined)
      throw new UsageError('train: give either a config file or --resume <run-dir>, not both');
    const fixed = FIXED_ON_RESUME.filter((k) => req.flags[k] !== undefined);
    if (fixed.length > 0) {
      throw new UsageError(
        `train --resume: --${fixed[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} cannot change a resumed run (only --epochs can)`,
      );
    }
    const saved = readRunConfig(req.resume);
    const config =
      req.flags.epochs === undefined
        ? saved
        : validateConfig({ ...saved, epochs: req.flags.epochs }, `${req.resume}/config.json`);
    return { config, runDir: req.resume };
  }
  const file = req.configPath === undefined ? undefined : loadConfigFile(req.configPath);
  if (file === undefined && req.flags.dataset === undefined) {
    throw new UsageError('train: give a config file (e.g. apps/cli/examples/iris-mlp.yaml) or --dataset <name>');
  }
  const config = applyFlags(file, req.flags, req.configPath ?? 'command line');
  return { config, runDir: req.flags.out ?? config.out ?? defaultRunDir() };
}

function validation(dataset: Dataset, config: ResolvedConfig): { train: Split; val: Split | null } {
  if (config.validationSplit === 0) return { train: dataset.train, val: null };
  const { head, tail } = splitFraction(dataset.train, config.validationSplit, validationSeed(config.seed));
  if (head.n === 0 || tail.n === 0) {
    throw new UsageError(
      `validationSplit: ${config.validationSplit} of ${dataset.train.n} training samples leaves ${head.n} to train on and ${tail.n} to validate; both need at least one`,
    );
  }
  return { train: head, val: tail };
}

/** Hidden-layer activity on a probe batch (the first 256 test samples); the output layer is not a hidden unit. */
function activity(model: LayersModel, x: Tensor, y: Tensor): Record<string, unknown> {
  const output = model.layers[model.layers.length - 1]?.name;
  return Object.fromEntries(
    diagnose(model, x, y)
      .filter((d) => d.layer !== output)
      .map(({ histogram: _h, layer, ...rest }) => [layer, rest]),
  );
}

/**
 * `rectify train`: resolves the config (file, flags, or a run being resumed), loads the data, builds or restores
 * the model, trains epoch by epoch with checkpoints, and finally writes the model, metrics and plot.
 */
export async function train(req: TrainRequest): Promise<TrainResult> {
  const { config: input, runDir } = startConfig(req);
  // Claimed before anything is loaded or written, so that the loser of two racing runs touches nothing.
  const lock = claimRunDir(runDir, req.resume === undefined ? 'fresh' : 'resume', (m) => req.reporter.warn(m));
  try {
    return await trainInClaimedDir(req, input, runDir);
  } finally {
    lock.release();
  }
}

async function trainInClaimedDir(
  req: TrainRequest,
  input: ReturnType<typeof validateConfig>,
  runDir: string,
): Promise<TrainResult> {
  if (isStreamed(input.dataset.name))
    return { runDir, ...(await trainStreamed(input, runDir, req.resume !== undefined, req.reporter)) };
  await useBackend(input.backend ?? 'cpu');
  const dataset = loadDataset(input.dataset.name, loadOptionsFor(input));
  const config = resolveConfig(input, dataset);
  checkNames(config);
  const { train: trainSplit, val: valSplit } = validation(dataset, config);

  let model: LayersModel;
  let state: TrainState = FRESH_STATE;
  if (req.resume !== undefined) {
    const checkpoint = readLatestCheckpoint(runDir);
    state = checkpoint.state;
    try {
      model = await loadModel(checkpoint.dir);
    } catch (error) {
      throw new CliError(`cannot resume: the checkpoint ${checkpoint.dir} does not load: ${(error as Error).message}`);
    }
    if (state.epoch >= config.epochs) {
      throw new UsageError(
        `train --resume: ${runDir} has already trained ${state.epoch} epochs; pass --epochs N with N > ${state.epoch} to train further`,
      );
    }
  } else {
    model = buildModel(config, dataset);
  }
  writeFileAtomicSync(join(runDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);

  const r = req.reporter;
  // From here on Ctrl-C means "checkpoint and stop", not "die".
  const interrupt = watchInterrupt(() =>
    r.info('\ninterrupt: finishing the current step, then writing a checkpoint (press Ctrl-C again to quit at once)'),
  );
  const params = model.countParams();
  r.info(
    `run directory: ${runDir}${req.resume ? ` (resuming after epoch ${state.epoch}${state.step ? `, step ${state.step}` : ''})` : ''}`,
  );
  r.info(
    `dataset: ${dataset.name} — ${trainSplit.n} train / ${valSplit?.n ?? 0} validation / ${dataset.test.n} test samples`,
  );
  r.info(
    `model: ${model.layers.length} layers, ${params.toLocaleString('en-US')} parameters; optimizer ${config.optimizer.name}, loss ${config.loss}, backend ${config.backend}, seed ${config.seed}`,
  );

  const trainT = splitTensors(trainSplit, dataset);
  const valT = valSplit ? splitTensors(valSplit, dataset) : null;
  let lastCheckpoint = '';
  let result: { state: TrainState; interrupted: boolean };
  try {
    result = await runEpochs(state, {
      model,
      train: trainT,
      validation: valT,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed,
      reporter: r,
      interrupted: () => interrupt.requested,
      onState: async (st, reason) => {
        writeMetrics(runDir, st.history);
        writeFileAtomicSync(join(runDir, 'curves.svg'), curvesSvg(st.history));
        if (reason === 'interrupt' || st.epoch % config.checkpointEvery === 0 || st.epoch === config.epochs) {
          lastCheckpoint = await writeCheckpoint(runDir, st, async (dir) => void (await model.save(dir)));
        }
      },
    });
  } catch (error) {
    if (error instanceof RectifyError && error.name === 'NonFiniteLossError') throw new CliError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
    r.close();
    trainT.x.dispose();
    trainT.y.dispose();
    valT?.x.dispose();
    valT?.y.dispose();
  }

  const files = {
    config: join(runDir, 'config.json'),
    metrics_jsonl: join(runDir, 'metrics.jsonl'),
    metrics_csv: join(runDir, 'metrics.csv'),
    plot: join(runDir, 'curves.svg'),
    checkpoint: lastCheckpoint,
  };
  const st = result.state;
  const trainedSeconds = st.history.reduce((s, h) => s + (h['epoch_seconds'] ?? 0), 0);
  const samplesPerSecond = (trainSplit.n * st.history.length) / Math.max(trainedSeconds, 1e-9);
  if (result.interrupted) {
    const summary = {
      event: 'interrupted',
      run_dir: runDir,
      epoch: st.epoch,
      step: st.step,
      files,
      resume: `rectify train --resume ${runDir}`,
    };
    r.result(summary, [`checkpoint: ${lastCheckpoint}`, `interrupted — resume with: rectify train --resume ${runDir}`]);
    return { runDir, interrupted: true, summary };
  }

  const modelDir = join(runDir, 'model');
  await saveModelDir(model, modelDir, modelInfo(dataset, config));
  const testT = splitTensors(dataset.test, dataset);
  const test = model.evaluate(testT.x, testT.y, { batchSize: 256, returnDict: true });
  const probeN = Math.min(256, dataset.test.n);
  const probe = splitTensors(
    {
      x: dataset.test.x.subarray(0, probeN * (dataset.test.x.length / dataset.test.n)),
      y: dataset.test.y.subarray(0, probeN * (dataset.test.y.length / dataset.test.n)),
      n: probeN,
    },
    dataset,
  );
  const layers = activity(model, probe.x, probe.y);
  for (const t of [testT.x, testT.y, probe.x, probe.y]) t.dispose();
  writeFileAtomicSync(join(runDir, 'test.json'), `${JSON.stringify(test)}\n`);
  const last = st.history[st.history.length - 1] ?? { epoch: 0 };
  const summary = {
    event: 'done',
    run_dir: runDir,
    epochs: st.epoch,
    final: last,
    test,
    seconds: trainedSeconds,
    samples_per_second: samplesPerSecond,
    peak_rss_mib: peakRssMiB(),
    parameters: params,
    activity: layers,
    files: { ...files, model: modelDir, test: join(runDir, 'test.json') },
  };
  r.result(summary, [
    `test (${dataset.test.n} held-out samples): ${formatLogs(test)}`,
    `run directory: ${runDir}`,
    `  config      ${files.config}`,
    `  metrics     ${files.metrics_jsonl}, ${files.metrics_csv}`,
    `  checkpoint  ${files.checkpoint}`,
    `  model       ${modelDir} (load with rf.loadModel)`,
    `  plot        ${files.plot}`,
  ]);
  model.dispose();
  return { runDir, interrupted: false, summary };
}
