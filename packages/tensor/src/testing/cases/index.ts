import type { UnaryFn } from '../../scalar-fn.js';
import type { ConformanceCase, KernelCaseTable } from '../case.js';
import { biasActivationCases } from './bias-activation-cases.js';
import { compositeCases } from './composite-cases.js';
import { convKernelCases } from './conv-cases.js';
import { type UnaryCheck, elementwiseCases } from './elementwise-cases.js';
import { layoutCases } from './layout-cases.js';
import { gruCellCases, lstmCellCases } from './recurrent-cell-cases.js';
import { matmulCases } from './matmul-cases.js';
import { reduceKernelCases } from './reduce-cases.js';
import { softmaxKernelCases } from './softmax-cases.js';

export type { UnaryCheck };

/**
 * Every case of the suite: one group per primitive kernel (typed, so none can be forgotten) plus composite ops.
 * @example conformanceCases().matmul.length // → 44
 */
export function conformanceCases(
  extraUnary: ReadonlyArray<UnaryFn | UnaryCheck> = [],
): KernelCaseTable & { composite: readonly ConformanceCase[] } {
  const extra = extraUnary.map((u): UnaryCheck => ('fn' in u && typeof u.fn === 'object' ? u : { fn: u as UnaryFn }));
  const kernels: KernelCaseTable = {
    ...elementwiseCases(extra),
    biasActivation: biasActivationCases(extra),
    ...reduceKernelCases(),
    ...lstmCellCases(),
    ...gruCellCases(),
    matmul: matmulCases(),
    ...layoutCases(),
    ...convKernelCases(),
    ...softmaxKernelCases(),
  };
  return { ...kernels, composite: compositeCases() };
}
