// Autograd: grad, valueAndGrad and checkGradients against finite differences.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  // f(x) = Σ x² · sin(x), so f'(x) = 2x · sin(x) + x² · cos(x), elementwise.
  const f = (x: rf.Tensor) => rf.sum(rf.mul(rf.square(x), rf.sin(x)));
  const x = rf.tensor([0.5, 1, 2]);

  const dfdx = rf.grad(f)(x);
  ctx.print("f'(x) =", dfdx);

  const { value, grad } = rf.valueAndGrad(f)(x);
  ctx.print(`f(x) = ${value.item().toFixed(6)}`);

  const check = rf.checkGradients(f, [x]);
  ctx.print(`checkGradients: ok=${check.ok}, max error ${check.maxError.toExponential(2)}`);
  return {
    grad: Array.from(grad.dataSync()),
    value: value.item(),
    check: { ok: check.ok, maxError: check.maxError },
  };
}
