import { expect, it } from 'vitest';
import { grad } from '@rectify/autograd';
import { tensor } from '@rectify/tensor';
import { activationStats, gelu, get, leakyRelu, list, prelu, relu } from '@rectify/activations';

// The README's snippet, with its comments turned into assertions.
it('runs the README example', () => {
  const x = tensor([
    [-2, -0.5, 0, 1.5],
    [3, -1, 0.25, -4],
  ]);
  expect(relu(x).arraySync()).toEqual([
    [0, 0, 0, 1.5],
    [3, 0, 0.25, 0],
  ]);
  expect(leakyRelu(x, { alpha: 0.2 }).arraySync()).toEqual(
    [
      [-0.4, -0.1, 0, 1.5],
      [3, -0.2, 0.25, -0.8],
    ].map((r) => r.map(Math.fround)),
  );
  expect(gelu(x, { approximate: 'tanh' }).shape).toEqual([2, 4]);
  expect(grad((t) => gelu(t))(x).shape).toEqual([2, 4]);
  expect(prelu(x, tensor([0.1, 0.2, 0.3, 0.4])).shape).toEqual([2, 4]);

  const act = get({ name: 'leaky_relu', alpha: 0.2 });
  expect(act.f(-1)).toBe(-0.2);
  expect(act.df(-1)).toBe(0.2);
  expect(act.properties).toMatchObject({
    range: [-Infinity, Infinity],
    smooth: false,
    monotonic: true,
    reluFamily: true,
  });
  expect(act.recommendedInitializer).toBe('heNormal');
  expect(get(act.getConfig()).getConfig()).toEqual({ name: 'leakyRelu', alpha: 0.2 });
  expect(list()).toEqual([...list()].sort());
  expect(list()).toContain('leakyRelu');

  const stats = activationStats(x, 'relu');
  expect(stats.perUnit.dead).toEqual([false, true, false, false]);
  expect(stats.overall.fractionActive).toBe(0.375);
});
