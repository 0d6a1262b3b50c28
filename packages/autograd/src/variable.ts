import { type DType, type TensorLike, Tensor, ValueError, Variable, cast, engine, toTensor } from '@rectify/tensor';

let nextVariableId = 0;
const registry = new Set<WeakRef<Variable>>();

/**
 * A trainable, mutable tensor: model weights. Optimizers update it in place with `assign`; `variableGrads`
 * differentiates with respect to it. `tidy` never disposes a variable; `dispose()` does.
 * @example
 * const w = variable(zeros([3, 1]), true, 'w');
 * w.assign(ones([3, 1]));
 */
export function variable(initial: TensorLike, trainable = true, name?: string, dtype?: DType): Variable {
  if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
    throw new ValueError(`variable: name must be a non-empty string, received ${JSON.stringify(name)}`);
  }
  if (typeof trainable !== 'boolean')
    throw new ValueError(`variable: trainable must be a boolean, received ${String(trainable)}`);
  const v = engine.tidy(() => {
    let t = toTensor(initial, 'initial', 'variable', dtype);
    if (dtype !== undefined && t.dtype !== dtype) t = cast(t, dtype);
    return engine.makeVariable(t, name ?? `variable_${nextVariableId++}`, trainable, Variable);
  });
  registry.add(new WeakRef(v));
  return v;
}

/** Variables that are alive now (not disposed), in creation order. @example [...liveVariables()].map((v) => v.name) */
export function* liveVariables(): Iterable<Variable> {
  for (const ref of registry) {
    const v = ref.deref();
    if (!v || v.isDisposed) registry.delete(ref);
    else yield v;
  }
}

/** @internal for error messages. */
export function describeValue(x: unknown): string {
  if (x instanceof Tensor) return `a ${x.constructor.name} of shape [${x.shape.join(',')}]`;
  return x === null ? 'null' : typeof x;
}
