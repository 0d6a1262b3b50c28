// The tensor ops these tests use, plus a relu made the way an activation package makes one (a scalar function with
// its derivative), so that gradient tests do not depend on packages above autograd.
import { type Tensor, type TensorLike, mapUnary, unaryFn } from '@rectify/tensor';

export * from '@rectify/tensor';

const reluFn = unaryFn({ name: 'relu', f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0), out: 'same' });
export const relu = (x: TensorLike): Tensor => mapUnary(x, reluFn);
