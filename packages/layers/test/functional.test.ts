import { ShapeError, ValueError, add as addT, concat, matmul, ones, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  Dense,
  Functional,
  layerClasses,
  InputLayer,
  type SymbolicTensor,
  add,
  batchNormalization,
  concatenate,
  dense,
  dropout,
  input,
  multiHeadAttention,
} from '@rectify/layers';
import { expectClose, values } from './helpers.js';

const S = (x: unknown) => x as SymbolicTensor;

describe('functional graphs', () => {
  it('a linear stack runs like applying the layers in order', () => {
    const x = input({ shape: [3] });
    const d1 = dense({ units: 4, activation: 'relu' });
    const d2 = dense({ units: 2 });
    const model = new Functional({ inputs: x, outputs: d2.apply(d1.apply(x)) as SymbolicTensor });
    expect(model.layers.map((l) => l.className)).toEqual(['InputLayer', 'Dense', 'Dense']);
    const data = tensor([
      [1, -2, 3],
      [0.5, 0, -1],
    ]);
    expect(values(model.apply(data))).toEqual(values(d2.apply(d1.apply(data))));
    expect(model.countParams()).toBe(16 + 10);
    expect(model.trainableWeights).toHaveLength(4);
  });

  it('two inputs merged by add and concatenate, two outputs', () => {
    const a = input({ shape: [2], name: 'a' });
    const b = input({ shape: [2], name: 'b' });
    const shared = dense({ units: 2, kernelInitializer: 'ones', useBias: false, name: 'shared' });
    const sa = S(shared.apply(a));
    const sb = S(shared.apply(b));
    const sum = S(add({ name: 'sum' }).apply([sa, sb]));
    const cat = S(concatenate({ name: 'cat' }).apply([a, sum]));
    expect(cat.shape).toEqual([null, 4]);
    const head = dense({
      units: 1,
      kernelInitializer: 'ones',
      biasInitializer: { name: 'constant', value: 1 },
      name: 'head',
    });
    const model = new Functional({ inputs: [a, b], outputs: [sum, S(head.apply(cat))] });
    expect(model.layers.map((l) => l.name)).toEqual(['a', 'b', 'shared', 'sum', 'cat', 'head']);
    expect(model.nodes).toHaveLength(7); // six layers, the shared one applied twice
    const xa = tensor([[1, 2]]);
    const xb = tensor([[3, 4]]);
    const [ySum, yHead] = model.apply([xa, xb]) as [never, never];
    // shared(x) = [x0 + x1, x0 + x1]
    expect(values(ySum)).toEqual([10, 10]);
    expect(values(yHead)).toEqual([1 + 2 + 10 + 10 + 1]);
    expect(
      model.computeOutputShape([
        [null, 2],
        [null, 2],
      ]),
    ).toEqual([
      [null, 2],
      [null, 1],
    ]);
  });

  it('checks the number and shapes of the inputs', () => {
    const a = input({ shape: [2], name: 'in_a' });
    const model = new Functional({ inputs: a, outputs: dense({ units: 1 }).apply(a) as SymbolicTensor, name: 'm' });
    expect(() => model.apply([ones([1, 2]), ones([1, 2])])).toThrow(new ShapeError('m: expected 1 input, received 2'));
    expect(() => model.apply(ones([1, 3]))).toThrow(
      new ShapeError('in_a: expected input of shape [null,2], received shape [1,3]'),
    );
  });

  it('rejects graphs whose outputs need an input that is not listed, and non-input entries', () => {
    const a = input({ shape: [2], name: 'a1' });
    const b = input({ shape: [2], name: 'b1' });
    const y = S(add().apply([a, b]));
    expect(() => new Functional({ inputs: a, outputs: y })).toThrow(
      new ValueError("functional: the outputs depend on input 'b1', which is not listed in inputs"),
    );
    expect(() => new Functional({ inputs: y, outputs: y })).toThrow(ValueError);
    const d = dense({ units: 1, name: 'dup' });
    const d2 = dense({ units: 1, name: 'dup' });
    expect(() => new Functional({ inputs: a, outputs: S(d2.apply(d.apply(a))) })).toThrow(
      new ValueError("functional: layer names must be unique, 'dup' is used by two layers"),
    );
  });

  it('merge layers check their input shapes', () => {
    expect(() => add({ name: 'plus' }).apply([ones([1, 2]), ones([1, 3])])).toThrow(
      new ShapeError('plus: expected inputs of equal shape, input 1 has shape [1,3], input 0 has [1,2]'),
    );
    expect(() => add({ name: 'plus' }).apply(ones([1, 2]))).toThrow(
      new ShapeError('plus: expected a list of at least 2 inputs, received 1'),
    );
    expect(() => concatenate({ name: 'c', axis: 0 }).apply([ones([1, 2]), ones([1, 3])])).toThrow(
      new ShapeError('c: inputs must agree on every axis but 0, input 1 has shape [1,3], input 0 has [1,2]'),
    );
    expect(values(concatenate({ axis: 0 }).apply([tensor([[1, 2]]), tensor([[3, 4]])]))).toEqual([1, 2, 3, 4]);
  });

  it('passes training to every layer, and node-level arguments are kept', () => {
    const x = input({ shape: [4] });
    const bn = batchNormalization();
    const model = new Functional({ inputs: x, outputs: S(dropout({ rate: 0.5, seed: 1 }).apply(S(bn.apply(x)))) });
    const data = tensor([
      [1, 2, 3, 4],
      [3, 2, 1, 0],
    ]);
    const inference = values(model.apply(data));
    expect(values(bn.getWeights()[2])).toEqual([0, 0, 0, 0]);
    model.apply(data, { training: true });
    expectClose(bn.getWeights()[2], [0.02, 0.02, 0.02, 0.02]);
    expect(inference).toHaveLength(8);
    const seq = input({ shape: [3, 2] });
    const attention = multiHeadAttention({ numHeads: 1, keyDim: 2 });
    const causal = new Functional({ inputs: seq, outputs: S(attention.apply(seq, { useCausalMask: true })) });
    const data3 = tensor([
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    ]);
    expect(values(causal.apply(data3))).toEqual(values(attention.apply(data3, { useCausalMask: true })));
    expect(values(causal.apply(data3))).not.toEqual(values(attention.apply(data3)));
  });

  it('nests: a functional graph is a layer', () => {
    const inner = (() => {
      const x = input({ shape: [2] });
      return new Functional({
        inputs: x,
        outputs: S(dense({ units: 3, kernelInitializer: 'ones' }).apply(x)),
        name: 'inner',
      });
    })();
    const x = input({ shape: [2] });
    const y = S(inner.apply(x));
    expect(y.shape).toEqual([null, 3]);
    const outer = new Functional({
      inputs: x,
      outputs: S(dense({ units: 1, kernelInitializer: 'ones', useBias: false }).apply(y)),
    });
    expect(values(outer.apply(tensor([[1, 2]])))).toEqual([9]);
    expect(outer.weights).toHaveLength(3);
  });

  it('serializes the graph to JSON and rebuilds it with the same connections', () => {
    const a = input({ shape: [2], name: 'ga' });
    const b = input({ shape: [2], name: 'gb' });
    const shared = dense({ units: 3, name: 'g_shared', activation: 'tanh' });
    const merged = S(concatenate({ name: 'g_cat' }).apply([S(shared.apply(a)), S(shared.apply(b))]));
    const model = new Functional({
      inputs: [a, b],
      outputs: S(dense({ units: 1, name: 'g_head' }).apply(merged)),
      name: 'graph',
    });
    const config = JSON.parse(JSON.stringify(model.getConfig()));
    expect(config.layers.map((l: { className: string }) => l.className)).toEqual([
      'InputLayer',
      'InputLayer',
      'Dense',
      'Concatenate',
      'Dense',
    ]);
    expect(config.layers[2].inboundNodes.map((n: { inputs: unknown }) => n.inputs)).toEqual([
      [['ga', 0, 0]],
      [['gb', 0, 0]],
    ]);
    expect(config.layers[3].inboundNodes[0].inputs).toEqual([
      ['g_shared', 0, 0],
      ['g_shared', 1, 0],
    ]);
    const copy = Functional.fromConfig(config, layerClasses());
    expect(copy.getConfig()).toEqual(config);
    copy.setWeights(model.getWeights());
    const xs = [tensor([[0.1, 0.2]]), tensor([[-0.3, 0.4]])];
    expect(values(copy.apply(xs))).toEqual(values(model.apply(xs)));
    // by hand: head(concat(tanh(a·W + c), tanh(b·W + c)))
    const [w, c, hw, hb] = model.getWeights();
    const branch = (t: (typeof xs)[0]) => tensor(values(addT(matmul(t, w!), c!)).map(Math.tanh), [1, 3]);
    expectClose(model.apply(xs), values(addT(matmul(concat([branch(xs[0]!), branch(xs[1]!)], 1), hw!), hb!)), 1e-6);
  });

  it('refuses to serialize tensor call arguments', () => {
    const x = input({ shape: [2, 2] });
    const mha = multiHeadAttention({ numHeads: 1, keyDim: 1, name: 'att' });
    const model = new Functional({ inputs: x, outputs: S(mha.apply(x, { mask: ones([1, 2, 2]) })) });
    expect(() => model.getConfig()).toThrow(
      new ValueError(
        "functional: cannot serialize call argument 'mask' of layer 'att' (not a plain value); pass it at call time instead",
      ),
    );
    expect(model.layers[0]).toBeInstanceOf(InputLayer);
    expect(model.layers[1]).not.toBeInstanceOf(Dense);
  });
});
