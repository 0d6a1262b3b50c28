import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/config/build-model.js';
import { checkNames } from '../src/config/check-names.js';
import { loadConfigFile } from '../src/config/load.js';
import { loadOptionsFor, resolveConfig } from '../src/config/resolve.js';
import { loadDataset } from '../src/datasets/registry.js';
import { EXAMPLES } from './helpers.js';

/** Parameter counts worked out by hand from each example's layers. */
const PARAMS: Record<string, number> = {
  'iris-mlp.yaml': 4 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3,
  'mnist-mlp.yaml': 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10,
  // 3×3 convs: 1→16 and 16→32; 28→26→13→11→5 after the pools, so the dense layer sees 5·5·32 inputs.
  'mnist-cnn.yaml': 9 * 16 + 16 + 9 * 16 * 32 + 32 + 5 * 5 * 32 * 64 + 64 + 64 * 10 + 10,
  'boston-regression.json': 13 * 64 + 64 + 64 * 32 + 32 + 32 + 1,
};

describe('the shipped example configs', () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('are the five the README lists', () => {
    expect(files.sort()).toEqual([
      'boston-regression.json',
      'char-transformer.yaml',
      'iris-mlp.yaml',
      'mnist-cnn.yaml',
      'mnist-mlp.yaml',
    ]);
  });

  it.each(files)('%s validates, resolves and builds a compiled model', (file) => {
    const input = loadConfigFile(join(EXAMPLES, file));
    const dataset = loadDataset(input.dataset.name, { ...loadOptionsFor(input), limit: 10 });
    const config = resolveConfig(input, dataset);
    checkNames(config);
    const model = buildModel(config, dataset);
    expect(model.optimizer).toBeDefined();
    if (PARAMS[file] !== undefined) expect(model.countParams()).toBe(PARAMS[file]);
    model.dispose();
  });
});
