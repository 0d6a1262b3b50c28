import {
  RectifyError, ShapeError, type Tensor, type TensorLike, ValueError, Variable, add, cast, engine, fmtShape, onesLike,
  shapesEqual, tidy, toTensor, zerosLike,
} from '@rectify/tensor';
import { gradRules } from './rules.js';
import { Tape } from './tape.js';
import type { GradRule } from './grad-rule.js';
import type { OpName } from '@rectify/tensor';

export interface GradientsResult {
  readonly value: Tensor;
  readonly grads: Tensor[];
}

/**
 * The engine of every gradient function: runs `f` while recording, then walks the tape backwards from its output.
 * Gradients for sources that `f` did not use are zeros, as in TensorFlow.js.
 */
export function computeGradients(op: string, f: () => Tensor, sources: readonly Tensor[], dy?: Tensor): GradientsResult {
  sources.forEach((s, i) => {
    s.assertAlive(op);
    if (s.dtype !== 'float32') throw new ValueError(`${op}: can only differentiate with respect to float32 tensors, argument ${i} is ${s.dtype}`);
  });
  const tape = new Tape(sources);
  const unsubscribe = engine.addOpListener((r) => tape.record(r));
  let value: Tensor;
  try {
    value = f();
  } finally {
    unsubscribe();
  }
  if (!value || typeof (value as Tensor).shape !== 'object') {
    tape.release();
    throw new RectifyError(`${op}: the function must return a Tensor, received ${value === null ? 'null' : typeof value}`);
  }
  if (dy && !shapesEqual(dy.shape, value.shape)) {
    tape.release();
    throw new ShapeError(`${op}: dy has shape ${fmtShape(dy.shape)}, but the function's output has shape ${fmtShape(value.shape)}`);
  }
  try {
    const grads = engine.withoutListeners(() =>
      tidy(() => {
        const acc = new Map<number, Tensor>();
        acc.set(value.id, dy ? cast(dy, 'float32') : onesLike(cast(value, 'float32')));
        for (let n = tape.nodes.length - 1; n >= 0; n--) {
          const node = tape.nodes[n]!;
          const g = acc.get(node.outputId);
          if (!g) continue;
          const rule = gradRules[node.op] as GradRule<OpName>;
          const inputGrads = rule(g, node.ctx);
          node.inputIds.forEach((id, i) => {
            const gi = inputGrads[i];
            if (!gi || !tape.isConnected(id)) return;
            const prev = acc.get(id);
            acc.set(id, prev ? add(prev, gi) : gi);
          });
        }
        return sources.map((s) => acc.get(s.id) ?? zerosLike(s));
      }),
    );
    return { value, grads };
  } finally {
    tape.release();
  }
}

function asSource(x: TensorLike, op: string, i: number): Tensor {
  return toTensor(x, `x${i}`, op);
}

/**
 * `grad(f)` returns a function computing df/dx for a function of one tensor. For a non-scalar output it is the
 * gradient of sum(f(x)), or of sum(f(x) · dy) when `dy` is given.
 * @example
 * const dSquare = grad((x) => mul(x, x));
 * dSquare(tensor([3])).dataSync(); // [6]
 */
export function grad(f: (x: Tensor) => Tensor): (x: TensorLike, dy?: Tensor) => Tensor {
  return (x, dy) => {
    const src = asSource(x, 'grad', 0);
    const { value, grads } = computeGradients('grad', () => f(src), [src], dy);
    value.dispose();
    return grads[0]!;
  };
}

/** Gradients with respect to every argument of `f`. @example grads((a, b) => mul(a, b))([a, b]) */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: readonly TensorLike[], dy?: Tensor) => Tensor[] {
  return (xs, dy) => {
    const srcs = xs.map((x, i) => asSource(x, 'grads', i));
    const { value, grads: gs } = computeGradients('grads', () => f(...srcs), srcs, dy);
    value.dispose();
    return gs;
  };
}

/**
 * Like {@link grad}, also returning f(x) — one forward pass for both.
 * @example const { value, grad: g } = valueAndGrad((x) => sum(square(x)))(tensor([1, 2]));
 */
export function valueAndGrad(f: (x: Tensor) => Tensor): (x: TensorLike, dy?: Tensor) => { value: Tensor; grad: Tensor } {
  return (x, dy) => {
    const src = asSource(x, 'valueAndGrad', 0);
    const { value, grads: gs } = computeGradients('valueAndGrad', () => f(src), [src], dy);
    return { value, grad: gs[0]! };
  };
}

/** Like {@link grads}, also returning the value. */
export function valueAndGrads(f: (...xs: Tensor[]) => Tensor): (xs: readonly TensorLike[], dy?: Tensor) => { value: Tensor; grads: Tensor[] } {
  return (xs, dy) => {
    const srcs = xs.map((x, i) => asSource(x, 'valueAndGrads', i));
    return computeGradients('valueAndGrads', () => f(...srcs), srcs, dy);
  };
}

/**
 * The value of `f()` and its gradient with respect to each variable in `varList` (default: every trainable
 * variable alive), keyed by variable name — what an optimizer needs for one step.
 * @example const { value, grads } = variableGrads(() => loss(model(x), y), model.trainableWeights);
 */
export function variableGrads(f: () => Tensor, varList?: readonly Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
  const vars = varList ?? [...liveVariables()].filter((v) => v.trainable);
  for (const v of vars) {
    if (!(v instanceof Variable)) throw new ValueError(`variableGrads: varList must hold Variables, received ${typeof v}`);
  }
  const { value, grads: gs } = computeGradients('variableGrads', f, vars);
  if (value.size !== 1) {
    value.dispose();
    gs.forEach((g) => g.dispose());
    throw new ShapeError(`variableGrads: f must return a scalar loss, received shape ${fmtShape(value.shape)}`);
  }
  const out: Record<string, Tensor> = {};
  vars.forEach((v, i) => (out[v.name] = gs[i]!));
  return { value, grads: out };
}

const registry = new Set<WeakRef<Variable>>();

/** @internal */
export function registerVariable(v: Variable): void {
  registry.add(new WeakRef(v));
}

function* liveVariables(): Iterable<Variable> {
  for (const ref of registry) {
    const v = ref.deref();
    if (!v || v.isDisposed) registry.delete(ref);
    else yield v;
  }
}

/** `x` as a value that gradients do not flow through. @example stopGradient(target) */
export function stopGradient(x: TensorLike): Tensor {
  const t = toTensor(x, 'x', 'stopGradient');
  return engine.withoutListeners(() => engine.view('identity', t, t.shape));
}

/** Runs `fn` without recording anything for autograd (inference, metric computation). */
export function noGrad<T>(fn: () => T): T {
  return engine.withoutListeners(fn);
}
