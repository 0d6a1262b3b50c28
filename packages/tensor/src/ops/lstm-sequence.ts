import { engine, tidy } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { add } from './elementwise.js';
import { slice, stack } from './join.js';
import { matmul } from './linalg.js';
import { lstmPointwise } from './lstm-pointwise.js';
import { reshape } from './shape.js';

/** Step i of a `[steps, batch, n]` tensor, as `[batch, n]`. */
function step(x: Tensor, i: number): Tensor {
  const [, batch, n] = x.shape as [number, number, number];
  return reshape(slice(x, [i, 0, 0], [1, batch, n]), [batch, n]);
}

/**
 * A whole LSTM sequence (Keras' default activations, gates i, f, g, o) from every step's input part `zx`
 * `[steps, batch, 4·units]` (x·W + b), the recurrent kernel `u` `[units, 4·units]` and initial states `h0`, `c0`
 * `[batch, units]`: z_i = zx_i + h_{i−1}·u, then `lstmPointwise`. Returns every step's `[z, h, c]`
 * (`[steps, batch, …]`). A backend's fused `lstmSequence` kernel runs it in one task; the step-by-step ops here are
 * the definition and the fallback. Not recorded for autograd: it is the forward of a hand-written gradient
 * (`lstmSequenceGrad`), as the LSTM layer uses it. `zx` is consumed (z may be written over it); do not use it after.
 * @example
 * // One step, one unit, zero weights: c = σ(0)·0 + σ(0)·tanh(0) = 0, so h = 0.
 * const [z, h, c] = lstmSequence(zeros([1, 1, 4]), zeros([1, 4]), zeros([1, 1]), zeros([1, 1]));
 * z.shape; // → [1, 1, 4]
 * h; // → [[[0]]]
 */
export function lstmSequence(zx: Tensor, u: Tensor, h0: Tensor, c0: Tensor): [z: Tensor, h: Tensor, c: Tensor] {
  return engine.withoutListeners(() => {
    const fused = engine.runFused('lstmSequence', [zx, u, h0, c0], {}, { donate: true });
    if (fused) {
      zx.dispose();
      return [...fused];
    }
    return tidy(() => {
      const zs: Tensor[] = [];
      const hs: Tensor[] = [];
      const cs: Tensor[] = [];
      let [h, c] = [h0, c0];
      for (let i = 0; i < zx.shape[0]!; i++) {
        const z = add(step(zx, i), matmul(h, u));
        [h, c] = lstmPointwise(z, c);
        zs.push(z);
        hs.push(h);
        cs.push(c);
      }
      const out: [Tensor, Tensor, Tensor] = [stack(zs), stack(hs), stack(cs)];
      zx.dispose();
      return out;
    });
  });
}

/**
 * Backpropagation through time of `lstmSequence`, from the `z` and `c` it returned, `c0`, `u` and the upstream
 * gradient `dh` of the hidden states — every step's (`[steps, batch, units]`) or only the last step's
 * (`[batch, units]`). Returns `[dz, dh0, dc0]`: the gradient of every step's z (`[steps, batch, 4·units]`, which is
 * that of zx; dW, du and db follow from it with two products and a sum) and of the initial states.
 * @example
 * // A zero recurrent kernel: the gradient stops at each step, so dh0 is 0; dc0 = dc·σ(z_f) with dc = dh·σ(0)·tanh′(0).
 * const [z, h, c] = lstmSequence(zeros([1, 1, 4]), zeros([1, 4]), zeros([1, 1]), zeros([1, 1]));
 * const [dz, dh0, dc0] = lstmSequenceGrad(z, c, zeros([1, 1]), zeros([1, 4]), ones([1, 1]));
 * dh0; // → [[0]]
 * dc0; // → [[0.25]]
 */
export function lstmSequenceGrad(
  z: Tensor,
  c: Tensor,
  c0: Tensor,
  u: Tensor,
  dh: Tensor,
): [dz: Tensor, dh0: Tensor, dc0: Tensor] {
  return engine.withoutListeners(() => {
    const fused = engine.runFused('lstmSequenceGrad', [z, c, c0, u, dh], {});
    if (fused) return [...fused];
    return tidy(() => {
      const steps = z.shape[0]!;
      const dzs: Tensor[] = new Array<Tensor>(steps);
      let dhNext: Tensor | undefined;
      let dcNext: Tensor | undefined;
      for (let i = steps - 1; i >= 0; i--) {
        const dy = dh.rank === 3 ? step(dh, i) : i === steps - 1 ? dh : undefined;
        const dhAll = dhNext && dy ? add(dhNext, dy) : (dhNext ?? dy)!;
        const zi = step(z, i);
        const cNew = step(c, i);
        const cPrev = i === 0 ? c0 : step(c, i - 1);
        const grad = (part: 'state' | 'hidden', cell: Tensor, g: Tensor, wrt: 'z' | 'c') =>
          engine.runKernel('lstmCellGrad', [zi, cell, g], { part, wrt });
        const dcHidden = grad('hidden', cNew, dhAll, 'c');
        const dcAll = dcNext ? add(dcNext, dcHidden) : dcHidden;
        dzs[i] = add(grad('hidden', cNew, dhAll, 'z'), grad('state', cPrev, dcAll, 'z'));
        dcNext = grad('state', cPrev, dcAll, 'c');
        dhNext = matmul(dzs[i]!, u, false, true);
      }
      return [stack(dzs), dhNext!, dcNext!] as [Tensor, Tensor, Tensor];
    });
  });
}
