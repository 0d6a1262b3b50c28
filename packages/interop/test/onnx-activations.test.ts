import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { activation } from '@rectify/layers';
import { onnxActivationNames } from '@rectify/interop';
import { applyStack, compareWithOrt } from './helpers.js';

// Near zero, tiny, moderate and large magnitudes on both sides, plus the kinks of the piecewise ones (±3, 6).
const X = [-30, -8, -3, -1.5, -0.5, -1e-6, 0, 1e-6, 0.25, 1, 2.9, 3, 6, 7.5, 30];

const CONFIGS = [
  'relu',
  'relu6',
  { name: 'leakyRelu', alpha: 0.05 },
  { name: 'prelu', alpha: 0.3 },
  { name: 'elu', alpha: 0.5 },
  'selu',
  { name: 'celu', alpha: 2 },
  'gelu',
  { name: 'gelu', approximate: 'tanh' },
  'swish',
  { name: 'swish', beta: 1.7 },
  'mish',
  'hardSigmoid',
  'hardSwish',
  'sigmoid',
  'tanh',
  'softplus',
  'softsign',
  'softmax',
  { name: 'logSoftmax', axis: 0 },
  'linear',
] as const;

describe('exportOnnx: every activation', () => {
  it('covers every activation the exporter lists', () => {
    const names = new Set(CONFIGS.map((c) => (typeof c === 'string' ? c : c.name)));
    expect([...names].sort()).toEqual([...onnxActivationNames()].sort());
  });

  for (const opset of [17, 21]) {
    for (const config of CONFIGS) {
      it(`${JSON.stringify(config)} at opset ${opset} matches Rectify within 1e-5 from −30 to 30`, async () => {
        const layers = [activation({ activation: config, inputShape: [X.length] })];
        const x = tensor([X, X.map((v) => -v / 3)]);
        const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x), { opset });
        expect(r.diff).toBeLessThan(1e-5);
      });
    }
  }
});
