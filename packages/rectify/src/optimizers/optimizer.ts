import {
  type Tensor,
  ValueError,
  Variable,
  cast,
  checkOptions,
  dispose,
  fmtShape,
  full,
  keep,
  optionNames,
  scalar,
  shapesEqual,
  tensor as tensorOf,
  tidy,
  zerosLike,
} from '@rectify/tensor';
import { liveVariables, variableGrads } from '@rectify/autograd';
import { checkPositive } from '../checks.js';
import { type ClipOptions, clipGradients } from './clipping.js';
import { type LearningRateSchedule, type SerializedSchedule, isSchedule } from './schedules/schedule.js';
import { serializeSchedule } from './schedules/registry.js';

export interface OptimizerOptions extends ClipOptions {
  /** A fixed rate or a schedule evaluated before every update. */
  learningRate?: number | LearningRateSchedule;
}

/** The option names every optimizer accepts (its own come on top). */
const baseOptionNames = optionNames<OptimizerOptions>()({
  learningRate: true,
  clipNorm: true,
  globalClipNorm: true,
  clipValue: true,
});

/**
 * An optimizer factory's argument: options, or a bare number, which is the learning rate (`adam(0.01)`, as
 * Keras' positional `Adam(0.01)` and tfjs' `tf.train.adam(0.01)` mean it).
 * @example asOptions<AdamOptions>(0.01); // → { learningRate: 0.01 }
 */
export function asOptions<O extends OptimizerOptions>(options: O | number | undefined): O {
  if (typeof options === 'number') return { learningRate: options } as O;
  return options ?? ({} as O);
}

/** Gradients keyed by variable name (what `variableGrads` returns), or explicit pairs. */
export type GradientList =
  Readonly<Record<string, Tensor>> | ReadonlyArray<{ readonly variable: Variable; readonly grad: Tensor }>;

/** One tensor of optimizer state, as `getWeights` returns it and model files store it. */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: Tensor;
}

export interface OptimizerConfig extends ClipOptions {
  learningRate: number | SerializedSchedule;
  [option: string]: unknown;
}

/**
 * The base of every optimizer: resolves gradients to variables, clips them, asks the schedule for the rate,
 * keeps per-variable state ("slots": Adam's m and v) and exposes that state for saving.
 *
 * A subclass implements `update(variable, grad, lr, step)` and returns the variable's new value; `step` counts
 * updates from 1, as bias corrections need. Everything runs inside one `tidy` per call.
 * @example
 * class SignSGD extends Optimizer {
 *   readonly className = 'SignSGD';
 *   constructor() { super('signSgd', {}, 0.01); }
 *   protected update(w: Variable, g: Tensor, lr: number) { return sub(w, mul(sign(g), lr)); }
 *   protected ownConfig() { return {}; }
 * }
 */
export abstract class Optimizer {
  abstract readonly className: string;
  /** Updates applied so far (Keras' `iterations`). */
  iterations = 0;
  private rate: number | LearningRateSchedule;
  private readonly clip: ClipOptions;
  private readonly slots = new Map<string, Map<string, Tensor>>();
  private readonly known = new Map<string, Variable>();

  /**
   * @param ownOptions the option names the subclass adds; any other key of `options` is an error ("did you mean").
   */
  protected constructor(
    protected readonly fnName: string,
    options: OptimizerOptions,
    defaultLearningRate: number,
    ownOptions: readonly string[] = [],
  ) {
    checkOptions(fnName, options, [...baseOptionNames, ...ownOptions]);
    this.rate = checkRate(fnName, options.learningRate ?? defaultLearningRate);
    const { clipNorm, globalClipNorm, clipValue } = options;
    if (clipNorm !== undefined) checkPositive(fnName, 'clipNorm', clipNorm);
    if (globalClipNorm !== undefined) checkPositive(fnName, 'globalClipNorm', globalClipNorm);
    if (clipValue !== undefined) checkPositive(fnName, 'clipValue', clipValue);
    if (clipNorm !== undefined && globalClipNorm !== undefined) {
      throw new ValueError(
        `${fnName}: set either clipNorm or globalClipNorm, not both (received ${clipNorm} and ${globalClipNorm})`,
      );
    }
    this.clip = {
      ...(clipNorm !== undefined && { clipNorm }),
      ...(globalClipNorm !== undefined && { globalClipNorm }),
      ...(clipValue !== undefined && { clipValue }),
    };
  }

  /** The rate the next update will use (a schedule is evaluated at the current iteration). */
  get learningRate(): number {
    return typeof this.rate === 'number' ? this.rate : this.rate.at(this.iterations);
  }

  /** Replaces the rate — a number, or a schedule — as LearningRateScheduler and ReduceLROnPlateau do. */
  set learningRate(value: number | LearningRateSchedule) {
    this.rate = checkRate(this.fnName, value);
  }

  /** The schedule, when the rate is one. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return typeof this.rate === 'number' ? null : this.rate;
  }

  /** Registers variables so that a name-keyed gradient map can be resolved. */
  build(variables: readonly Variable[]): void {
    for (const v of variables) this.known.set(v.name, v);
  }

  /**
   * Applies one update: `grads` keyed by variable name (from `variableGrads`) or as `{variable, grad}` pairs.
   * @example
   * const w = variable(tensor([1, 2]), true, 'w');
   * const opt = sgd({ learningRate: 0.5 });
   * const { value, grads } = variableGrads(() => sum(square(w)), [w]);
   * opt.applyGradients([{ variable: w, grad: grads[w.name]! }]);
   * w; // → [0, 0]
   */
  applyGradients(grads: GradientList): void {
    const pairs = this.resolve(grads);
    const lr = this.learningRate;
    if (!Number.isFinite(lr) || lr < 0)
      throw new ValueError(`${this.fnName}: learning rate must be a non-negative finite number, received ${lr}`);
    const step = this.iterations + 1;
    tidy(() => {
      const clipped = clipGradients(
        pairs.map((p) => p.grad),
        this.clip,
      );
      pairs.forEach(({ variable }, i) => variable.assign(this.update(variable, clipped[i]!, lr, step)));
    });
    this.iterations = step;
  }

  /**
   * TensorFlow.js' `minimize`: computes the gradients of the scalar `f()` with respect to `varList` (default: every
   * trainable variable), applies them, and returns the loss from before the update as a Scalar when `returnCost`
   * is true (the caller disposes it), else null.
   * @example
   * const x = tensor([1, 2]);
   * const y = tensor([2, 4]);
   * const w = variable(scalar(0), true, 'w');
   * const opt = sgd({ learningRate: 0.1 });
   * const loss = opt.minimize(() => mean(square(sub(mul(x, w), y))), true, [w])!.item();
   * loss; // → 10
   */
  minimize(f: () => Tensor, returnCost = false, varList?: readonly Variable[]): Tensor | null {
    if (typeof returnCost !== 'boolean') {
      throw new ValueError(
        `${this.fnName}.minimize: the second argument is returnCost (a boolean), received ${Array.isArray(returnCost) ? 'an array' : typeof returnCost}; pass the variables third: minimize(f, returnCost, varList)`,
      );
    }
    const vars = varList ?? [...liveVariables()].filter((v) => v.trainable && v.dtype === 'float32');
    const { value, grads } = variableGrads(f, vars);
    try {
      this.applyGradients(vars.map((variable) => ({ variable, grad: grads[variable.name]! })));
    } finally {
      dispose(Object.values(grads));
    }
    if (returnCost) return value;
    value.dispose();
    return null;
  }

  private resolve(grads: GradientList): { variable: Variable; grad: Tensor }[] {
    const pairs = Array.isArray(grads)
      ? (grads as ReadonlyArray<{ variable: Variable; grad: Tensor }>).map((p) => ({
          variable: p.variable,
          grad: p.grad,
        }))
      : Object.entries(grads as Record<string, Tensor>).map(([name, grad]) => {
          const variable = this.known.get(name);
          if (!variable) {
            throw new ValueError(
              `${this.fnName}.applyGradients: unknown variable '${name}'; pass [{variable, grad}] pairs or call build(variables) first`,
            );
          }
          return { variable, grad };
        });
    for (const { variable, grad } of pairs) {
      if (!(variable instanceof Variable))
        throw new ValueError(
          `${this.fnName}.applyGradients: 'variable' must be a Variable, received ${typeof variable}`,
        );
      if (!shapesEqual(variable.shape, grad.shape)) {
        throw new ValueError(
          `${this.fnName}.applyGradients: gradient for '${variable.name}' has shape ${fmtShape(grad.shape)}, expected ${fmtShape(variable.shape)}`,
        );
      }
      this.known.set(variable.name, variable);
    }
    return pairs;
  }

  /** The new value of `variable` after one update. Runs inside `tidy`. */
  protected abstract update(variable: Variable, grad: Tensor, lr: number, step: number): Tensor;

  /** The slot `name` of `variable`, created filled with `initial` on first use. */
  protected slot(variable: Variable, name: string, initial = 0): Tensor {
    let bySlot = this.slots.get(variable.name);
    if (!bySlot) this.slots.set(variable.name, (bySlot = new Map()));
    let t = bySlot.get(name);
    if (!t) bySlot.set(name, (t = keep(initial === 0 ? zerosLike(variable) : full(variable.shape, initial))));
    return t;
  }

  /** Replaces a slot's value; the old tensor is freed. */
  protected setSlot(variable: Variable, name: string, value: Tensor): void {
    const bySlot = this.slots.get(variable.name)!;
    const old = bySlot.get(name);
    bySlot.set(name, keep(value));
    if (old && old !== value) old.dispose();
  }

  /**
   * The state to save: `iterations` first, then every slot as `${variableName}/${slotName}`. The tensors are the
   * caller's to dispose; slots come as views sharing the live buffers (no copy), unaffected by later updates.
   */
  getWeights(): NamedTensor[] {
    const out: NamedTensor[] = [{ name: 'iterations', tensor: scalar(this.iterations) }];
    for (const [varName, bySlot] of this.slots) {
      for (const [slotName, t] of bySlot) out.push({ name: `${varName}/${slotName}`, tensor: cast(t, t.dtype) });
    }
    return out;
  }

  /** Restores state saved by {@link getWeights}. The tensors are copied; the caller keeps ownership. */
  setWeights(weights: readonly NamedTensor[]): void {
    for (const { name, tensor } of weights) {
      if (name === 'iterations') {
        this.iterations = tensor.item();
        continue;
      }
      const cut = name.lastIndexOf('/');
      if (cut <= 0)
        throw new ValueError(
          `${this.fnName}.setWeights: weight name must be 'iterations' or '<variable>/<slot>', received '${name}'`,
        );
      const [varName, slotName] = [name.slice(0, cut), name.slice(cut + 1)];
      let bySlot = this.slots.get(varName);
      if (!bySlot) this.slots.set(varName, (bySlot = new Map()));
      bySlot.get(slotName)?.dispose();
      bySlot.set(slotName, keep(tensorOf(tensor.dataSync(), tensor.shape, tensor.dtype)));
    }
  }

  /** Options as plain data: enough for `getOptimizer({className, config})` to rebuild an equal optimizer. */
  getConfig(): OptimizerConfig {
    return {
      learningRate: typeof this.rate === 'number' ? this.rate : serializeSchedule(this.rate),
      ...this.clip,
      ...this.ownConfig(),
    };
  }

  protected abstract ownConfig(): Record<string, unknown>;

  /** Frees the slots. */
  dispose(): void {
    for (const bySlot of this.slots.values()) dispose([...bySlot.values()]);
    this.slots.clear();
  }
}

function checkRate(fn: string, value: unknown): number | LearningRateSchedule {
  if (isSchedule(value)) return value;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new ValueError(`${fn}: learningRate must be a non-negative number or a schedule, received ${String(value)}`);
  }
  return value;
}
