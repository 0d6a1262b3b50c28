import { describe, expect, it } from 'vitest';
import { Tensor, Variable, add, memory, mul, ones, square, sub, sum, tensor, tidy, zeros } from '@rectify/tensor';
import {
  computeGradients,
  grad,
  grads,
  liveVariables,
  noGrad,
  stopGradient,
  valueAndGrad,
  valueAndGrads,
  variable,
  variableGrads,
} from '@rectify/autograd';

const live = () => memory().numTensors;

describe('grad and grads', () => {
  it('leave the arguments alone and return only the gradient', () => {
    const x = tensor([1, 2, 3]);
    const before = live();
    const g = grad((t) => sum(square(t)))(x);
    expect(g.arraySync()).toEqual([2, 4, 6]);
    expect(live()).toBe(before + 1);
    expect(x.isDisposed).toBe(false);
  });

  it('the identity function: the argument is returned, not disposed', () => {
    const x = tensor([1, 2]);
    expect(grad((t) => t)(x).arraySync()).toEqual([1, 1]);
    expect(x.isDisposed).toBe(false);
    expect(x.arraySync()).toEqual([1, 2]);
  });

  it('accept plain arrays and free the tensors made from them', () => {
    const before = live();
    const g = grad((t) => mul(t, 3))([1, 2]);
    expect(g.arraySync()).toEqual([3, 3]);
    expect(live()).toBe(before + 1);
  });

  it('grads gives zeros for an argument the function does not use', () => {
    const [ga, gb] = grads((a) => mul(a, 2))([tensor([1]), tensor([[5, 6]])]);
    expect(ga!.arraySync()).toEqual([2]);
    expect(gb!.arraySync()).toEqual([[0, 0]]);
  });

  it('a closure over a constant does not receive a gradient and is not disposed', () => {
    const c = tensor([10, 20]);
    const g = grad((t) => mul(t, c))(tensor([1, 1]));
    expect(g.arraySync()).toEqual([10, 20]);
    expect(grad(() => c)(tensor([1, 1])).arraySync()).toEqual([0, 0]);
    expect(c.isDisposed).toBe(false);
  });
});

describe('valueAndGrad and valueAndGrads', () => {
  it('return the value of the same forward pass', () => {
    const { value, grad: g } = valueAndGrad((t) => sum(square(t)))(tensor([1, 2]));
    expect(value.arraySync()).toBe(5);
    expect(g.arraySync()).toEqual([2, 4]);
    const r = valueAndGrads((a, b) => sum(mul(a, b)))([tensor([1, 2]), tensor([3, 4])]);
    expect(r.value.arraySync()).toBe(11);
    expect(r.grads.map((t) => t.arraySync())).toEqual([
      [3, 4],
      [1, 2],
    ]);
  });

  it('keep the value alive when it is the argument itself', () => {
    const { value, grad: g } = valueAndGrad((t) => t)([1, 2]);
    expect(value.isDisposed).toBe(false);
    expect(value.arraySync()).toEqual([1, 2]);
    expect(g.arraySync()).toEqual([1, 1]);
  });
});

describe('variables', () => {
  it('are tensors with a name, a trainable flag and an in-place assign', () => {
    const v = variable(tensor([1, 2]), true, 'weights');
    expect(v).toBeInstanceOf(Variable);
    expect(v).toBeInstanceOf(Tensor);
    expect(v.name).toBe('weights');
    expect(v.trainable).toBe(true);
    const id = v.id;
    v.assign(tensor([3, 4]));
    expect(v.id).toBe(id);
    expect(v.arraySync()).toEqual([3, 4]);
    expect(variable([1]).name).toMatch(/^variable_\d+$/);
    expect(variable([1], false).trainable).toBe(false);
    expect(variable([1.7], true, 'i', 'int32').arraySync()).toEqual([1]);
    expect(variable(tensor([1], undefined, 'int32'), true, 'f', 'float32').dtype).toBe('float32');
  });

  it('do not alias their initial tensor: disposing it keeps the variable', () => {
    const init = tensor([5]);
    const v = variable(init);
    init.dispose();
    expect(v.arraySync()).toEqual([5]);
  });

  it('variableGrads differentiates a scalar loss with respect to variables, keyed by name', () => {
    const w = variable(tensor([[1], [2]]), true, 'vg/w');
    const b = variable(tensor([0.5]), true, 'vg/b');
    const frozen = variable(tensor([3]), false, 'vg/frozen');
    const x = tensor([
      [1, 1],
      [2, 0],
    ]);
    const loss = () => sum(square(add(add(mulMat(x, w), b), frozen)));
    const { value, grads: g } = variableGrads(loss, [w, b]);
    // y = x·w + b + 3 = [6.5, 5.5]; dL/dy = 2y; dL/dw = xᵀ·2y = [[2·6.5 + 4·5.5], [2·6.5]]; dL/db = Σ 2y.
    expect(value.arraySync()).toBeCloseTo(6.5 ** 2 + 5.5 ** 2, 4);
    expect(g['vg/w']!.arraySync()).toEqual([[35], [13]]);
    expect(g['vg/b']!.arraySync()).toEqual([24]);
    // The default list holds every trainable float32 variable alive, and no frozen one.
    const all = variableGrads(loss);
    expect(Object.keys(all.grads)).toContain('vg/w');
    expect(Object.keys(all.grads)).not.toContain('vg/frozen');
    expect([...liveVariables()]).toContain(frozen);
  });

  it('support a gradient-descent loop that converges', () => {
    const w = variable(tensor([[0], [0]]), true, 'gd/w');
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const y = tensor([[5], [11], [17]]); // y = x·[1, 2]ᵀ
    const before = live();
    for (let step = 0; step < 2000; step++) {
      tidy(() => {
        const { grads: g } = variableGrads(() => sum(square(sub(mulMat(x, w), y))), [w]);
        w.assign(sub(w, mul(g['gd/w']!, 0.01)));
      });
    }
    expect(live()).toBe(before);
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo(1, 2);
    expect(b).toBeCloseTo(2, 2);
  });
});

describe('stopGradient and noGrad', () => {
  it('stopGradient treats its argument as a constant', () => {
    expect(grad((t) => mul(t, stopGradient(t)))(tensor([3])).arraySync()).toEqual([3]);
    expect(grad((t) => stopGradient(square(t)))(tensor([3])).arraySync()).toEqual([0]);
    expect(stopGradient(tensor([1, 2])).arraySync()).toEqual([1, 2]);
  });

  it('noGrad runs without recording and returns its result', () => {
    expect(
      grad((t) =>
        add(
          noGrad(() => square(t)),
          t,
        ),
      )(tensor([3])).arraySync(),
    ).toEqual([1]);
    expect(noGrad(() => 42)).toBe(42);
  });

  it('a gradient taken inside noGrad still works (only the enclosing tapes are muted)', () => {
    expect(noGrad(() => grad((t) => square(t))(tensor([3])).arraySync())).toEqual([6]);
    // …while the outer function still sees no dependence through the noGrad block.
    expect(
      grad((t) =>
        add(
          noGrad(() => grad((u) => square(u))(t)),
          t,
        ),
      )(tensor([3])).arraySync(),
    ).toEqual([1]);
  });
});

describe('memory', () => {
  it('tidy(() => grad(f)(x)) leaves nothing behind', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const before = live();
    tidy(() => {
      grad((t) => sum(mul(square(t), add(t, 1))))(x);
    });
    expect(live()).toBe(before);
    const kept = tidy(() => grad((t) => sum(mul(square(t), add(t, 1))))(x));
    expect(live()).toBe(before + 1);
    expect(kept.arraySync()).toEqual([
      [5, 16],
      [33, 56],
    ]);
  });

  it('intermediates of f and of the backward pass are freed; only results remain', () => {
    const x = tensor([1, 2, 3]);
    const before = live();
    const r = valueAndGrads((a) => sum(mul(square(a), add(a, 1))))([x]);
    expect(live()).toBe(before + 2);
    r.value.dispose();
    r.grads[0]!.dispose();
    expect(live()).toBe(before);
  });

  it('a throwing function releases the tape and its intermediates', () => {
    const x = tensor([1, 2]);
    const before = live();
    expect(() =>
      grad((t) => {
        square(t);
        throw new Error('inside f');
      })(x),
    ).toThrow('inside f');
    expect(live()).toBe(before);
  });

  it('repeated gradient steps do not grow memory', () => {
    const w = variable(ones([4, 4]), true, 'mem/w');
    const x = zeros([2, 4]);
    const step = () =>
      tidy(() => {
        const { grads: g } = variableGrads(() => sum(square(mulMat(x, w))), [w]);
        w.assign(sub(w, mul(g['mem/w']!, 0.1)));
      });
    step();
    const before = memory();
    for (let i = 0; i < 20; i++) step();
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it('computeGradients returns the value and the gradients', () => {
    const x = tensor([2]);
    const { value, grads: g } = computeGradients('custom', () => mul(x, x), [x]);
    expect(value.arraySync()).toEqual([4]);
    expect(g[0]!.arraySync()).toEqual([4]);
  });
});

/** matmul through the public op (imported lazily to keep this file's import list short). */
import { matmul as mulMat } from '@rectify/tensor';
