import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError } from '@rectify/tensor';
import {
  constant,
  heNormal,
  orthogonal,
  randomNormal,
  randomUniform,
  truncatedNormal,
  varianceScaling,
  zeros,
} from '@rectify/initializers';

describe('option errors name the initializer, the option, the value and what was expected', () => {
  it('varianceScaling mode and distribution', () => {
    expect(() => varianceScaling({ mode: 'fan_sideways' as never })).toThrow(ValueError);
    expect(() => varianceScaling({ mode: 'fan_sideways' as never })).toThrow(
      "varianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg', received 'fan_sideways'",
    );
    expect(() => varianceScaling({ distribution: 'normal' as never })).toThrow(
      "varianceScaling: distribution must be 'truncatedNormal', 'untruncatedNormal' or 'uniform', received 'normal'",
    );
    expect(() => varianceScaling({ mode: 3 as never })).toThrow(
      "varianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg', received 3",
    );
  });

  it('varianceScaling scale', () => {
    expect(() => varianceScaling({ scale: 0 })).toThrow('varianceScaling: scale must be positive, received 0');
    expect(() => varianceScaling({ scale: -2 })).toThrow('varianceScaling: scale must be positive, received -2');
    expect(() => varianceScaling({ scale: NaN })).toThrow(
      'varianceScaling: scale must be a finite number, received NaN',
    );
    expect(() => varianceScaling({ scale: '2' as never })).toThrow(
      "varianceScaling: scale must be a finite number, received '2'",
    );
  });

  it('random parameters', () => {
    expect(() => randomNormal({ stddev: -1 })).toThrow('randomNormal: stddev must be non-negative, received -1');
    expect(() => truncatedNormal({ mean: Infinity })).toThrow(
      'truncatedNormal: mean must be a finite number, received Infinity',
    );
    expect(() => randomUniform({ minval: 1, maxval: 0 })).toThrow(
      'randomUniform: maxval must be >= minval, received minval=1, maxval=0',
    );
    expect(() => randomUniform({ minval: 1 })).toThrow(
      'randomUniform: maxval must be >= minval, received minval=1, maxval=0.05',
    );
  });

  it('constant value and orthogonal gain', () => {
    expect(() => constant({ value: Infinity })).toThrow('constant: value must be a finite number, received Infinity');
    expect(() => orthogonal({ gain: NaN })).toThrow('orthogonal: gain must be a finite number, received NaN');
  });

  it('seeds, at construction and per call', () => {
    expect(() => heNormal({ seed: 1.5 })).toThrow('heNormal: seed must be an integer or a PRNGKey, received 1.5');
    expect(() => heNormal({ seed: '1' as never })).toThrow(
      "heNormal: seed must be an integer or a PRNGKey, received '1'",
    );
    expect(() => randomNormal().apply([2], { seed: 0.5 })).toThrow(
      'randomNormal: seed must be an integer or a PRNGKey, received 0.5',
    );
  });

  it('options that are not an object', () => {
    expect(() => heNormal(5 as never)).toThrow('heNormal: options must be an object, received 5');
    expect(() => constant([1] as never)).toThrow('constant: options must be an object, received [1]');
  });
});

describe('apply errors', () => {
  it('rejects bad shapes', () => {
    expect(() => heNormal().apply([2, -1])).toThrow(
      'heNormal: shape must be an array of non-negative integers, received [2,-1]',
    );
    expect(() => zeros().apply([1.5])).toThrow(
      'zeros: shape must be an array of non-negative integers, received [1.5]',
    );
    expect(() => heNormal().apply(5 as never)).toThrow(
      'heNormal: shape must be an array of non-negative integers, received 5',
    );
  });

  it('rejects dtypes the initializer cannot make', () => {
    expect(() => heNormal().apply([2], { dtype: 'int32' })).toThrow(DTypeError);
    expect(() => heNormal().apply([2], { dtype: 'int32' })).toThrow(
      "heNormal: dtype must be 'float32', received 'int32'",
    );
    expect(() => zeros().apply([2], { dtype: 'bool' })).toThrow(
      "zeros: dtype must be 'float32' or 'int32', received 'bool'",
    );
  });
});
