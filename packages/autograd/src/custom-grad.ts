import {
  type Tensor,
  type TensorLike,
  ShapeError,
  Tensor as TensorClass,
  ValueError,
  engine,
  fmtShape,
  toTensor,
} from '@rectify/tensor';
import { describeValue } from './variable.js';

/** Hands tensors from the forward pass to the gradient function (TensorFlow.js's `GradSaveFunc`). */
export type GradSaveFunc = (tensors: Tensor[]) => void;

/** What a customGrad function returns: its value and the gradient of its inputs given the upstream `dy`. */
export interface CustomGradResult<T extends Tensor = Tensor> {
  readonly value: T;
  /**
   * `needs[i]` says whether input i needs a gradient (it depends on what is being differentiated); where it does
   * not, the function may return null instead of computing one (TensorFlow.js passes no third argument).
   */
  readonly gradFunc: (dy: T, saved: Tensor[], needs: readonly boolean[]) => Tensor | Array<Tensor | null>;
}

/** The function customGrad wraps: the inputs, then the save function, as TensorFlow.js passes them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: tfjs's own signature mixes tensors and the save function.
export type CustomGradientFunc<T extends Tensor = Tensor> = (...inputs: any[]) => CustomGradResult<T>;

/**
 * A function with a gradient you write yourself, with TensorFlow.js's semantics: `f(...inputs, save)` returns
 * `{ value, gradFunc }`; `gradFunc(dy, saved, needs)` returns one gradient per input (a single tensor for one input),
 * or null for an input whose `needs` entry is false (it depends on nothing being differentiated).
 * The ops inside `f` are not recorded — autograd sees one op whose gradient is `gradFunc` — so it can replace an
 * unstable or costly derivative (a straight-through estimator, a clipped gradient …).
 * @example
 * const clipGrad = customGrad((x: Tensor, save: GradSaveFunc) => {
 *   save([x]);
 *   return { value: square(x), gradFunc: (dy, [xs]) => [clipByValue(mul(dy, mul(xs!, 2)), -1, 1)] };
 * });
 * grad((x) => clipGrad(x))(tensor([3])) // [1] instead of [6]
 */
export function customGrad<T extends Tensor>(f: CustomGradientFunc<T>): (...args: TensorLike[]) => T {
  if (typeof f !== 'function') throw new ValueError(`customGrad: f must be a function, received ${describeValue(f)}`);
  return (...args) => {
    const xs = args.map((a, i) => toTensor(a, `args[${i}]`, 'customGrad'));
    let saved: Tensor[] = [];
    const save: GradSaveFunc = (tensors) => {
      if (!Array.isArray(tensors) || tensors.some((t) => !(t instanceof TensorClass))) {
        throw new ValueError(`customGrad: save() takes an array of tensors, received ${describeValue(tensors)}`);
      }
      saved = tensors;
    };
    const mark = TensorClass.nextId;
    const result = engine.withoutListeners(() => f(...xs, save));
    if (
      typeof result !== 'object' ||
      result === null ||
      !(result.value instanceof TensorClass) ||
      typeof result.gradFunc !== 'function'
    ) {
      throw new ValueError(
        `customGrad: f must return { value: Tensor, gradFunc: Function }, received ${describeValue(result)}`,
      );
    }
    const { value, gradFunc } = result;
    // The recorded output must be a tensor of its own: `f` may return one of its inputs unchanged.
    const out = engine.withoutListeners(() => engine.view('identity', value, value.shape)) as T;
    if (value.id >= mark) value.dispose();
    const grads = (dy: Tensor, kept: readonly Tensor[], needs: readonly boolean[]): Array<Tensor | null> => {
      const gs = gradFunc(dy as T, [...kept], needs);
      const list = Array.isArray(gs) ? gs : [gs];
      if (list.length !== xs.length) {
        throw new ValueError(
          `customGrad: gradFunc must return one gradient per input (${xs.length}), received ${list.length}`,
        );
      }
      list.forEach((g, i) => {
        if (g === null && !needs[i]) return;
        if (!(g instanceof TensorClass) || g.shape.join() !== xs[i]!.shape.join()) {
          const got = g instanceof TensorClass ? `shape ${fmtShape(g.shape)}` : describeValue(g);
          throw new ShapeError(
            `customGrad: gradient ${i} must have the shape of input ${i}, ${fmtShape(xs[i]!.shape)}; received ${got}`,
          );
        }
      });
      return list;
    };
    return engine.record('customGrad', [...xs, ...saved], { gradFunc: grads, numInputs: xs.length }, out) as T;
  };
}
