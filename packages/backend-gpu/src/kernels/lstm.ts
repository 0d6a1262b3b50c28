import type { KernelSpecs, TensorInfo } from '@rectify/tensor';
import type { KernelFunctionSettings } from '../gpujs.js';
import { type GpuContext, launch } from './launch.js';

/**
 * The LSTM pointwise kernels: each output element reads its row's gate pre-activations z[r, g·units + j] and c[r, j].
 * σ and tanh are written from one exp of −|x| so that they neither overflow nor need the GL tanh helper; the
 * conformance suite holds them to the reference.
 */
const fn = (source: string): KernelFunctionSettings => ({
  source,
  settings: { argumentTypes: ['Number'], returnType: 'Number' },
});
export const GATE_FUNCTIONS: readonly KernelFunctionSettings[] = [
  fn(`function rfSig(x) {
  const e = Math.exp(-Math.abs(x));
  if (x >= 0) {
    return 1 / (1 + e);
  }
  return e / (1 + e);
}`),
  fn(`function rfDsig(x) {
  const e = Math.exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}`),
  fn(`function rfTh(x) {
  const e = Math.exp(-2 * Math.abs(x));
  const t = (1 - e) / (1 + e);
  if (x < 0) {
    return -t;
  }
  return t;
}`),
  fn(`function rfDth(x) {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}`),
];

/** Kernel body per mode, given r (row), j (unit), z row offset `zb` and `k` = r·units + j. */
const BODIES = {
  state: 'return rfSig(z[zb + u]) * c[k] + rfSig(z[zb]) * rfTh(z[zb + 2 * u]);',
  hidden: 'return rfSig(z[zb + 3 * u]) * rfTh(c[k]);',
  stateC: 'return dy[k] * rfSig(z[zb + u]);',
  hiddenC: 'return dy[k] * rfSig(z[zb + 3 * u]) * rfDth(c[k]);',
  // For dz the thread indexes [batch, 4·units]: g is the gate, zb + g·u the element itself.
  stateZ: `if (g === 0) {
return dy[k] * rfTh(z[zb + 2 * u]) * rfDsig(z[zb]);
}
if (g === 1) {
return dy[k] * c[k] * rfDsig(z[zb + u]);
}
if (g === 2) {
return dy[k] * rfSig(z[zb]) * rfDth(z[zb + 2 * u]);
}
return 0;`,
  hiddenZ: `if (g === 3) {
return dy[k] * rfTh(c[k]) * rfDsig(z[zb + 3 * u]);
}
return 0;`,
} as const;

function build(body: string, wide: boolean) {
  // wide: one thread per z element (gradients of z), else one per [batch, units] element.
  const index = wide
    ? `const q = rfDiv(i, 4 * u);
const rest = i - q * 4 * u;
const g = rfDiv(rest, u);
const j = rest - g * u;`
    : `const q = rfDiv(i, u);
const j = i - q * u;`;
  return () => ({
    source: `function (z, c, dy, u) {
const i = rfFloat(this.thread.x);
${index}
const zb = q * 4 * u + j;
const k = q * u + j;
${body}
}`,
    functions: GATE_FUNCTIONS,
  });
}

export function lstmCell(
  ctx: GpuContext,
  [z, c]: KernelSpecs['lstmCell']['inputs'],
  { part }: KernelSpecs['lstmCell']['attrs'],
): TensorInfo {
  const units = c.shape[1]!;
  // c stands in for dy, which the forward bodies do not read: gpu.js kernels take a fixed argument list.
  return launch(ctx, 'lstmCell', part, c.shape, 'float32', build(BODIES[part], false), [z, c, c], [units]);
}

export function lstmCellGrad(
  ctx: GpuContext,
  [z, c, dy]: KernelSpecs['lstmCellGrad']['inputs'],
  { part, wrt }: KernelSpecs['lstmCellGrad']['attrs'],
): TensorInfo {
  const units = c.shape[1]!;
  const key = `${part}${wrt === 'z' ? 'Z' : 'C'}` as const;
  const shape = wrt === 'z' ? z.shape : c.shape;
  return launch(ctx, 'lstmCellGrad', key, shape, 'float32', build(BODIES[key], wrt === 'z'), [z, c, dy], [units]);
}
