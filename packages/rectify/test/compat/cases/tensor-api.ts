import type { CompatCase, Tf } from '../harness.js';

/** A fixed [2, 3] matrix and a second one to combine with it. */
const a = (lib: Tf) =>
  lib.tensor2d([
    [1, -2, 3],
    [-0.5, 0, 2],
  ]);
const b = (lib: Tf) =>
  lib.tensor2d([
    [0.5, 1, -1],
    [2, -3, 0.25],
  ]);
const cube = (lib: Tf) =>
  lib.tensor3d(
    Array.from({ length: 24 }, (_, i) => Math.sin(i)),
    [2, 3, 4],
  );

/**
 * The tensor half of tfjs' API (creation aliases, ops, Tensor's chained methods, util): each case runs one tfjs
 * program fragment on both libraries.
 */
export const tensorApiCases: CompatCase[] = [
  { symbol: 'tensor1d', run: (lib) => [lib.tensor1d([1, 2.5, -3]), lib.tensor1d([1, 2], 'int32')] },
  { symbol: 'tensor2d', run: (lib) => [a(lib), lib.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])] },
  {
    symbol: 'tensor3d',
    run: (lib) => [
      cube(lib),
      lib.tensor3d([
        [[1], [2]],
        [[3], [4]],
      ]),
    ],
  },
  {
    symbol: 'tensor4d',
    run: (lib) => [lib.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]), lib.tensor4d([[[[1, 2]]]])],
  },
  { symbol: 'fill', run: (lib) => [lib.fill([2, 3], 1.5), lib.fill([3], 4, 'int32')] },
  {
    symbol: 'range',
    run: (lib) => [lib.range(0, 5), lib.range(1, 2, 0.25), lib.range(5, 0, -2), lib.range(0, 4, 1, 'int32')],
  },
  {
    symbol: 'matMul',
    run: (lib) => [lib.matMul(a(lib), b(lib), false, true), lib.matMul(a(lib), b(lib), true, false)],
  },
  {
    symbol: 'dot',
    run: (lib) => [
      lib.dot(lib.tensor1d([1, 2, 3]), lib.tensor1d([4, -5, 6])),
      lib.dot(a(lib), lib.tensor1d([1, 0.5, -1])),
      lib.dot(lib.tensor1d([2, -1]), a(lib)),
      lib.dot(a(lib), lib.transpose(b(lib))),
    ],
  },
  {
    symbol: 'norm',
    run: (lib) => [
      lib.norm(a(lib)),
      lib.norm(a(lib), 1),
      lib.norm(a(lib), Infinity),
      lib.norm(a(lib), 'euclidean', 1),
      lib.norm(a(lib), 2, 0, true),
      lib.norm(a(lib), 'fro', [0, 1]),
    ],
  },
  {
    symbol: 'topk',
    run: (lib) => {
      const { values, indices } = lib.topk(
        lib.tensor2d([
          [1, 5, 3, 5],
          [-1, -2, 7, 0],
        ]),
        2,
      );
      const sorted = lib.topk(lib.tensor1d([3, 1, 2]), 3, true);
      return { values, indices, sorted: sorted.values };
    },
  },
  {
    symbol: 'cumsum',
    run: (lib) => [
      lib.cumsum(a(lib), 1),
      lib.cumsum(a(lib), 0),
      lib.cumsum(a(lib), 1, true),
      lib.cumsum(a(lib), 1, false, true),
    ],
  },
  { symbol: 'reverse', run: (lib) => [lib.reverse(a(lib)), lib.reverse(a(lib), 1), lib.reverse(cube(lib), [0, 2])] },
  { symbol: 'erf', run: (lib) => lib.erf(lib.tensor1d([-3, -1, -0.5, 0, 0.1, 0.5, 1, 2.5])), tol: 1e-4 },
  {
    symbol: 'einsum',
    run: (lib) => [
      lib.einsum('ij,kj->ik', a(lib), b(lib)),
      lib.einsum('ij->ji', a(lib)),
      lib.einsum(
        'bij,bjk->bik',
        cube(lib),
        lib.tensor3d(
          Array.from({ length: 16 }, (_, i) => i / 8),
          [2, 4, 2],
        ),
      ),
      lib.einsum('i,i->', lib.tensor1d([1, 2, 3]), lib.tensor1d([4, 5, 6])),
    ],
  },
  {
    symbol: 'stridedSlice',
    run: (lib) => [
      lib.stridedSlice(cube(lib), [0, 0, 0], [2, 3, 4], [1, 2, 2]),
      lib.stridedSlice(a(lib), [1, 2], [0, 0], [-1, -1]),
      lib.stridedSlice(a(lib), [0, 1], [0, 0], [1, 1], 1, 3),
    ],
  },
  {
    // A random permutation in place: compare what is deterministic — it returns nothing, keeps the multiset.
    symbol: 'util.shuffle',
    run: (lib) => {
      const xs = Array.from({ length: 20 }, (_, i) => i * 3);
      const returned = lib.util.shuffle(xs);
      return { returned, length: xs.length, sorted: [...xs].sort((p, q) => p - q) };
    },
  },
  { symbol: 'Tensor#add', run: (lib) => [a(lib).add(b(lib)), a(lib).add(lib.scalar(2))] },
  { symbol: 'Tensor#relu', run: (lib) => a(lib).add(b(lib)).relu() },
  { symbol: 'Tensor#mean', run: (lib) => [a(lib).add(b(lib)).relu().mean(), a(lib).mean(1), a(lib).mean(0, true)] },
  { symbol: 'Tensor#reshape', run: (lib) => cube(lib).reshape([4, -1]).sum(1) },
  { symbol: 'Tensor#matMul', run: (lib) => a(lib).matMul(b(lib).transpose()).square().sum() },
  { symbol: 'Tensor#softmax', run: (lib) => a(lib).mul(2).softmax() },
];
