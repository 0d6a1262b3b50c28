import { describe, expect, it } from 'vitest';
import { checkGradients, grad } from '@rectify/autograd';
import { ValueError, tensor, unaryFn } from '@rectify/tensor';
import { type ActivationSpec, defineActivation, get, list, numberOption, register } from '@rectify/activations';

const squareplusFn = unaryFn({
  name: 'squareplus',
  f: (x, b) => 0.5 * (x + Math.sqrt(x * x + b)),
  df: (x, b) => 0.5 * (1 + x / Math.sqrt(x * x + b)),
});

const squareplus = {
  name: 'squareplus',
  aliases: ['square_plus'],
  describe: 'smooth ReLU with an algebraic tail: (x + √(x² + b)) / 2',
  recommendedInitializer: 'heNormal',
  options: { b: numberOption(4, { positive: true }) },
  properties: {
    range: [0, Infinity],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: true,
  },
  kernel: ({ b }) => ({ fn: squareplusFn, a: b }),
} satisfies ActivationSpec<'squareplus', { b: ReturnType<typeof numberOption> }>;

describe('register', () => {
  it('makes a user activation available by name, alias and config, with options and its exact derivative', () => {
    register(squareplus);
    expect(list().at(-1)).toBe('squareplus');
    expect(get('square_plus').name).toBe('squareplus');
    const act = get({ name: 'squareplus', b: 1 });
    expect(Array.from(act.apply(tensor([0, 3])).dataSync())).toEqual([0.5, Math.fround(0.5 * (3 + Math.sqrt(10)))]);
    expect(act.df(0)).toBe(0.5);
    expect(Array.from(grad((x) => act.apply(x))(tensor([0])).dataSync())).toEqual([0.5]);
    expect(checkGradients((x) => act.apply(x), [tensor([-2, -0.3, 0.4, 5])], { tol: 5e-3 }).ok).toBe(true);
    expect(get(act.getConfig()).getConfig()).toEqual({ name: 'squareplus', b: 1 });
    expect(() => get('nope')).toThrow(/known: celu, .*, tanh, squareplus; aliases: .*, square_plus$/);
  });

  it('refuses a name that is already taken', () => {
    expect(() => register({ ...squareplus, name: 'relu', aliases: [] })).toThrow(
      new ValueError("activations.register: an activation named 'relu' is already registered"),
    );
    expect(() => register({ ...squareplus, name: 'silu', aliases: [] })).toThrow(
      new ValueError("activations.register: the name 'silu' is already an alias of 'swish'"),
    );
  });

  it('refuses an alias that is already taken, naming its owner', () => {
    expect(() => register({ ...squareplus, name: 'reluAgain', aliases: ['relu'] })).toThrow(
      new ValueError("activations.register: an activation named 'relu' is already registered"),
    );
    expect(() => register({ ...squareplus, name: 'mySilu', aliases: ['silu'] })).toThrow(
      new ValueError("activations.register: alias 'silu' of 'mySilu' is already taken by 'swish'"),
    );
    expect(list()).not.toContain('mySilu');
  });

  it('checks the spec itself', () => {
    expect(() => defineActivation({ ...squareplus, name: 'bad name' })).toThrow(
      new ValueError('defineActivation: name must be an identifier such as \'myRelu\', received "bad name"'),
    );
    expect(() => defineActivation({ ...squareplus, name: 'noKernel', kernel: undefined as never })).toThrow(
      new ValueError("defineActivation: 'noKernel' needs a kernel(options) function, received undefined"),
    );
    expect(() => defineActivation({ ...squareplus, name: 'badDefault', options: { b: numberOption(NaN) } })).toThrow(
      new ValueError("defineActivation: badDefault option 'b' must be a finite number, received NaN"),
    );
    expect(() =>
      defineActivation({
        name: 'noProps',
        describe: 'x',
        recommendedInitializer: 'heNormal',
        kernel: () => ({ fn: squareplusFn }),
      } as never),
    ).toThrow(new ValueError("defineActivation: 'noProps' needs properties (an object or a function of the options)"));
  });
});
