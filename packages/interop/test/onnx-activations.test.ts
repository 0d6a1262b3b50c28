import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { type ActivationConfig, type ActivationName, list } from '@rectify/activations';
import { activation } from '@rectify/layers';
import { encodeOnnx, onnxActivationNames } from '@rectify/interop';
import { applyStack, compareWithOrt } from './helpers.js';

// Near zero, tiny, moderate and large magnitudes on both sides, plus the kinks of the piecewise ones (±3, 6).
const X = [-30, -8, -3, -1.5, -0.5, -1e-6, 0, 1e-6, 0.25, 1, 2.9, 3, 6, 7.5, 30];

// Options other than the defaults that change the exported graph; every activation also runs with its defaults.
const VARIANTS: Partial<Record<ActivationName, readonly ActivationConfig[]>> = {
  leakyRelu: [{ name: 'leakyRelu', alpha: 0.05 }],
  prelu: [{ name: 'prelu', alpha: 0.3 }],
  elu: [{ name: 'elu', alpha: 0.5 }],
  celu: [{ name: 'celu', alpha: 2 }],
  gelu: [{ name: 'gelu', approximate: 'tanh' }],
  swish: [{ name: 'swish', beta: 1.7 }],
  logSoftmax: [{ name: 'logSoftmax', axis: 0 }],
};

// The registry, not the exporter's own list: an activation whose ONNX table entry is 'none' must fail clearly.
const supported = new Set(onnxActivationNames());
const exportable = list().filter((name) => supported.has(name));
const withoutOnnx = list().filter((name) => !supported.has(name));

describe('exportOnnx: every activation of the registry', () => {
  it('the exporter knows no name the registry lacks', () => {
    expect([...supported].filter((name) => !list().includes(name))).toEqual([]);
    expect(exportable.length + withoutOnnx.length).toBe(list().length);
  });

  // Empty while every activation has an ONNX form; the compiler makes a new one choose an emitter or 'none'.
  it.each(withoutOnnx)('%s, declared without an ONNX form, is a clear export error', (name) => {
    const layers = [activation({ activation: name, inputShape: [X.length], name: 'act' })];
    applyStack(layers, tensor([X]));
    expect(() => encodeOnnx({ layers })).toThrow(
      new RegExp(`^exportOnnx: layer 'act' uses activation '${name}', which has no ONNX equivalent; supported: `),
    );
  });

  for (const opset of [17, 21]) {
    for (const config of exportable.flatMap((name): (string | ActivationConfig)[] => [
      name,
      ...(VARIANTS[name as ActivationName] ?? []),
    ])) {
      it(`${JSON.stringify(config)} at opset ${opset} matches Rectify within 1e-5 from −30 to 30`, async () => {
        const layers = [activation({ activation: config, inputShape: [X.length] })];
        const x = tensor([X, X.map((v) => -v / 3)]);
        const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x), { opset });
        expect(r.diff).toBeLessThan(1e-5);
      });
    }
  }
});
