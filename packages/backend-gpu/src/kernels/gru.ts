import type { KernelSpecs, TensorInfo } from '@rectify/tensor';
import { type GpuContext, launch } from './launch.js';
import { GATE_FUNCTIONS } from './lstm.js';

/** Kernel body per output: q (row), j (unit) and k = q·units + j are set; x, hr index a row's gates z, r, h. */
const BODIES = {
  value: 'return cand + z * (h[k] - cand);',
  h: 'return dy[k] * z;',
  // One thread per element of [batch, 3·units]: g is the gate this thread writes.
  zx: `if (g === 0) {
return dy[k] * (h[k] - cand) * rfDsig(preZ);
}
if (g === 1) {
return da * zh[w + 2 * u] * rfDsig(preR);
}
return da;`,
  zh: `if (g === 0) {
return dy[k] * (h[k] - cand) * rfDsig(preZ);
}
if (g === 1) {
return da * zh[w + 2 * u] * rfDsig(preR);
}
return da * rfSig(preR);`,
} as const;

function build(key: keyof typeof BODIES) {
  const wide = key === 'zx' || key === 'zh';
  const index = wide
    ? `const q = rfDiv(i, 3 * u);
const rest = i - q * 3 * u;
const g = rfDiv(rest, u);
const j = rest - g * u;`
    : `const q = rfDiv(i, u);
const j = i - q * u;`;
  return () => ({
    source: `function (zx, zh, h, dy, u) {
const i = rfFloat(this.thread.x);
${index}
const w = q * 3 * u + j;
const k = q * u + j;
const preZ = zx[w] + zh[w];
const preR = zx[w + u] + zh[w + u];
const z = rfSig(preZ);
const a = zx[w + 2 * u] + rfSig(preR) * zh[w + 2 * u];
const cand = rfTh(a);
const da = dy[k] * (1 - z) * rfDth(a);
${BODIES[key]}
}`,
    functions: GATE_FUNCTIONS,
  });
}

export function gruCell(ctx: GpuContext, [zx, zh, h]: KernelSpecs['gruCell']['inputs']): TensorInfo {
  // h stands in for dy, which the forward body does not read: gpu.js kernels take a fixed argument list.
  return launch(ctx, 'gruCell', 'value', h.shape, 'float32', build('value'), [zx, zh, h, h], [h.shape[1]!]);
}

export function gruCellGrad(
  ctx: GpuContext,
  [zx, zh, h, dy]: KernelSpecs['gruCellGrad']['inputs'],
  { wrt }: KernelSpecs['gruCellGrad']['attrs'],
): TensorInfo {
  const shape = wrt === 'h' ? h.shape : zx.shape;
  return launch(ctx, 'gruCellGrad', wrt, shape, 'float32', build(wrt), [zx, zh, h, dy], [h.shape[1]!]);
}
