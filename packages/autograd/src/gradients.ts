import { ShapeError, Tensor, type TensorLike, ValueError, Variable, engine, fmtShape, toTensor } from '@rectify/tensor';
import { computeGradients } from './compute-gradients.js';
import { describeValue, liveVariables } from './variable.js';

/** Converts the arguments; remembers which ones were created here, so they can be freed afterwards. */
function sources(
  op: string,
  xs: readonly TensorLike[],
  dy?: TensorLike,
): { srcs: Tensor[]; owned: Tensor[]; dyT?: Tensor } {
  if (!Array.isArray(xs)) throw new ValueError(`${op}: xs must be an array of tensors, received ${describeValue(xs)}`);
  const srcs = xs.map((x, i) => toTensor(x, `xs[${i}]`, op));
  const owned = srcs.filter((s, i) => s !== xs[i]);
  // dy may be a plain array too, as in TensorFlow.js.
  const dyT = dy === undefined ? undefined : toTensor(dy, 'dy', op);
  if (dyT !== undefined && dyT !== dy) owned.push(dyT);
  return dyT === undefined ? { srcs, owned } : { srcs, owned, dyT };
}

function assertFunction(op: string, f: unknown): void {
  if (typeof f !== 'function') throw new ValueError(`${op}: f must be a function, received ${describeValue(f)}`);
}

/** Frees `value` if `f` created it, and the arguments converted from arrays; never a tensor the caller owns. */
function cleanUp(value: Tensor | null, mark: number, owned: readonly Tensor[], keep?: Tensor): void {
  if (value && value.id >= mark && value !== keep) value.dispose();
  for (const t of owned) if (t !== keep) t.dispose();
}

/**
 * `grad(f)` returns a function computing df/dx for a function of one tensor. For a non-scalar output it is the
 * gradient of sum(f(x)), or of sum(f(x) · dy) when `dy` is given.
 * @example
 * const dSquare = grad((x) => mul(x, x));
 * dSquare(tensor([3])).dataSync(); // → [6]
 */
export function grad(f: (x: Tensor) => Tensor): (x: TensorLike, dy?: TensorLike) => Tensor {
  assertFunction('grad', f);
  return (x, dy) => {
    const { srcs, owned, dyT } = sources('grad', [x], dy);
    const mark = Tensor.nextId;
    const { value, grads: gs } = computeGradients('grad', () => f(srcs[0]!), srcs, dyT);
    cleanUp(value, mark, owned);
    return gs[0]!;
  };
}

/**
 * Gradients with respect to every argument of `f`.
 * @example const [da, db] = grads((a, b) => mul(a, b))([tensor([2]), tensor([3])]); // [3], [2]
 */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: readonly TensorLike[], dy?: TensorLike) => Tensor[] {
  assertFunction('grads', f);
  return (xs, dy) => {
    const { srcs, owned, dyT } = sources('grads', xs, dy);
    const mark = Tensor.nextId;
    const { value, grads: gs } = computeGradients('grads', () => f(...srcs), srcs, dyT);
    cleanUp(value, mark, owned);
    return gs;
  };
}

/**
 * Like {@link grad}, also returning f(x) — one forward pass for both.
 * @example const { value, grad: g } = valueAndGrad((x) => sum(square(x)))(tensor([1, 2])); // 5, [2, 4]
 */
export function valueAndGrad(
  f: (x: Tensor) => Tensor,
): (x: TensorLike, dy?: TensorLike) => { value: Tensor; grad: Tensor } {
  assertFunction('valueAndGrad', f);
  return (x, dy) => {
    const { srcs, owned, dyT } = sources('valueAndGrad', [x], dy);
    const { value, grads: gs } = computeGradients('valueAndGrad', () => f(srcs[0]!), srcs, dyT);
    cleanUp(null, 0, owned, value);
    return { value, grad: gs[0]! };
  };
}

/**
 * Like {@link grads}, also returning the value.
 * @example const { value, grads: [da, db] } = valueAndGrads((a, b) => mul(a, b))([tensor([2]), tensor([3])]);
 */
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
): (xs: readonly TensorLike[], dy?: TensorLike) => { value: Tensor; grads: Tensor[] } {
  assertFunction('valueAndGrads', f);
  return (xs, dy) => {
    const { srcs, owned, dyT } = sources('valueAndGrads', xs, dy);
    const result = computeGradients('valueAndGrads', () => f(...srcs), srcs, dyT);
    cleanUp(null, 0, owned, result.value);
    return result;
  };
}

/**
 * The value of `f()` — a scalar loss — and its gradient with respect to each variable in `varList` (default: every
 * trainable float32 variable alive), keyed by variable name: what an optimizer needs for one step.
 * @example
 * const x = tensor([[1, 2]]);
 * const y = tensor([[1]]);
 * const w = variable(tensor([[0], [0]]), true, 'w');
 * const { value, grads } = variableGrads(() => sum(square(sub(matmul(x, w), y))), [w]);
 * grads.w; // → [[-2], [-4]]
 */
export function variableGrads(
  f: () => Tensor,
  varList?: readonly Variable[],
): { value: Tensor; grads: Record<string, Tensor> } {
  assertFunction('variableGrads', f);
  const vars = varList ?? [...liveVariables()].filter((v) => v.trainable && v.dtype === 'float32');
  const names = new Set<string>();
  vars.forEach((v, i) => {
    if (!(v instanceof Variable))
      throw new ValueError(`variableGrads: varList[${i}] must be a Variable, received ${describeValue(v)}`);
    if (names.has(v.name))
      throw new ValueError(
        `variableGrads: two variables are named '${v.name}'; gradients are keyed by name, so names must be unique`,
      );
    names.add(v.name);
  });
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

/**
 * `x` as a value that gradients do not flow through (a new handle on the same buffer, no copy).
 * @example
 * const prediction = tensor([1, 2]);
 * const g = grad((target) => sum(square(sub(prediction, stopGradient(target)))))(tensor([0, 0]));
 * g; // → [0, 0]
 */
export function stopGradient(x: TensorLike): Tensor {
  const t = toTensor(x, 'x', 'stopGradient');
  return engine.withoutListeners(() => engine.view('identity', t, t.shape));
}

/**
 * Runs `fn` without recording anything for autograd (inference, metrics); returns what `fn` returns.
 * @example
 * const w = variable(tensor([2]));
 * const y = noGrad(() => mul(w, 3)); // nothing recorded: no gradient can reach w through y
 * y; // → [6]
 */
export function noGrad<T>(fn: () => T): T {
  assertFunction('noGrad', fn);
  return engine.withoutListeners(fn);
}
