import { describe, expect, it } from 'vitest';
import { ValueError, checkOptions, closestName, optionNames } from '@rectify/tensor';

describe('checkOptions', () => {
  it('accepts known keys, undefined and null options', () => {
    expect(() => checkOptions('fit', { epochs: 1, batchSize: 2 }, ['epochs', 'batchSize'])).not.toThrow();
    expect(() => checkOptions('fit', undefined, ['epochs'])).not.toThrow();
    expect(() => checkOptions('fit', null, ['epochs'])).not.toThrow();
  });

  it('suggests the camelCase spelling of a snake_case option', () => {
    expect(() =>
      checkOptions('dense', { units: 2, kernel_initializer: 'zeros' }, [
        'units',
        'kernelInitializer',
        'biasInitializer',
      ]),
    ).toThrow("dense: unknown option 'kernel_initializer'; did you mean 'kernelInitializer'?");
  });

  it('suggests the nearest name for a typo and lists the options when nothing is close', () => {
    expect(() => checkOptions('adam', { leaningRate: 0.1 }, ['learningRate', 'beta1'])).toThrow(
      "did you mean 'learningRate'?",
    );
    expect(() => checkOptions('adam', { lr: 0.1 }, ['learningRate', 'beta1'])).toThrow(
      "adam: unknown option 'lr'; known options: learningRate, beta1",
    );
  });

  it('counts keys whose value is undefined and throws ValueError', () => {
    expect(() => checkOptions('sgd', { momentun: undefined }, ['momentum'])).toThrow(ValueError);
  });

  it('explains options listed as unsupported', () => {
    expect(() =>
      checkOptions('dense', { kernelConstraint: 'maxNorm' }, ['units'], {
        kernelConstraint: 'constraints are not implemented',
      }),
    ).toThrow("dense: option 'kernelConstraint' is not supported: constraints are not implemented");
  });

  it('rejects a non-object', () => {
    expect(() => checkOptions('fit', 3, ['epochs'])).toThrow('fit: options must be an object, received 3');
    expect(() => checkOptions('fit', [1], ['epochs'])).toThrow('fit: options must be an object, received [1]');
  });
});

describe('closestName', () => {
  it('prefers an exact match up to case and separators, else the smallest edit distance', () => {
    expect(closestName('BATCH_SIZE', ['batchSize', 'epochs'])).toBe('batchSize');
    expect(closestName('epoch', ['batchSize', 'epochs'])).toBe('epochs');
    expect(closestName('zzzzzz', ['batchSize', 'epochs'])).toBeUndefined();
  });
});

describe('optionNames', () => {
  it('lists the keys of the options type', () => {
    interface Opts {
      a: number;
      b?: string;
    }
    expect(optionNames<Opts>()({ a: true, b: true })).toEqual(['a', 'b']);
  });
});
