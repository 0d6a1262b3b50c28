import { ValueError, checkOptions, optionNames } from '@rectify/tensor';
import { type LossIdentifier, getLoss, isCustomLossFunction } from '../losses/registry.js';
import type { Loss } from '../losses/loss.js';
import { type MetricIdentifier, getMetric } from '../metrics/registry.js';
import type { Metric } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { type OptimizerIdentifier, getOptimizer } from '../optimizers/registry.js';

export interface CompileArgs {
  /** A name ('adam', 'sgd' …, Keras defaults) or an optimizer. */
  optimizer: OptimizerIdentifier;
  /** A name ('sparseCategoricalCrossentropy', 'mse' …), a loss or a function; a list gives one per output. */
  loss: LossIdentifier | readonly LossIdentifier[];
  /** Names ('accuracy', 'mae' …), metrics or functions; applied to every output, or a list of lists per output. */
  metrics?: readonly MetricIdentifier[] | readonly (readonly MetricIdentifier[])[];
  /** Weights of each output's loss in the total (default 1 each). */
  lossWeights?: readonly number[];
}

const compileOptions = optionNames<CompileArgs>()({ optimizer: true, loss: true, metrics: true, lossWeights: true });

/** One metric on one output, with its log key ('accuracy', or 'out_accuracy' for a multi-output model). */
export interface CompiledMetric {
  readonly key: string;
  readonly output: number;
  readonly metric: Metric;
}

/** The training configuration as model.json stores it; custom functions cannot be stored and become null. */
export interface TrainingConfig {
  loss: ({ className: string; config: Record<string, unknown> } | null)[];
  metrics: (string | { className: string; config: Record<string, unknown> } | null)[][];
  lossWeights: number[];
}

/** What `compile` resolves once: the objects the training loop calls, and the log keys they produce. */
export interface Compiled {
  readonly optimizer: Optimizer;
  readonly losses: readonly Loss[];
  readonly lossWeights: readonly number[];
  readonly metrics: readonly CompiledMetric[];
  readonly trainingConfig: TrainingConfig;
}

/**
 * Resolves `compile`'s arguments against a model's outputs. Names in the logs follow Keras: the string the user
 * wrote ('acc' stays 'acc'), or the metric's own name; prefixed by the output's name when there are several.
 */
export function resolveCompile(fn: string, args: CompileArgs, outputNames: readonly string[]): Compiled {
  if (args === null || typeof args !== 'object')
    throw new ValueError(`${fn}: expected {optimizer, loss, metrics}, received ${String(args)}`);
  checkOptions(fn, args, compileOptions);
  if (args.optimizer === undefined) throw new ValueError(`${fn}: optimizer is required (e.g. 'adam')`);
  if (args.loss === undefined) throw new ValueError(`${fn}: loss is required (e.g. 'sparseCategoricalCrossentropy')`);
  const n = outputNames.length;
  const lossIds = Array.isArray(args.loss)
    ? (args.loss as LossIdentifier[])
    : new Array<LossIdentifier>(n).fill(args.loss as LossIdentifier);
  if (lossIds.length !== n)
    throw new ValueError(`${fn}: loss lists ${lossIds.length} losses for a model with ${n} outputs`);
  const losses = lossIds.map((l) => getLoss(l));
  const lossWeights = [...(args.lossWeights ?? new Array<number>(n).fill(1))];
  if (lossWeights.length !== n || lossWeights.some((w) => typeof w !== 'number' || !Number.isFinite(w) || w < 0)) {
    throw new ValueError(
      `${fn}: lossWeights must hold ${n} non-negative numbers, received ${JSON.stringify(args.lossWeights)}`,
    );
  }
  const raw = args.metrics ?? [];
  const perOutput: MetricIdentifier[][] =
    raw.length > 0 && raw.every((m) => Array.isArray(m))
      ? (raw as MetricIdentifier[][]).map((m) => [...m])
      : outputNames.map(() => [...(raw as MetricIdentifier[])]);
  if (perOutput.length !== n)
    throw new ValueError(`${fn}: metrics lists ${perOutput.length} groups for a model with ${n} outputs`);
  const metrics: CompiledMetric[] = [];
  perOutput.forEach((ids, output) => {
    for (const id of ids) {
      const metric = getMetric(id, { loss: losses[output]! });
      const base = typeof id === 'string' ? id : metric.name;
      const key = n > 1 ? `${outputNames[output]}_${base}` : base;
      if (key === 'loss' || metrics.some((m) => m.key === key))
        throw new ValueError(`${fn}: metric '${key}' is listed twice (or clashes with 'loss')`);
      metrics.push({ key, output, metric });
    }
  });
  return {
    optimizer: getOptimizer(args.optimizer),
    losses,
    lossWeights,
    metrics,
    trainingConfig: {
      loss: lossIds.map((id, i) => (isCustomLossFunction(id) ? null : storable(losses[i]!, getLoss))),
      metrics: perOutput.map((ids, o) =>
        ids.map((id, j) =>
          typeof id === 'string'
            ? id
            : typeof id === 'function'
              ? null
              : storable(metrics.filter((m) => m.output === o)[j]!.metric, getMetric),
        ),
      ),
      lossWeights,
    },
  };
}

/** `{className, config}` when the registry can rebuild the object from it, else null (a user-written one). */
function storable(
  obj: { name: string; getConfig(): Record<string, unknown> },
  lookup: (id: { className: string; config: Record<string, unknown> }) => unknown,
): { className: string; config: Record<string, unknown> } | null {
  const spec = { className: obj.name, config: obj.getConfig() };
  try {
    lookup(spec);
    return spec;
  } catch {
    return null;
  }
}
