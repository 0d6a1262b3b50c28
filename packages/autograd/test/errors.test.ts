import { describe, expect, it } from 'vitest';
import { BackendError, RectifyError, ShapeError, ValueError, argMax, mul, sum, tensor } from '@rectify/tensor';
import { checkGradients, grad, grads, noGrad, valueAndGrad, variable, variableGrads } from '@rectify/autograd';

function throws(fn: () => unknown, cls: new (...a: never[]) => Error, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(cls);
  expect(caught).toBeInstanceOf(RectifyError);
  expect((caught as Error).message).toBe(message);
}

describe('autograd errors name the function, what it received and what it expected', () => {
  it('functions that are not functions', () => {
    throws(() => grad(3 as never), ValueError, 'grad: f must be a function, received number');
    throws(() => valueAndGrad(null as never), ValueError, 'valueAndGrad: f must be a function, received null');
    throws(() => noGrad('x' as never), ValueError, 'noGrad: f must be a function, received string');
    throws(
      () => variableGrads(undefined as never),
      ValueError,
      'variableGrads: f must be a function, received undefined',
    );
  });

  it('a function that does not return a tensor', () => {
    throws(
      () => grad(() => 3 as never)(tensor([1])),
      RectifyError,
      'grad: the function must return a Tensor, received number',
    );
    throws(
      () => grads(() => [tensor(1)] as never)([tensor([1])]),
      RectifyError,
      'grads: the function must return a Tensor, received an array',
    );
  });

  it('sources that cannot be differentiated', () => {
    throws(
      () => grad((x) => x)(tensor([1], undefined, 'int32')),
      ValueError,
      'grad: can only differentiate with respect to float32 tensors, argument 0 is int32',
    );
    throws(
      () => grads((a, b) => mul(a, b))([tensor([1]), tensor([true])]),
      ValueError,
      'grads: can only differentiate with respect to float32 tensors, argument 1 is bool',
    );
    throws(
      () => grads((a) => a)(tensor([1]) as never),
      ValueError,
      'grads: xs must be an array of tensors, received a Tensor of shape [1]',
    );
    const gone = tensor([1]);
    gone.dispose();
    throws(() => grad((x) => x)(gone), BackendError, `grad: tensor ${gone.id} (shape [1]) was already disposed`);
  });

  it('a dy of the wrong shape', () => {
    throws(
      () => grad((x) => mul(x, 2))(tensor([1, 2]), tensor([1, 2, 3])),
      ShapeError,
      "grad: dy has shape [3], but the function's output has shape [2]",
    );
  });

  it('variableGrads', () => {
    const v = variable(tensor([1, 2]), true, 'err/v');
    throws(
      () => variableGrads(() => mul(v, 2), [v]),
      ShapeError,
      'variableGrads: f must return a scalar loss, received shape [2]',
    );
    throws(
      () => variableGrads(() => sum(v), [tensor([1]) as never]),
      ValueError,
      'variableGrads: varList[0] must be a Variable, received a Tensor of shape [1]',
    );
    const twin = variable(tensor([3]), true, 'err/v');
    throws(
      () => variableGrads(() => sum(mul(v, twin)), [v, twin]),
      ValueError,
      "variableGrads: two variables are named 'err/v'; gradients are keyed by name, so names must be unique",
    );
    throws(
      () => variableGrads(() => sum(v), [variable(tensor([1], undefined, 'int32'), true, 'err/i')]),
      ValueError,
      'variableGrads: can only differentiate with respect to float32 tensors, argument 0 is int32',
    );
  });

  it('variable', () => {
    throws(() => variable(tensor([1]), true, ''), ValueError, 'variable: name must be a non-empty string, received ""');
    throws(
      () => variable(tensor([1]), 'yes' as never),
      ValueError,
      'variable: trainable must be a boolean, received yes',
    );
    throws(
      () => variable({} as never),
      ValueError,
      "variable: argument 'initial' must be a Tensor, number or array, received object",
    );
  });

  it('checkGradients', () => {
    throws(
      () => checkGradients((x) => x, [tensor([1])], { eps: 0 }),
      ValueError,
      'checkGradients: eps must be a finite positive number, received 0',
    );
    throws(
      () => checkGradients((x) => x, [tensor([1])], { tol: -1 }),
      ValueError,
      'checkGradients: tol must be a finite positive number, received -1',
    );
    throws(
      () => checkGradients((x) => x, []),
      ValueError,
      'checkGradients: inputs must be a non-empty array of tensors',
    );
    throws(
      () => checkGradients((x) => argMax(x), [tensor([1, 2])]),
      ValueError,
      'checkGradients: f must return a float32 tensor, received int32',
    );
  });
});
