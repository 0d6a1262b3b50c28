import { describe, expect, it } from 'vitest';
import {
  type Backend,
  CpuBackend,
  ValueError,
  type Tensor,
  engine,
  mean,
  memory,
  mul,
  registerBackend,
  setBackend,
  square,
  sub,
  tensor,
} from '@rectify/tensor';
import { variable } from '@rectify/autograd';
import {
  Adagrad,
  Adam,
  AdamW,
  RMSprop,
  SGD,
  getOptimizer,
  optimizerFactories,
  schedules,
  serializeOptimizer,
} from '../src/optimizers/index.js';

const close = (a: ArrayLike<number>, b: readonly number[], tol = 1e-6): void => {
  expect(a.length).toBe(b.length);
  Array.from(a).forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]!))));
};

/** Runs `steps` updates of `opt` on w with a fixed gradient g, returning w's values. */
function run(
  opt: { applyGradients: (g: { variable: ReturnType<typeof variable>; grad: Tensor }[]) => void },
  w0: number[],
  g: number[],
  steps: number,
): Float32Array {
  const w = variable(tensor(w0), true, `w_${Math.random()}`);
  const grad = tensor(g);
  for (let i = 0; i < steps; i++) opt.applyGradients([{ variable: w, grad }]);
  return w.dataSync() as Float32Array;
}

describe('SGD', () => {
  it('takes w − lr·g', () => {
    close(run(new SGD({ learningRate: 0.1 }), [1, 2], [0.5, -1], 1), [0.95, 2.1]);
  });
  it('accumulates momentum (Keras form)', () => {
    // v1 = −0.1·g = [−0.05, 0.1]; v2 = 0.9·v1 − 0.1·g = [−0.095, 0.19]; w2 = w0 + v1 + v2
    close(run(new SGD({ learningRate: 0.1, momentum: 0.9 }), [1, 2], [0.5, -1], 2), [1 - 0.05 - 0.095, 2 + 0.1 + 0.19]);
  });
  it('applies the Nesterov look-ahead', () => {
    // w1 = w0 + 0.9·v1 − lr·g = 1 − 0.045 − 0.05
    close(run(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), [1], [0.5], 1), [0.905]);
  });
});

describe('Adam', () => {
  /** The textbook algorithm in float64, with Keras' placement of epsilon (ε added to √v before bias scaling). */
  function adamRef(w: number, g: number[], lr: number, b1: number, b2: number, eps: number): number {
    let m = 0;
    let v = 0;
    g.forEach((gt, i) => {
      const t = i + 1;
      m = b1 * m + (1 - b1) * gt;
      v = b2 * v + (1 - b2) * gt * gt;
      w -= ((lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)) * (m / (Math.sqrt(v) + eps));
    });
    return w;
  }

  it('moves each weight by about lr on the first step, whatever the gradient scale', () => {
    // t = 1: m = 0.1g, v = 0.001g², step = lr · g / (|g| + ε/√0.001)
    const out = run(new Adam({ learningRate: 0.01 }), [1, 1, 1], [1e-3, 5, -300], 1);
    close(out, [1 - 0.01 * (1e-3 / (1e-3 + 1e-7 / Math.sqrt(0.001))), 0.99, 1.01], 1e-6);
  });
  it('matches the float64 reference over several steps with changing gradients', () => {
    const w = variable(tensor([0.5]), true, 'adam_ref_w');
    const opt = new Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 });
    const gs = [0.3, -1.2, 2.5, 0.01];
    for (const g of gs) opt.applyGradients([{ variable: w, grad: tensor([g]) }]);
    close(w.dataSync(), [adamRef(0.5, gs, 0.05, 0.8, 0.99, 1e-3)], 1e-6);
    expect(opt.iterations).toBe(4);
  });
  it('amsgrad keeps the running max of v', () => {
    const opt = new Adam({ learningRate: 0.1, amsgrad: true });
    const w = variable(tensor([0]), true, 'ams_w');
    opt.applyGradients([{ variable: w, grad: tensor([10]) }]);
    opt.applyGradients([{ variable: w, grad: tensor([0.1]) }]);
    const vHat = opt
      .getWeights()
      .find((n) => n.name === 'ams_w/vHat')!
      .tensor.item();
    expect(vHat).toBeCloseTo(0.001 * 100, 6); // v1 = 0.1, v2 = 0.999·0.1 + 0.001·0.01 < v1
  });
});

describe('AdamW', () => {
  it('decays weights by lr·wd·w on top of the Adam step', () => {
    const plain = run(new Adam({ learningRate: 0.01 }), [2], [1], 1)[0]!;
    const decayed = run(new AdamW({ learningRate: 0.01, weightDecay: 0.1 }), [2], [1], 1)[0]!;
    expect(decayed - plain).toBeCloseTo(-0.01 * 0.1 * 2, 6);
  });
});

describe('Adam and AdamW through the fused kernel', () => {
  // The same CPU backend without fused kernels, so the composed update runs.
  registerBackend(
    'cpu-unfused',
    () => Object.assign(Object.create(new CpuBackend()) as Backend, { name: 'cpu-unfused', fused: undefined }),
    -5,
  );
  const gs = [
    [0.3, -1.2, 0],
    [2.5, 0.01, -4],
    [1e-3, 7, 0.5],
    [-0.2, 0, 3],
  ];
  function train(make: () => Adam, backend: string): number[][] {
    setBackend(backend);
    try {
      const opt = make();
      const w = variable(tensor([0.5, -2, 1e-3]), true, `fused_w_${backend}`);
      return gs.map((g) => {
        opt.applyGradients([{ variable: w, grad: tensor(g) }]);
        return [
          ...Array.from(w.dataSync()),
          ...opt
            .getWeights()
            .slice(1)
            .flatMap((n) => Array.from(n.tensor.dataSync())),
        ];
      });
    } finally {
      setBackend('cpu');
    }
  }

  const makers: [string, () => Adam][] = [
    ['Adam', () => new Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 })],
    ['AdamW', () => new AdamW({ learningRate: 0.05, beta2: 0.98, weightDecay: 0.3 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: the one-pass update equals the composed one, weights and slots, step after step`, () => {
      const composed = train(make, 'cpu-unfused');
      train(make, 'cpu').forEach((row, t) => close(row, composed[t]!, 2e-6));
    });
  }

  it('runs no elementwise op for the update when the backend has the kernel (amsgrad stays composed)', () => {
    const opsOf = (opt: Adam): number => {
      const w = variable(tensor([1, 2]), true, `ops_w_${opt.amsgrad}`);
      const grad = tensor([0.5, -1]);
      let ops = 0;
      const stop = engine.addOpListener(() => ops++);
      try {
        opt.applyGradients([{ variable: w, grad }]);
      } finally {
        stop();
      }
      return ops;
    };
    expect(opsOf(new Adam())).toBe(0);
    expect(opsOf(new Adam({ amsgrad: true }))).toBeGreaterThan(8);
  });

  it('updates weights in place once nothing else shares them, and never changes a shared buffer', () => {
    const initial = tensor([1, 2]);
    const w = variable(initial, true, 'in_place_w');
    const opt = new Adam({ learningRate: 0.1 });
    opt.applyGradients([{ variable: w, grad: tensor([1, -1]) }]);
    expect(Array.from(initial.dataSync())).toEqual([1, 2]); // the variable shared it: updated out of place
    const saved = opt.getWeights();
    const mBefore = Array.from(saved[1]!.tensor.dataSync());
    let buffer = w.dataId;
    opt.applyGradients([{ variable: w, grad: tensor([1, -1]) }]);
    expect(w.dataId).not.toBe(buffer); // the saved views share m and v: a fresh buffer for all three
    expect(Array.from(saved[1]!.tensor.dataSync())).toEqual(mBefore);
    saved.forEach((n) => n.tensor.dispose());
    buffer = w.dataId;
    opt.applyGradients([{ variable: w, grad: tensor([1, -1]) }]);
    expect(w.dataId).toBe(buffer); // now exclusive: overwritten in place
    close(w.dataSync(), [1 - 0.3, 2 + 0.3], 1e-5); // three steps of ≈ lr·sign(g) each
  });
});

describe('RMSprop', () => {
  it('divides by √(ρv + (1−ρ)g² + ε)', () => {
    // v = 0.1·4 = 0.4; w = 1 − 0.01·2/√(0.4 + 1e-7)
    close(run(new RMSprop({ learningRate: 0.01 }), [1], [2], 1), [1 - 0.02 / Math.sqrt(0.4 + 1e-7)]);
  });
  it('centered and momentum variants', () => {
    // centered: avg = 0.2, denom = 0.4 − 0.04 + 1e-7
    close(run(new RMSprop({ learningRate: 0.01, centered: true }), [1], [2], 1), [1 - 0.02 / Math.sqrt(0.36 + 1e-7)]);
    const inc1 = 0.02 / Math.sqrt(0.4 + 1e-7);
    const inc2 = 0.02 / Math.sqrt(0.9 * 0.4 + 0.4 + 1e-7);
    close(run(new RMSprop({ learningRate: 0.01, momentum: 0.5 }), [1], [2], 2), [1 - inc1 - (0.5 * inc1 + inc2)]);
  });
});

describe('Adagrad', () => {
  it('accumulates squared gradients from 0.1', () => {
    const a1 = 0.1 + 9;
    const a2 = a1 + 9;
    close(run(new Adagrad({ learningRate: 0.1 }), [0], [3], 2), [
      -0.3 / Math.sqrt(a1 + 1e-7) - 0.3 / Math.sqrt(a2 + 1e-7),
    ]);
  });
});

describe('Optimizer base', () => {
  it('reads a learning-rate schedule at the current iteration', () => {
    const opt = new SGD({ learningRate: schedules.stepDecay({ initialLearningRate: 1, stepSize: 1, gamma: 0.5 }) });
    // lrs 1, 0.5, 0.25 → w = 0 − (1 + 0.5 + 0.25)·1
    close(run(opt, [0], [1], 3), [-1.75]);
    expect(opt.learningRate).toBeCloseTo(0.125);
  });
  it('resolves name-keyed gradients after build, and rejects unknown names', () => {
    const w = variable(tensor([1, 2]), true, 'keyed_w');
    const opt = new SGD({ learningRate: 1 });
    expect(() => opt.applyGradients({ keyed_w: tensor([1, 1]) })).toThrow(
      "sgd.applyGradients: unknown variable 'keyed_w'; pass [{variable, grad}] pairs or call build(variables) first",
    );
    opt.build([w]);
    opt.applyGradients({ keyed_w: tensor([1, 1]) });
    close(w.dataSync(), [0, 1]);
  });
  it('rejects a gradient of the wrong shape', () => {
    const w = variable(tensor([1, 2]), true, 'shape_w');
    expect(() => new SGD().applyGradients([{ variable: w, grad: tensor([1]) }])).toThrow(
      "sgd.applyGradients: gradient for 'shape_w' has shape [1], expected [2]",
    );
  });
  it('minimize returns the loss before the step', () => {
    const w = variable(tensor([0]), true, 'min_w');
    const x = tensor([1, 2, 3]);
    const y = tensor([2, 4, 6]);
    const opt = new SGD({ learningRate: 0.05 });
    const loss = () => mean(square(sub(mul(x, w), y)));
    const cost = opt.minimize(loss, true, [w])!;
    expect(cost.item()).toBeCloseTo((4 + 16 + 36) / 3, 5);
    cost.dispose();
    for (let i = 0; i < 100; i++) expect(opt.minimize(loss, false, [w])).toBeNull();
    expect(w.item()).toBeCloseTo(2, 4);
    expect(() => opt.minimize(loss, [w] as never)).toThrow(
      'sgd.minimize: the second argument is returnCost (a boolean), received an array',
    );
  });
  it('does not leak tensors per step', () => {
    const w = variable(tensor([1, 2, 3]), true, 'leak_w');
    const opt = new Adam({ clipNorm: 1 });
    const g = tensor([1, 2, 3]);
    opt.applyGradients([{ variable: w, grad: g }]);
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) opt.applyGradients([{ variable: w, grad: g }]);
    expect(memory().numTensors).toBe(before);
  });
  it('validates options with named errors', () => {
    expect(() => new Adam({ learningRate: -1 })).toThrow(
      new ValueError('adam: learningRate must be a non-negative number or a schedule, received -1'),
    );
    expect(() => new Adam({ beta1: 1 })).toThrow('adam: beta1 must be in [0, 1), received 1');
    expect(() => new SGD({ momentum: -0.1 })).toThrow('sgd: momentum must be in [0, 1), received -0.1');
    expect(() => new SGD({ clipNorm: 0 })).toThrow('sgd: clipNorm must be a positive number, received 0');
    expect(() => new SGD({ clipNorm: 1, globalClipNorm: 1 })).toThrow(
      'sgd: set either clipNorm or globalClipNorm, not both (received 1 and 1)',
    );
    const opt = new SGD();
    expect(() => (opt.learningRate = Number.NaN)).toThrow(
      'sgd: learningRate must be a non-negative number or a schedule, received NaN',
    );
  });
  it('clips before the update (clipValue, clipNorm)', () => {
    close(run(new SGD({ learningRate: 1, clipValue: 0.5 }), [0, 0], [3, -0.2], 1), [-0.5, 0.2]);
    close(run(new SGD({ learningRate: 1, clipNorm: 1 }), [0, 0], [3, 4], 1), [-0.6, -0.8]);
    close(run(new SGD({ learningRate: 1, globalClipNorm: 1 }), [0, 0], [3, 4], 1), [-0.6, -0.8]);
  });
});

describe('optimizer state and registry', () => {
  it('getWeights/setWeights restores Adam so that the next step is identical', () => {
    const a = new Adam({ learningRate: 0.1 });
    const wa = variable(tensor([1, -1]), true, 'state_w');
    a.applyGradients([{ variable: wa, grad: tensor([0.3, 0.7]) }]);
    const saved = a.getWeights();
    expect(saved.map((s) => s.name)).toEqual(['iterations', 'state_w/m', 'state_w/v']);
    const b = new Adam({ learningRate: 0.1 });
    b.setWeights(saved);
    expect(b.iterations).toBe(1);
    const wb = variable(tensor(wa.dataSync()), true, 'state_w');
    a.applyGradients([{ variable: wa, grad: tensor([-1, 2]) }]);
    b.applyGradients([{ variable: wb, grad: tensor([-1, 2]) }]);
    expect(Array.from(wb.dataSync())).toEqual(Array.from(wa.dataSync()));
  });
  it('looks optimizers up by name, alias case or config, deriving names from the factories', () => {
    expect(Object.keys(optimizerFactories)).toEqual([
      'sgd',
      'adam',
      'adamw',
      'rmsprop',
      'adagrad',
      'adamax',
      'adadelta',
    ]);
    expect(getOptimizer('Adam')).toBeInstanceOf(Adam);
    expect(getOptimizer('RMSProp')).toBeInstanceOf(RMSprop);
    expect(getOptimizer('adam').learningRate).toBe(0.001);
    expect(getOptimizer('sgd').learningRate).toBe(0.01);
    expect(() => getOptimizer('lion')).toThrow(
      'getOptimizer: unknown optimizer "lion"; known optimizers: sgd, adam, adamw, rmsprop, adagrad',
    );
  });
  it('round-trips config, schedules included', () => {
    const lr = schedules.warmup({
      warmupSteps: 10,
      after: schedules.cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 }),
    });
    const opt = new AdamW({ learningRate: lr, beta2: 0.98, weightDecay: 0.01, clipNorm: 2 });
    const json = JSON.parse(JSON.stringify(serializeOptimizer(opt)));
    const back = getOptimizer(json) as AdamW;
    expect(back).toBeInstanceOf(AdamW);
    expect(back.getConfig()).toEqual(opt.getConfig());
    expect(back.learningRateSchedule!.at(60)).toBeCloseTo(lr.at(60), 12);
  });
});
