import { add, conv2d as conv2dOp, engine, mapUnary, matmul, tensor, type OpName } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { conv2d, dense, withPreActivations } from '@rectify/layers';
import { get } from '@rectify/activations';

/** The ops a call records, in order. */
function opsOf(fn: () => unknown): OpName[] {
  const ops: OpName[] = [];
  const stop = engine.addOpListener((r) => ops.push(r.op));
  try {
    fn();
  } finally {
    stop();
  }
  return ops;
}

describe('dense and conv2d fuse bias + elementwise activation', () => {
  const x = tensor([
    [1, -2, 0.5],
    [-0.25, 3, 1],
  ]);

  it('dense with leakyRelu runs matmul then one biasActivation, equal to the composed ops', () => {
    const layer = dense({ units: 2, activation: { name: 'leakyRelu', alpha: 0.3 }, biasInitializer: 'ones' });
    layer.build([2, 3]);
    const ops = opsOf(() => layer.apply(x));
    expect(ops.filter((o) => o !== 'identity' && o !== 'reshape')).toEqual(['matmul', 'biasActivation']);
    const k = layer.getWeights()[0]!;
    const b = layer.getWeights()[1]!;
    const leaky = get({ name: 'leakyRelu', alpha: 0.3 }).unaryKernel!;
    const ref = mapUnary(add(matmul(x, k), b), leaky.fn, leaky.a, leaky.b);
    expect(Array.from((layer.apply(x) as ReturnType<typeof tensor>).dataSync())).toEqual(Array.from(ref.dataSync()));
  });

  it('keeps the unfused path when capturing the pre-activation, without a bias, or for a composite activation', () => {
    const captured = dense({ units: 2, activation: 'relu', biasInitializer: 'ones' });
    captured.build([2, 3]);
    withPreActivations([captured], (pre) => {
      expect(opsOf(() => captured.apply(x))).toContain('binary');
      expect(pre.get(captured)?.[0]?.shape).toEqual([2, 2]);
    });
    expect(opsOf(() => captured.apply(x))).toContain('biasActivation'); // fused again once nobody watches
    const noBias = dense({ units: 2, activation: 'relu', useBias: false });
    noBias.build([2, 3]);
    expect(opsOf(() => noBias.apply(x))).not.toContain('biasActivation');
    const soft = dense({ units: 2, activation: 'softmax' });
    soft.build([2, 3]);
    expect(opsOf(() => soft.apply(x))).not.toContain('biasActivation');
  });

  it('conv2d with sigmoid fuses its channel bias and matches conv + add + sigmoid', () => {
    const layer = conv2d({ filters: 2, kernelSize: 2, activation: 'sigmoid', biasInitializer: 'ones' });
    const img = tensor([0.5, -1, 2, 0.25, 1, -0.5, 0, 1.5, -2], [1, 3, 3, 1]);
    layer.build([1, 3, 3, 1]);
    expect(opsOf(() => layer.apply(img))).toContain('biasActivation');
    const [k, b] = layer.getWeights();
    const pre = add(conv2dOp(img, k!, 1, 'valid'), b!).dataSync();
    const got = (layer.apply(img) as ReturnType<typeof tensor>).dataSync();
    pre.forEach((v, i) => expect(got[i]).toBeCloseTo(1 / (1 + Math.exp(-v)), 6));
  });
});
