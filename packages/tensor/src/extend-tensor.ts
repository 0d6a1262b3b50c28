import { BackendError } from './errors.js';
import { Tensor } from './tensor.js';

/** A table of ops that can become Tensor methods: each takes the tensor as its first argument. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: the table's own types are kept by `typeof`.
export type MethodTable = Readonly<Record<string, (x: Tensor, ...args: any[]) => unknown>>;

/**
 * The methods a table adds: each op without its first parameter, so `x.add(y)` has exactly `add(x, y)`'s types.
 * Use it to declare a table's methods on Tensor (see extendTensor).
 */
export type MethodsOf<T> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: matches every first parameter.
  [K in keyof T]: T[K] extends (x: any, ...args: infer A) => infer R ? (...args: A) => R : never;
};

const owners = new Map<string, MethodTable>();

/**
 * Adds every op of `table` to Tensor's prototype as a method calling `op(this, ...args)` — the one way methods
 * are added (tensor's own ops, then each package that owns more, such as @rectify/activations). A name that is
 * already a Tensor member or another table's method is an error, so no package can silently replace another's.
 * Pair it with a `declare module '@rectify/tensor' { interface Tensor extends MethodsOf<typeof table> {} }`.
 * @example
 * const table = { double: (x: Tensor) => mul(x, 2) } satisfies MethodTable;
 * extendTensor(table); // tensor([1]).double()
 */
export function extendTensor(table: MethodTable): void {
  for (const [name, op] of Object.entries(table)) {
    if (owners.get(name) === table) continue;
    if (owners.has(name) || name in Tensor.prototype) {
      throw new BackendError(`extendTensor: Tensor already has a member named '${name}'`);
    }
    owners.set(name, table);
    Object.defineProperty(Tensor.prototype, name, {
      value: function method(this: Tensor, ...args: unknown[]): unknown {
        return op(this, ...args);
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
