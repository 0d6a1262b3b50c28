import { parse } from 'acorn';
import type { ArrowFunctionExpression, Expression, FunctionExpression, Identifier, Pattern } from 'acorn';
import { ValueError } from '@rectify/tensor';

export type ScalarFunctionNode = ArrowFunctionExpression | FunctionExpression;

/** What every scalar function turns into: its parameter names and its body (an expression or a block). */
export interface ParsedScalar {
  readonly params: readonly string[];
  readonly body: ScalarFunctionNode['body'];
  /** Characters added in front of the source to parse it: node positions minus this are positions in the source. */
  readonly offset: number;
}

/** `label` names the function in messages, e.g. `'relu'.df`. */
export function scalarError(label: string, reason: string): ValueError {
  return new ValueError(`gpu: cannot translate ${label} for gpu.js: ${reason}`);
}

function asFunction(expr: Expression | undefined): ScalarFunctionNode | null {
  if (!expr) return null;
  if (expr.type === 'ArrowFunctionExpression' || expr.type === 'FunctionExpression') return expr;
  // A method shorthand `f(x) { … }` only parses inside an object literal.
  if (expr.type === 'ObjectExpression' && expr.properties.length === 1) {
    const prop = expr.properties[0];
    if (prop?.type === 'Property' && prop.value.type === 'FunctionExpression') return prop.value;
  }
  return null;
}

function paramName(label: string, p: Pattern): string {
  if (p.type !== 'Identifier') {
    throw scalarError(
      label,
      `parameters must be plain names (no defaults, destructuring or rest), received a ${p.type}`,
    );
  }
  return (p as Identifier).name;
}

/**
 * Parses the source text of a scalar function — an arrow, a function expression or a method, as `toString()`
 * gives it for TypeScript's output, a test transformer's or a minifier's.
 */
export function parseScalar(source: string, label: string, arity: number): ParsedScalar {
  let fn: ScalarFunctionNode | null = null;
  let offset = 0;
  for (const [wrapped, added] of [
    [`(${source})`, 1],
    [`({${source}})`, 2],
  ] as const) {
    offset = added;
    try {
      const program = parse(wrapped, { ecmaVersion: 'latest', sourceType: 'script' });
      const stmt = program.body.length === 1 ? program.body[0] : undefined;
      fn = stmt?.type === 'ExpressionStatement' ? asFunction(stmt.expression) : null;
    } catch {
      fn = null;
    }
    if (fn) break;
  }
  if (!fn) throw scalarError(label, `its source is not a function expression: ${source.slice(0, 80)}`);
  if (fn.async || fn.generator) throw scalarError(label, 'async and generator functions are not supported');
  if (fn.params.length > arity) {
    throw scalarError(label, `it takes ${fn.params.length} parameters, at most ${arity} are passed`);
  }
  return { params: fn.params.map((p) => paramName(label, p)), body: fn.body, offset };
}
