// Tensors and backends: creation, broadcasting, a matrix product and reductions,
// on the backend chosen in the header.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  ctx.print(`backend: ${rf.backend().name}`);
  const a = rf.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = rf.tensor([10, 20, 30]);
  const sum = rf.add(a, b); // b broadcasts over the rows of a
  ctx.print('a + b =', sum);

  const product = rf.matmul(a, rf.transpose(a)); // [2, 3] x [3, 2] -> [2, 2]
  ctx.print('a · aᵀ =', product);

  const rowMeans = rf.mean(a, 1);
  ctx.print('row means:', rowMeans);
  return {
    sum: sum.arraySync(),
    product: product.arraySync(),
    rowMeans: Array.from(rowMeans.dataSync()),
  };
}
