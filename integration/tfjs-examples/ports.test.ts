import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';

/**
 * The official tfjs-examples programs in examples/tfjs, changed only in their import line (UI and downloads
 * stripped, data from npm packages), run on Rectify with their own hyperparameters or small epoch counts.
 * Each needs some symbols from the tensor half of issue 14; a port runs as soon as Rectify exports all it needs.
 */
function missing(symbols: readonly string[]): string[] {
  const probe = rf.scalar(0) as unknown as Record<string, unknown>;
  return symbols.filter((name) => {
    if (name.startsWith('Tensor#')) return !(name.slice(7) in probe);
    let value: unknown = rf;
    for (const part of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    return value === undefined;
  });
}

const chain = (...methods: string[]) => methods.map((m) => `Tensor#${m}`);
const needs = {
  iris: ['util.shuffle', 'tensor1d', 'tensor2d', ...chain('toInt', 'slice', 'argMax')],
  bostonHousing: ['util.assert', 'tensor2d', ...chain('mean', 'sub', 'div', 'sqrt', 'square', 'data')],
  mnistCore: [
    'util.createShuffledIndices',
    'tensor2d',
    'nextFrame',
    ...chain('as4D', 'as2D', 'conv2d', 'relu', 'maxPool', 'matMul', 'add', 'argMax', 'mean'),
  ],
  mnistNode: [
    'util.assert',
    'util.sizeFromShape',
    'util.now',
    'nextFrame',
    'tensor1d',
    'tensor4d',
    ...chain('toFloat'),
  ],
};
const quiet = () => {};

/** A port's module: plain JavaScript, so typed here by what the tests call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const port = (path: string): Promise<any> =>
  import(fileURLToPath(new URL(`../../examples/tfjs/${path}`, import.meta.url)));

/** The convnets train on the WebAssembly backend, as the originals use tfjs-node's native one for speed. */
async function useWasm(): Promise<void> {
  await import('@rectify/backend-wasm');
  await rf.setBackend('wasm');
}
const accuracy = (a: readonly number[], b: readonly number[]) => a.filter((v, i) => v === b[i]).length / a.length;

describe('examples/tfjs: tfjs-examples programs with one changed import line', () => {
  describe.skipIf(missing(needs.iris).length > 0)('iris', () => {
    it('trains the two-layer classifier to ≥ 90% test accuracy', async () => {
      rf.setSeed(1);
      const { iris } = await port('iris/index.js');
      const { yTrue, yPred } = await iris({ epochs: 40, learningRate: 0.05 });
      expect(accuracy(yPred, yTrue)).toBeGreaterThanOrEqual(0.9);
    });
  });

  describe.skipIf(missing(needs.bostonHousing).length > 0)('boston-housing', () => {
    it('the linear and MLP regressions beat the mean-price baseline on the test set', async () => {
      rf.setSeed(1);
      const boston = await port('boston-housing/index.js');
      const baseline = await boston.setup(quiet);
      const linear = await boston.run(boston.linearRegressionModel(), 'linear', true, quiet);
      const mlp = await boston.run(boston.multiLayerPerceptronRegressionModel1Hidden(), 'oneHidden', false, quiet);
      expect(linear.testLoss).toBeLessThan(baseline / 2);
      expect(mlp.testLoss).toBeLessThan(baseline / 2);
      expect(linear.weightsList).toHaveLength(12);
    });
  });

  describe.skipIf(missing(needs.mnistCore).length > 0)('mnist-core', () => {
    it('100 SGD steps of the core-API convnet lower the loss and classify most test digits', async () => {
      await useWasm();
      rf.setSeed(1);
      const { mnist } = await port('mnist-core/index.js');
      const losses: number[] = [];
      const { predictions, labels } = await mnist((line: string) => losses.push(Number(line.split(': ')[1])));
      expect(losses).toHaveLength(100);
      expect(losses.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(
        losses.slice(0, 10).reduce((a, b) => a + b) / 10,
      );
      expect(accuracy(predictions, labels)).toBeGreaterThanOrEqual(0.6);
    });
  });

  describe.skipIf(missing(needs.mnistNode).length > 0)('mnist-node', () => {
    it('three epochs of the layers-API convnet reach ≥ 90% test accuracy', async () => {
      await useWasm();
      rf.setSeed(1);
      const { main } = await port('mnist-node/main.js');
      const lines: string[] = [];
      const [loss, acc] = await main(3, 32, undefined, (line: string) => lines.push(line));
      expect(lines.some((l) => /^Loss: \d\.\d{3} \(train\), \d\.\d{3} \(val\); Accuracy: \d\.\d{3}/.test(l))).toBe(
        true,
      );
      expect(loss).toBeLessThan(0.5);
      expect(acc).toBeGreaterThanOrEqual(0.9);
    });
  });
});
