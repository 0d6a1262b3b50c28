import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import * as rf from '../../src/index.js';

/**
 * The compatibility suite's harness. A case is one tfjs program fragment written once against tfjs' API (`lib`),
 * run on TensorFlow.js (pure-JS cpu backend) and on Rectify; the plain values it returns must agree.
 */

/** TensorFlow.js as a program imports it: tfjs-core and tfjs-layers in one namespace. */
export const tf = { ...tfc, ...tfl } as const;
export type Tf = typeof tf;

/** Rectify seen through tfjs' types: a case compiles as tfjs code, which is the claim under test. */
export const rfAsTf = rf as unknown as Tf;

export interface CompatCase {
  /** The symbol from docs/tfjs-api-symbols.json this case proves: `train.sgd`, `losses.huberLoss`, `Tensor#add`. */
  readonly symbol: string;
  /** The same call on either library; returns tensors, numbers or nested arrays/objects of them. */
  readonly run: (lib: Tf) => unknown;
  /** Relative tolerance for numbers (default 1e-5). */
  readonly tol?: number;
  /**
   * A documented difference: the symbol is listed as "differs" with this note, and the test checks that the values
   * do differ, so the note cannot outlive the difference.
   */
  readonly differs?: string;
}

type Plain = number | string | boolean | null | undefined | Plain[] | { [k: string]: Plain };

/** Tensors become `{ shape, values }`; everything else is walked. */
export function toPlain(v: unknown): Plain {
  if (v !== null && typeof v === 'object' && 'dataSync' in v && 'shape' in v) {
    const t = v as { shape: number[]; dataSync(): ArrayLike<number> };
    return { shape: [...t.shape], values: Array.from(t.dataSync()) };
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  return v as Plain;
}

/** Differences between two plain values, as readable paths; numbers compare within `tol` (relative, floor 1). */
export function differences(ours: Plain, theirs: Plain, tol: number, path = '$'): string[] {
  if (typeof ours === 'number' && typeof theirs === 'number') {
    const same = Object.is(ours, theirs) || Math.abs(ours - theirs) <= tol * Math.max(1, Math.abs(theirs));
    return same ? [] : [`${path}: rectify ${ours}, tfjs ${theirs}`];
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return [`${path}: rectify has ${ours.length} items, tfjs ${theirs.length}`];
    return ours.flatMap((o, i) => differences(o, theirs[i]!, tol, `${path}[${i}]`));
  }
  if (
    ours &&
    theirs &&
    typeof ours === 'object' &&
    typeof theirs === 'object' &&
    !Array.isArray(ours) &&
    !Array.isArray(theirs)
  ) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
    return keys.flatMap((k) => differences(ours[k], theirs[k], tol, `${path}.${k}`));
  }
  return ours === theirs ? [] : [`${path}: rectify ${JSON.stringify(ours)}, tfjs ${JSON.stringify(theirs)}`];
}
