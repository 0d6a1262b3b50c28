import { type Tensor, type TensorLike, ValueError, Variable, engine, toTensor } from '@rectify/tensor';
import { registerVariable } from './gradients.js';

let nextVariableId = 0;

/**
 * A trainable, mutable tensor: model weights. Optimizers update it in place with `assign`; `variableGrads`
 * differentiates with respect to it.
 * @example
 * const w = variable(zeros([3, 1]), true, 'w');
 * w.assign(ones([3, 1]));
 */
export function variable(initial: TensorLike, trainable = true, name?: string, dtype?: Tensor['dtype']): Variable {
  const t = toTensor(initial, 'initial', 'variable', dtype);
  if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
    throw new ValueError(`variable: name must be a non-empty string, received ${JSON.stringify(name)}`);
  }
  const v = engine.makeVariable(t, name ?? `variable_${nextVariableId++}`, trainable, Variable);
  registerVariable(v);
  return v;
}
