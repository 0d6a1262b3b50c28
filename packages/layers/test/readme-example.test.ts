import { ones } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { Functional, add, dense, deserializeLayer, input, serializeLayer } from '@rectify/layers';
import { values } from './helpers.js';

// The README's snippet, run as written (plus checks).
describe('README example', () => {
  it('runs', () => {
    const layer = dense({ units: 3, activation: 'relu', kernelRegularizer: 'l2' });
    const y = layer.apply(ones([2, 4]));
    expect(y.shape).toEqual([2, 3]);

    const a = input({ shape: [4] });
    const b = input({ shape: [4] });
    const shared = dense({ units: 8, activation: 'gelu' });
    const merged = add().apply([shared.apply(a), shared.apply(b)]);
    const model = new Functional({ inputs: [a, b], outputs: dense({ units: 1 }).apply(merged) });
    model.apply([ones([2, 4]), ones([2, 4])], { training: true });

    const copy = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(model))));
    copy.setWeights(model.getWeights());
    const xs = [ones([2, 4]), ones([2, 4])];
    expect(values(copy.apply(xs))).toEqual(values(model.apply(xs)));
  });
});
