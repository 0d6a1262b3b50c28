import * as rf from '@rectify/rectify';
import { type TaskName, makeDataset } from './datasets.js';
import { type LayerProbe, probeLayers } from './probe.js';

/** One network to train in the playground. */
export interface LabConfig {
  /** Shown in legends: 'relu, lr 0.05'. */
  readonly label: string;
  readonly task: TaskName;
  /** An activation name or config, e.g. { name: 'leakyRelu', alpha: 0.1 }. */
  readonly activation: string | { readonly name: string; readonly [option: string]: unknown };
  readonly initializer: string;
  /** Hidden layers (ignored by the token task, which has one transformer block). */
  readonly depth: number;
  readonly width: number;
  readonly optimizer: 'sgd' | 'adam';
  readonly learningRate: number;
  readonly steps: number;
  readonly batchSize: number;
  /** Measure every this many steps. */
  readonly recordEvery: number;
  readonly seed: number;
}

/** What the playground plots, one per measurement. */
export interface LabRecord {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly layers: readonly LayerProbe[];
}

interface Built {
  readonly model: rf.Sequential;
  /** The layers whose activations are measured. */
  readonly watched: () => rf.Layer[];
}

function build(config: LabConfig): Built {
  const act = config.activation;
  const init = config.initializer;
  if (config.task === 'tokens') {
    const encoder = rf.layers.transformerEncoder({
      numHeads: 2,
      intermediateDim: 32,
      activation: act as never,
      kernelInitializer: init,
      name: 'encoder',
    });
    const model = rf.sequential([
      rf.layers.embedding({ inputDim: 6, outputDim: 16, inputShape: [6], name: 'embed' }),
      encoder,
      rf.layers.flatten({ name: 'flatten' }),
      rf.layers.dense({ units: 2, name: 'logits' }),
    ]);
    return { model, watched: () => (encoder.parts ? [encoder.parts.intermediate] : []) };
  }
  const hidden = Array.from({ length: config.depth }, (_, i) =>
    rf.layers.dense({
      units: config.width,
      activation: act as never,
      kernelInitializer: init,
      name: `layer${i + 1}`,
      ...(i === 0 && { inputShape: [2] }),
    }),
  );
  const model = rf.sequential([...hidden, rf.layers.dense({ units: 2, name: 'logits' })]);
  return { model, watched: () => hidden };
}

const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Trains one configuration and reports a record every `recordEvery` steps (and one before the first step),
 * yielding to the event loop between records so that a page stays responsive and can draw. `shouldStop` is asked
 * between steps. Everything is seeded: the same config gives the same records, in the page and in the tests.
 * @example const records = await trainLab({ ...DEFAULT_CONFIG, learningRate: 0.7 }); // dead units rise
 */
export async function trainLab(
  config: LabConfig,
  onRecord: (r: LabRecord) => void = () => {},
  shouldStop: () => boolean = () => false,
): Promise<LabRecord[]> {
  rf.setSeed(config.seed);
  const data = makeDataset(config.task, 128, config.seed);
  const { model, watched } = build(config);
  const loss = rf.losses.sparseCategoricalCrossentropy({ fromLogits: true });
  const optimizer =
    config.optimizer === 'adam'
      ? rf.optimizers.adam({ learningRate: config.learningRate })
      : rf.optimizers.sgd({ learningRate: config.learningRate });
  model.compile({ optimizer, loss });
  const n = data.y.shape[0]!;
  const records: LabRecord[] = [];
  const measure = (step: number): void => {
    const layers = probeLayers(
      model,
      data.x,
      data.y,
      watched().map((l) => l.name),
    );
    const [lossValue, accuracy] = rf.tidy(() => {
      const logits = model.apply(data.x) as rf.Tensor;
      const acc = rf.mean(rf.cast(rf.equal(rf.argMax(logits, 1), data.y), 'float32')).item();
      return [loss(data.y, logits).item(), acc];
    });
    const r = { step, loss: lossValue, accuracy, layers };
    records.push(r);
    onRecord(r);
  };
  try {
    measure(0);
    for (let step = 1; step <= config.steps && !shouldStop(); step++) {
      const start = ((step - 1) * config.batchSize) % n;
      const size = Math.min(config.batchSize, n - start);
      rf.tidy(() => {
        try {
          model.trainOnBatch(rf.slice(data.x, [start, 0], [size, -1]), rf.slice(data.y, [start], [size]));
        } catch (err) {
          // A diverged network is a lesson, not a crash: keep measuring the weights as they are.
          if (!(err instanceof rf.NonFiniteLossError)) throw err;
        }
      });
      if (step % config.recordEvery === 0 || step === config.steps) {
        measure(step);
        await nextTick();
      }
    }
  } finally {
    rf.dispose([data.x, data.y, ...model.weights]);
  }
  return records;
}

/** The playground's defaults for one custom network. */
export const DEFAULT_CONFIG: LabConfig = {
  label: 'custom',
  task: 'moons',
  activation: 'relu',
  initializer: 'heNormal',
  depth: 4,
  width: 32,
  optimizer: 'sgd',
  learningRate: 0.1,
  steps: 60,
  batchSize: 32,
  recordEvery: 5,
  seed: 1,
};
