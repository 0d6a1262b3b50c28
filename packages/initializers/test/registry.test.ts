import { describe, expect, it } from 'vitest';
import { ValueError, full } from '@rectify/tensor';
import * as initializers from '@rectify/initializers';
import {
  defineInitializer,
  get,
  heNormal,
  isInitializerFactory,
  leCunNormal,
  leCunUniform,
  lecunNormal,
  lecunUniform,
  list,
  orthogonal,
  randomNormal,
  register,
  varianceScaling,
  type Initializer,
  type InitializerName,
} from '@rectify/initializers';

const BUILT_INS = [
  'constant',
  'glorotNormal',
  'glorotUniform',
  'heNormal',
  'heUniform',
  'identity',
  'lecunNormal',
  'lecunUniform',
  'ones',
  'orthogonal',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'varianceScaling',
  'zeros',
];

/** The initializer with seed 5 when it takes a seed (the others reject it as an unknown option). */
function withSeedIfAccepted(name: string): Initializer {
  try {
    return get({ name, seed: 5 });
  } catch {
    return get(name);
  }
}

describe('registry', () => {
  it('lists every built-in, alphabetically', () => {
    expect(list()).toEqual(BUILT_INS);
  });

  it('is derived from the exported factories: each registers under its own export name', () => {
    const tfjsSpellings: Record<string, string> = { leCunNormal: 'lecunNormal', leCunUniform: 'lecunUniform' };
    const exported = Object.entries(initializers).filter(([k, v]) => isInitializerFactory(v) && !(k in tfjsSpellings));
    expect(exported.map(([k]) => k).sort()).toEqual(BUILT_INS);
    for (const [key, factory] of exported) expect((factory as { initializerName: string }).initializerName).toBe(key);
    for (const [alias, name] of Object.entries(tfjsSpellings))
      expect((initializers as Record<string, unknown>)[alias]).toBe((initializers as Record<string, unknown>)[name]);
    const typed: InitializerName[] = ['heNormal', 'zeros'];
    expect(typed.every((n) => list().includes(n))).toBe(true);
  });

  it('resolves camelCase names and their Keras snake_case aliases', () => {
    expect(get('heNormal').name).toBe('heNormal');
    const aliases: Array<[string, string]> = [
      ['he_normal', 'heNormal'],
      ['he_uniform', 'heUniform'],
      ['glorot_normal', 'glorotNormal'],
      ['glorot_uniform', 'glorotUniform'],
      ['lecun_normal', 'lecunNormal'],
      ['lecun_uniform', 'lecunUniform'],
      ['random_normal', 'randomNormal'],
      ['random_uniform', 'randomUniform'],
      ['truncated_normal', 'truncatedNormal'],
      ['variance_scaling', 'varianceScaling'],
      ['zeros', 'zeros'],
      ['orthogonal', 'orthogonal'],
    ];
    for (const [alias, name] of aliases) expect(get(alias).name).toBe(name);
  });

  it('reports resolved options in getConfig, with Keras spellings normalised', () => {
    expect(varianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'uniform', seed: 3 }).getConfig()).toEqual({
      name: 'varianceScaling',
      scale: 2,
      mode: 'fanAvg',
      distribution: 'uniform',
      seed: 3,
    });
    expect(varianceScaling().getConfig()).toEqual({
      name: 'varianceScaling',
      scale: 1,
      mode: 'fanIn',
      distribution: 'truncatedNormal',
    });
    expect(randomNormal().getConfig()).toEqual({ name: 'randomNormal', mean: 0, stddev: 0.05 });
    expect(heNormal({ seed: 9 }).getConfig()).toEqual({ name: 'heNormal', seed: 9 });
    expect(orthogonal().getConfig()).toEqual({ name: 'orthogonal', gain: 1 });
  });

  it.each(BUILT_INS)('%s: getConfig round-trips through get, values included', (name) => {
    const init = withSeedIfAccepted(name);
    const copy = get(init.getConfig());
    expect(copy.getConfig()).toEqual(init.getConfig());
    const shape = name === 'identity' || name === 'orthogonal' ? [6, 4] : [3, 4];
    expect(Array.from(copy.apply(shape).dataSync())).toEqual(Array.from(init.apply(shape).dataSync()));
  });

  it('accepts a config with a snake_case name and options', () => {
    expect(get({ name: 'variance_scaling', mode: 'fan_out', scale: 0.5 }).getConfig()).toEqual({
      name: 'varianceScaling',
      scale: 0.5,
      mode: 'fanOut',
      distribution: 'truncatedNormal',
    });
  });

  it('returns initializers as they are and calls factories', () => {
    const init = heNormal({ seed: 1 });
    expect(get(init)).toBe(init);
    expect(get(heNormal).getConfig()).toEqual({ name: 'heNormal' });
    const handMade = { name: 'mine', apply: () => full([1], 3), getConfig: () => ({ name: 'mine' }) };
    expect(get(handMade)).toBe(handMade);
  });

  it('names the unknown initializer and lists the known ones', () => {
    expect(() => get('foo')).toThrow(ValueError);
    expect(() => get('foo')).toThrow(`initializers.get: unknown initializer 'foo'; known: ${BUILT_INS.join(', ')}`);
    expect(() => get({ name: 'HeNormal' })).toThrow(
      "initializers.get: unknown initializer 'HeNormal'; known: constant,",
    );
  });

  it('names an unknown option and the allowed ones', () => {
    expect(() => get({ name: 'heNormal', sead: 1 })).toThrow("heNormal: unknown option 'sead'; did you mean 'seed'?");
    expect(() => get({ name: 'varianceScaling', fan: 'fanIn' })).toThrow(
      "varianceScaling: unknown option 'fan'; known options: scale, mode, distribution, seed",
    );
    expect(() => get({ name: 'zeros', value: 1 })).toThrow("zeros: unknown option 'value'; known options: (none)");
  });

  it("accepts TensorFlow.js' spellings of the LeCun initializers as names and factories", () => {
    expect(get('leCunNormal').getConfig().name).toBe('lecunNormal');
    expect(get({ name: 'leCunUniform', seed: 2 }).getConfig()).toEqual({ name: 'lecunUniform', seed: 2 });
    expect(leCunNormal).toBe(lecunNormal);
    expect(leCunUniform).toBe(lecunUniform);
  });

  it('rejects configs without a name and identifiers of other types', () => {
    expect(() => get({ seed: 1 } as never)).toThrow(
      `initializers.get: a config must have a string 'name', received {"seed":1}`,
    );
    expect(() => get(42 as never)).toThrow(
      'initializers.get: expected a name, a config {name, ...options} or an Initializer, received 42',
    );
    expect(() => get(null as never)).toThrow(
      'initializers.get: expected a name, a config {name, ...options} or an Initializer, received null',
    );
  });

  it('registers user-defined initializers under their name and snake_case alias', () => {
    const halfOnes = defineInitializer<{ value?: number }, { value: number }>({
      name: 'halfOnes',
      options: ['value'],
      dtypes: ['float32'],
      configure: (o) => ({ value: o.value ?? 0.5 }),
      sample: (shape, { value }) => full(shape, value),
    });
    register(halfOnes);
    expect(list()).toEqual([...BUILT_INS, 'halfOnes']);
    expect(get('half_ones').apply([2]).arraySync()).toEqual([0.5, 0.5]);
    expect(get({ name: 'halfOnes', value: 2 }).apply([1]).arraySync()).toEqual([2]);
    expect(() => register(halfOnes)).toThrow(
      "initializers.register: an initializer named 'halfOnes' is already registered",
    );
    const clash = defineInitializer({
      name: 'heNormal',
      options: [],
      dtypes: ['float32'],
      configure: () => ({}),
      sample: (s) => full(s, 0),
    });
    expect(() => register(clash)).toThrow(
      "initializers.register: an initializer named 'heNormal' is already registered",
    );
    expect(() => register((() => heNormal()) as never)).toThrow(
      'initializers.register: expected a factory made by defineInitializer, received function',
    );
  });
});
