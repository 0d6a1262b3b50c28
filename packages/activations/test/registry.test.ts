import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, mul, sigmoid as sigmoidOp, tensor } from '@rectify/tensor';
import * as catalogue from '@rectify/activations';
import {
  type ActivationConfig,
  type ActivationName,
  activations,
  get,
  isActivation,
  isActivationDefinition,
  list,
} from '@rectify/activations';

// Read from the catalogue folder rather than from the registry, so that a catalogue file whose export line is
// missing (or whose definition's name disagrees with its file name) fails here: 'hard-swish.ts' is 'hardSwish'.
const NAMES = readdirSync(new URL('../src/catalogue/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()))
  .sort();
// In registration order: the aliases of each catalogue entry, entries alphabetically.
const ALIASES = {
  hard_sigmoid: 'hardSigmoid',
  hard_swish: 'hardSwish',
  hard_silu: 'hardSwish',
  leaky_relu: 'leakyRelu',
  log_softmax: 'logSoftmax',
  silu: 'swish',
};

describe('the registry', () => {
  it('lists one activation per catalogue file, alphabetically, and keys each definition by its own name', () => {
    expect(NAMES).toContain('hardSwish');
    expect(list()).toEqual(NAMES);
    expect(Object.keys(activations)).toEqual(NAMES);
    for (const [key, def] of Object.entries(activations)) expect(def.name).toBe(key);
  });

  it('registers exactly the definitions the catalogue exports, each exported as <name>Definition', () => {
    const exported = Object.entries(catalogue).filter(([, v]) => isActivationDefinition(v));
    expect(exported.map(([k]) => k).sort()).toEqual(NAMES.map((n) => `${n}Definition`).sort());
    for (const [, def] of exported) expect(activations[(def as { name: ActivationName }).name]).toBe(def);
    expect(isActivationDefinition({ ...catalogue.reluDefinition })).toBe(false);
    expect(Object.isFrozen(activations)).toBe(true);
  });

  it('resolves Keras snake_case and PyTorch aliases to the canonical activation', () => {
    for (const [alias, name] of Object.entries(ALIASES)) expect(get(alias).name).toBe(name);
  });

  it('fills in defaults: leakyRelu 0.01 (PyTorch), swish beta 1, elu/celu alpha 1, prelu 0.25, gelu exact, softmax axis -1', () => {
    expect(get('leakyRelu').getConfig()).toEqual({ name: 'leakyRelu', alpha: 0.01 });
    expect(get('silu').getConfig()).toEqual({ name: 'swish', beta: 1 });
    expect(get('elu').getConfig()).toEqual({ name: 'elu', alpha: 1 });
    expect(get('celu').getConfig()).toEqual({ name: 'celu', alpha: 1 });
    expect(get('prelu').getConfig()).toEqual({ name: 'prelu', alpha: 0.25 });
    expect(get('gelu').getConfig()).toEqual({ name: 'gelu', approximate: 'none' });
    expect(get('softmax').getConfig()).toEqual({ name: 'softmax', axis: -1 });
    expect(get('relu').getConfig()).toEqual({ name: 'relu' });
  });

  it('round-trips every activation through getConfig, with defaults and with options changed', () => {
    const configs: ActivationConfig[] = [
      ...NAMES.map((name) => ({ name })),
      { name: 'leakyRelu', alpha: 0.2 },
      { name: 'prelu', alpha: 0.1 },
      { name: 'elu', alpha: 0.5 },
      { name: 'celu', alpha: 3 },
      { name: 'gelu', approximate: 'tanh' },
      { name: 'swish', beta: 1.7 },
      { name: 'softmax', axis: 0 },
      { name: 'logSoftmax', axis: 1 },
      { name: 'leaky_relu', alpha: 0.3 },
    ];
    for (const config of configs) {
      const act = get(config);
      const again = get(act.getConfig());
      expect(again.getConfig()).toEqual(act.getConfig());
      expect(again.f(-0.7)).toBe(act.f(-0.7));
      expect(
        Array.from(
          again
            .apply(
              tensor([
                [-2, 0.5],
                [1, 3],
              ]),
            )
            .dataSync(),
        ),
      ).toEqual(
        Array.from(
          act
            .apply(
              tensor([
                [-2, 0.5],
                [1, 3],
              ]),
            )
            .dataSync(),
        ),
      );
    }
    expect(get({ name: 'leaky_relu', alpha: 0.3 }).getConfig()).toEqual({ name: 'leakyRelu', alpha: 0.3 });
  });

  it('passes an Activation through unchanged', () => {
    const act = get('gelu');
    expect(get(act)).toBe(act);
    expect(isActivation(act)).toBe(true);
    expect(isActivation({ name: 'gelu' })).toBe(false);
  });

  it('pairs each activation with its usual initializer', () => {
    expect(get('relu').recommendedInitializer).toBe('heNormal');
    expect(get('leakyRelu').recommendedInitializer).toBe('heNormal');
    expect(get('selu').recommendedInitializer).toBe('lecunNormal');
    expect(get('tanh').recommendedInitializer).toBe('glorotUniform');
    expect(get('sigmoid').recommendedInitializer).toBe('glorotUniform');
    expect(NAMES.filter((n) => get(n).properties.selfNormalizing)).toEqual(['selu']);
  });

  it('describes each activation in one line', () => {
    for (const name of NAMES) expect(get(name).describe).toMatch(/^[^\n]{10,100}$/);
  });
});

describe('plain functions', () => {
  function scaledSigmoid(x: Tensor): Tensor {
    return mul(sigmoidOp(x), 2);
  }

  it('wraps a (x) => Tensor function: apply runs it, f and df evaluate it and its autograd derivative', () => {
    const act = get(scaledSigmoid);
    expect(act.name).toBe('scaledSigmoid');
    expect(Array.from(act.apply(tensor([0])).dataSync())).toEqual([1]);
    expect(act.f(0)).toBe(1);
    expect(act.df(0)).toBeCloseTo(0.5, 6);
    const [d0, d100] = Array.from(act.derivative(tensor([0, 100])).dataSync());
    expect(d0).toBe(0.5);
    // 2·σ'(100) = 2e^−100 ≈ 7.4e-44: representable (subnormal) in float32, and the tensor sigmoid keeps it.
    expect(Math.abs(d100! - 2 * Math.exp(-100))).toBeLessThanOrEqual(1.5e-45); // one subnormal step
    expect(d100! > 0).toBe(true);
    expect(act.properties.reluFamily).toBe(false);
    expect(act.recommendedInitializer).toBe('glorotUniform');
  });

  it('refuses to serialize a function that get() could not find again', () => {
    expect(() => get(scaledSigmoid).getConfig()).toThrow(
      new ValueError(
        "activations: cannot serialize the plain function 'scaledSigmoid'; register it with register({ name: 'scaledSigmoid', … }) and refer to it by name",
      ),
    );
  });
});

describe('errors', () => {
  it('an unknown name lists every known activation and alias', () => {
    expect(() => get('foo')).toThrow(
      new ValueError(
        `activations.get: unknown activation 'foo'; known: ${NAMES.join(', ')}; aliases: ${Object.keys(ALIASES).join(', ')}`,
      ),
    );
  });

  it('a near miss in case or underscores gets a suggestion', () => {
    expect(() => get('LeakyReLU')).toThrow(
      /^activations\.get: unknown activation 'LeakyReLU' \(did you mean 'leakyRelu'\?\); known: celu, /,
    );
    expect(() => get('hard-swish')).toThrow(/\(did you mean 'hardSwish'\?\)/);
  });

  it('an unknown option names the option and the allowed ones', () => {
    expect(() => get({ name: 'leakyRelu', alhpa: 0.2 })).toThrow(
      new ValueError("activations.get: unknown option 'alhpa' for leakyRelu; allowed options: alpha"),
    );
    expect(() => get({ name: 'relu', alpha: 0.2 })).toThrow(
      new ValueError("activations.get: unknown option 'alpha' for relu; relu takes no options"),
    );
  });

  it('an option of the wrong type or out of range names the option, the value and what is allowed', () => {
    expect(() => get({ name: 'leakyRelu', alpha: '0.2' })).toThrow(
      new ValueError("activations.get: leakyRelu option 'alpha' must be a finite number, received '0.2'"),
    );
    expect(() => get({ name: 'elu', alpha: NaN })).toThrow(
      new ValueError("activations.get: elu option 'alpha' must be a finite number, received NaN"),
    );
    expect(() => get({ name: 'celu', alpha: 0 })).toThrow(
      new ValueError("activations.get: celu option 'alpha' must be a positive finite number, received 0"),
    );
    expect(() => get({ name: 'gelu', approximate: true })).toThrow(
      new ValueError("activations.get: gelu option 'approximate' must be one of 'none', 'tanh', received true"),
    );
    expect(() => get({ name: 'softmax', axis: 1.5 })).toThrow(
      new ValueError("activations.get: softmax option 'axis' must be an integer, received 1.5"),
    );
  });

  it('the tensor functions check their options the same way', async () => {
    const { leakyRelu, gelu } = await import('@rectify/activations');
    expect(() => leakyRelu(tensor([1]), { alpha: 'big' as unknown as number })).toThrow(
      new ValueError("leakyRelu: option 'alpha' must be a finite number, received 'big'"),
    );
    expect(() => gelu(tensor([1]), 0.2 as never)).toThrow(
      new ValueError('gelu: options must be an object such as { approximate: … }, received 0.2'),
    );
    expect(leakyRelu(tensor([-1]), 0.2).dataSync()[0]).toBeCloseTo(-0.2, 7); // TensorFlow.js's positional alpha
    expect(() => gelu(tensor([1]), { approximate: 'fast' as 'tanh' })).toThrow(
      new ValueError("gelu: option 'approximate' must be one of 'none', 'tanh', received 'fast'"),
    );
    expect(() => gelu(tensor([1]), { exact: true } as never)).toThrow(
      new ValueError("gelu: unknown option 'exact'; allowed options: approximate"),
    );
  });

  it('rejects identifiers that are none of name, config, Activation or function', () => {
    expect(() => get({ alpha: 1 } as unknown as ActivationConfig)).toThrow(
      new ValueError("activations.get: a config needs a string 'name', received none"),
    );
    expect(() => get(42 as never)).toThrow(
      new ValueError(
        'activations.get: expected a name, a config { name, ...options }, an Activation or a function, received number 42',
      ),
    );
    expect(() => get(null as never)).toThrow(/received null$/);
  });
});
