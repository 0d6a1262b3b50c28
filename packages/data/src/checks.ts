import { ValueError } from '@rectify/tensor';

/** An integer ≥ `min` (Infinity allowed for counts meaning "all"), or an error naming the op and argument. */
export function checkCount(op: string, arg: string, value: unknown, min: number): number {
  const ok = typeof value === 'number' && value >= min && (Number.isInteger(value) || value === Infinity);
  if (!ok) throw new ValueError(`${op}: ${arg} must be an integer >= ${min}, received ${String(value)}`);
  return value;
}
