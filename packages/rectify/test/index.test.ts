import { describe, expect, it } from 'vitest';
import * as rf from '../src/index.node.js';

describe("the umbrella: import * as rf from '@rectify/rectify'", () => {
  it('re-exports tensor ops and autograd at the top level', () => {
    const dSquare = rf.grad((x) => rf.mul(x, x));
    expect(Array.from(dSquare(rf.tensor([3])).dataSync())).toEqual([6]);
    expect(rf.tidy(() => rf.matmul(rf.ones([1, 2]), rf.ones([2, 1])).item())).toBe(2);
  });
  it('exposes activations as functions and as a namespace', () => {
    expect(Array.from(rf.relu(rf.tensor([-1, 2])).dataSync())).toEqual([0, 2]);
    expect(rf.sigmoid(rf.tensor([0])).item()).toBe(0.5);
    expect(rf.activations.get('gelu').recommendedInitializer).toBe('heNormal');
  });
  it('puts every activation of the registry at the top level, the activation winning over a tensor op of its name', () => {
    const top = rf as unknown as Record<string, unknown>;
    for (const name of rf.activations.list()) {
      expect({ name, exported: top[name] }).toEqual({
        name,
        exported: (rf.activations as Record<string, unknown>)[name],
      });
      expect(top[`${name}Definition`]).toBe(rf.activations.activations[name as rf.activations.ActivationName]);
    }
    // The activation's softmax carries the activation's options and error messages, not tensor's op.
    expect(() => rf.softmax(rf.tensor([1, 2]), { axis: 'x' } as never)).toThrow(
      /softmax: option 'axis' must be an integer/,
    );
    expect(rf.silu).toBe(rf.activations.silu);
  });
  it('exposes initializers, layers, regularizers, optimizers, losses, metrics and callbacks namespaces', () => {
    expect(rf.initializers.heNormal().name).toBe('heNormal');
    expect(rf.layers.dense({ units: 2 }).className).toBe('Dense');
    expect(typeof rf.regularizers.get).toBe('function');
    expect(rf.optimizers.adam({ learningRate: 0.01 }).learningRate).toBe(0.01);
    expect(rf.losses.getLoss('mse').name).toBe('meanSquaredError');
    expect(rf.metrics.getMetric('acc').name).toBe('accuracy');
    expect(new rf.callbacks.EarlyStopping().monitor).toBe('val_loss');
  });
  it('exposes the model API', () => {
    const x = rf.input({ shape: [3] });
    const m = rf.model({ inputs: x, outputs: rf.layers.dense({ units: 1 }).apply(x) as rf.SymbolicTensor });
    expect(m).toBeInstanceOf(rf.Model);
    expect(rf.sequential([rf.layers.dense({ units: 1, inputShape: [2] })])).toBeInstanceOf(rf.Sequential);
    expect(typeof rf.loadModel).toBe('function');
  });
});
