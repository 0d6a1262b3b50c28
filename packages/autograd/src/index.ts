export { grad, grads, valueAndGrad, valueAndGrads, variableGrads, stopGradient, noGrad } from './gradients.js';
export { computeGradients, type GradientsResult } from './compute-gradients.js';
export { variable, liveVariables } from './variable.js';
export { customGrad, type CustomGradientFunc, type CustomGradResult, type GradSaveFunc } from './custom-grad.js';
export {
  checkGradients,
  type CheckGradientsOptions,
  type GradientCheckResult,
  type GradientCheckInput,
} from './check-gradients.js';
export { gradRules, sumToShape, unreadByRules } from './rules.js';
export type { GradRule, GradRules, OpContext, Unread, UnreadByRules } from './grad-rule.js';
export { Variable } from '@rectify/tensor';
export { autogradMethods } from './tensor-methods.js';
