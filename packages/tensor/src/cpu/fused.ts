import type { FusedKernels, TensorInfo } from '../backend/kernels.js';
import { adamStepSize } from '../fused.js';
import type { CpuStorage } from './storage.js';

/**
 * The CPU backend's fused kernels: plain loops, one pass each. Adam in one pass reads four arrays and writes three
 * where the composed update makes ten temporaries, so it pays off here as on the SIMD backends.
 */
export function cpuFusedKernels(store: CpuStorage): FusedKernels {
  return {
    adamUpdate: ([p, g, m, v], { learningRate, beta1, beta2, epsilon, step, weightDecay, inPlace }) => {
      const [pd, gd, md, vd] = [p, g, m, v].map((t) => store.get(t.dataId) as Float32Array) as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const n = pd.length;
      const [po, mo, vo] = inPlace ? [pd, md, vd] : [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
      // Rounded to float32 as the composed ops round their scalar operands, so both paths agree closely.
      const alpha = Math.fround(adamStepSize(learningRate, beta1, beta2, step));
      const o1 = Math.fround(1 - beta1);
      const o2 = Math.fround(1 - beta2);
      const keep = Math.fround(1 - learningRate * weightDecay);
      const eps = Math.fround(epsilon);
      for (let i = 0; i < n; i++) {
        const gi = gd[i]!;
        const mi = Math.fround(md[i]! + Math.fround((gi - md[i]!) * o1));
        const vi = Math.fround(vd[i]! + Math.fround((gi * gi - vd[i]!) * o2));
        po[i] = pd[i]! * keep - (mi * alpha) / (Math.sqrt(vi) + eps);
        mo[i] = mi;
        vo[i] = vi;
      }
      const out = (data: Float32Array, like: TensorInfo): TensorInfo =>
        inPlace ? like : store.put(data, like.shape, 'float32');
      return [out(po, p), out(mo, m), out(vo, v)];
    },
  };
}
