import { parseScalar } from './parse-scalar.js';
import { ScalarPrinter, type ScalarTarget, printBody } from './print-scalar.js';

/** A helper function in the form gpu.js's `setFunctions` takes, with its types given rather than inferred. */
export interface GpuFunction {
  readonly source: string;
  readonly settings: { readonly argumentTypes: readonly string[]; readonly returnType: 'Number' };
}

export interface ScalarFunction extends GpuFunction {
  /** Names of the gl-math helpers the source calls (always empty for the `js` target). */
  readonly helpers: readonly string[];
}

const PARAM_PADDING = ['rfUnused0', 'rfUnused1', 'rfUnused2'];

/**
 * Turns one of the scalar functions of `UnaryFn` / `BinaryFn` into a named gpu.js helper function of `arity`
 * number arguments: `(x) => x > 0 ? x : 0` becomes `function name(x, rfUnused1, rfUnused2) { return … }`.
 * An absent function (a piecewise-constant function's derivative) becomes the constant 0.
 *
 * @example
 * scalarFunction((x, y) => x * y, 'rfMul', 2, "'mul'.f", 'js').source
 * // 'function rfMul(x, y) {\nreturn (x * y);\n}'
 */
export function scalarFunction(
  fn: ((...args: number[]) => number) | undefined,
  name: string,
  arity: number,
  label: string,
  target: ScalarTarget,
): ScalarFunction {
  let params: string[] = [];
  let body = 'return 0;';
  let helpers: string[] = [];
  if (fn) {
    const parsed = parseScalar(fn.toString(), label, arity);
    const printer = new ScalarPrinter(label, parsed.params, target, parsed.offset);
    params = [...parsed.params];
    body = printBody(parsed, printer);
    helpers = [...printer.helpers];
  }
  for (let i = params.length; i < arity; i++) params.push(PARAM_PADDING[i] ?? `rfUnused${i}`);
  return {
    source: `function ${name}(${params.join(', ')}) {\n${body}\n}`,
    settings: { argumentTypes: params.map(() => 'Number'), returnType: 'Number' },
    helpers,
  };
}
