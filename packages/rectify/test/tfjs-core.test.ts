import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as rf from '@rectify/rectify';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

describe('the umbrella speaks TensorFlow.js core', () => {
  it('chain like TensorFlow.js code: x.add(y).relu().mean(0)', () => {
    const x = [
      [-1, 2],
      [3, -4],
    ];
    const ours = rf.tensor(x).sub(1).relu().mean(0).dataSync();
    const theirs = tf.tensor(x).sub(1).relu().mean(0).dataSync();
    expect(Array.from(ours)).toEqual(Array.from(theirs));
    expect(rf.tensor(x).leakyRelu(0.2).arraySync()).toEqual(tf.tensor(x).leakyRelu(0.2).arraySync());
    expect(rf.tensor([1, 2, 3]).softmax().sum().item()).toBeCloseTo(1, 6);
    expect(rf.tensor(x).variable(false, 'chained').trainable).toBe(false);
  });

  it('cover every TensorFlow.js Tensor method for which Rectify has the op', () => {
    // The tfjs methods Rectify has no op for (FFTs, special convolutions, space/batch reshuffles, …).
    const absent = new Set([
      'batchNorm',
      'batchToSpaceND',
      'conv1d',
      'conv2dTranspose',
      'depthToSpace',
      'depthwiseConv2d',
      'dilation2d',
      'fft',
      'ifft',
      'irfft',
      'rfft',
      'localResponseNormalization',
      'mirrorPad',
      'pool',
      'separableConv2d',
      'spaceToBatchND',
      'unique',
      'unsortedSegmentSum',
      'buffer',
      'bufferSync',
      'bytes',
      'dataToGPU',
      'throwIfDisposed',
    ]);
    const theirs = new Set<string>();
    for (let p = Object.getPrototypeOf(tf.tensor([1])); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const name of Object.getOwnPropertyNames(p)) {
        if (typeof Object.getOwnPropertyDescriptor(p, name)?.value === 'function' && name !== 'constructor')
          theirs.add(name);
      }
    }
    const missing = [...theirs].filter(
      (m) => !absent.has(m) && typeof (rf.Tensor.prototype as unknown as Record<string, unknown>)[m] !== 'function',
    );
    expect(missing).toEqual([]);
    expect(Object.keys(rf.tensorMethods).length).toBeGreaterThan(100);
  });

  it('types the methods other packages add', () => {
    const x = rf.tensor([1, 2]);
    expectTypeOf(x.relu()).toEqualTypeOf<rf.Tensor>();
    expectTypeOf(x.leakyRelu).parameters.toEqualTypeOf<[options?: rf.activations.LeakyReluOptions | number]>();
    expectTypeOf(x.variable()).toEqualTypeOf<rf.Variable>();
  });

  it("softmax and logSoftmax take tfjs's positional axis as well as { axis }", () => {
    const logits = [
      [1, 2, 3],
      [1, 1, 5],
    ];
    for (const axis of [0, 1, -1]) {
      expect(rf.softmax(logits, axis).arraySync()).toEqual(rf.softmax(logits, { axis }).arraySync());
      const theirs = tf.softmax(tf.tensor(logits), axis === 0 ? -1 : axis).dataSync();
      if (axis !== 0)
        rf.softmax(logits, axis)
          .dataSync()
          .forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 6));
      const theirLog = tf.logSoftmax(tf.tensor(logits), axis === 0 ? -1 : axis).dataSync();
      if (axis !== 0)
        rf.logSoftmax(logits, axis)
          .dataSync()
          .forEach((v, i) => expect(v).toBeCloseTo(theirLog[i]!, 5));
    }
    expect(rf.leakyRelu([-10, 2], 0.2).arraySync()).toEqual([-2, 2]);
  });

  it('getBackend() is the name, backend() the object', () => {
    expect(rf.getBackend()).toBe(rf.backend().name);
    expect(typeof rf.getBackend()).toBe('string');
  });

  it('exports the tfjs core symbols', () => {
    const symbols = [
      'tensor1d',
      'tensor2d',
      'tensor3d',
      'tensor4d',
      'tensor5d',
      'tensor6d',
      'fill',
      'range',
      'matMul',
      'dot',
      'norm',
      'euclideanNorm',
      'topk',
      'cumsum',
      'cumprod',
      'stridedSlice',
      'reverse',
      'erf',
      'einsum',
      'customGrad',
      'grad',
      'grads',
      'valueAndGrad',
      'valueAndGrads',
      'variableGrads',
      'keep',
      'memory',
      'nextFrame',
      'tan',
      'asin',
      'acos',
      'atan',
      'atan2',
      'sinh',
      'cosh',
      'asinh',
      'acosh',
      'atanh',
      'step',
      'isInf',
      'logSigmoid',
      'divNoNan',
      'backend',
      'getBackend',
    ] as const;
    for (const s of symbols) expect(typeof rf[s], s).toBe('function');
    for (const ns of ['util', 'browser', 'image'] as const) expect(typeof rf[ns], ns).toBe('object');
    expect(typeof rf.util.shuffle).toBe('function');
    expect(typeof rf.image.resizeBilinear).toBe('function');
    expect(typeof rf.browser.fromPixels).toBe('function');
  });
});
