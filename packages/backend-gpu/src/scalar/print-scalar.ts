import type { Expression, Node, Statement } from 'acorn';
import { FLOAT32_LARGEST, formatNumber } from './float32-literal.js';
import { GL_MATH_REPLACEMENTS } from './gl-math.js';
import { type ParsedScalar, scalarError } from './parse-scalar.js';

/** `js` keeps `Math.*` (WebAssembly and gpu.js's cpu mode follow IEEE); `gl` routes the unreliable ones to helpers. */
export type ScalarTarget = 'js' | 'gl';

/** The `Math` functions gpu.js translates on every backend (its README's list, less `random`). */
const MATH_FUNCTIONS = new Set([
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'atan2',
  'cbrt',
  'ceil',
  'cos',
  'cosh',
  'exp',
  'expm1',
  'floor',
  'fround',
  'log',
  'log10',
  'log1p',
  'log2',
  'max',
  'min',
  'pow',
  'round',
  'sign',
  'sin',
  'sinh',
  'sqrt',
  'tan',
  'tanh',
  'trunc',
]);
const MATH_CONSTANTS = new Set(['E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISON: Readonly<Record<string, string>> = {
  '===': '===',
  '==': '===',
  '!==': '!==',
  '!=': '!==',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=']);

/**
 * Prints a parsed scalar function back as gpu.js-translatable JavaScript. JavaScript's loose semantics are made
 * explicit, because GLSL and WebAssembly have no truthiness: a number used as a condition becomes
 * `(v !== 0 && v === v)`, a comparison used as a number becomes `(c ? 1 : 0)`, `a || b` used as a value
 * becomes `(truthy(a) ? a : b)`, and `Number.isFinite` / `isNaN` become comparisons.
 */
export class ScalarPrinter {
  private readonly locals: Set<string>;
  /** Helper functions (see gl-math.ts) the printed source calls. */
  readonly helpers = new Set<string>();

  constructor(
    private readonly label: string,
    params: readonly string[],
    private readonly target: ScalarTarget = 'js',
    /** Subtracted from node positions so that messages point into the function's own source. */
    private readonly offset = 0,
  ) {
    this.locals = new Set(params);
  }

  private infinity(): string {
    if (this.target === 'js') return 'Infinity';
    this.helpers.add('rfInf');
    return 'rfInf()';
  }

  private math(name: string, args: readonly string[]): string {
    const helper = this.target === 'gl' ? GL_MATH_REPLACEMENTS[name] : undefined;
    if (helper) this.helpers.add(helper);
    return `${helper ?? `Math.${name}`}(${args.join(', ')})`;
  }

  private fail(node: Node, what: string): never {
    throw scalarError(this.label, `${what} is not supported (at character ${node.start - this.offset})`);
  }

  /** The expression as a number. */
  value(node: Expression): string {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'number')
          return Number.isFinite(node.value) ? formatNumber(node.value) : this.infinity();
        if (typeof node.value === 'boolean') return node.value ? '1' : '0';
        return this.fail(node, `the literal ${String(node.raw)}`);
      case 'Identifier':
        if (this.locals.has(node.name)) return node.name;
        if (node.name === 'Infinity') return this.infinity();
        throw scalarError(
          this.label,
          `it refers to '${node.name}', which is neither a parameter nor a local (closures and helper calls are not supported)`,
        );
      case 'UnaryExpression':
        if (node.operator === '-') return `(-${this.value(node.argument)})`;
        if (node.operator === '+') return this.value(node.argument);
        if (node.operator === '!') return `(${this.test(node)} ? 1 : 0)`;
        return this.fail(node, `the operator '${node.operator}'`);
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateIdentifier') return this.fail(node, 'a private name');
        if (ARITHMETIC.has(node.operator))
          return `(${this.value(node.left)} ${node.operator} ${this.value(node.right)})`;
        if (node.operator === '**') return this.math('pow', [this.value(node.left), this.value(node.right)]);
        if (node.operator in COMPARISON) return `(${this.test(node)} ? 1 : 0)`;
        return this.fail(node, `the operator '${node.operator}'`);
      }
      case 'LogicalExpression': {
        // JavaScript returns one of the operands, not a boolean.
        const l = this.value(node.left);
        const r = this.value(node.right);
        if (node.operator === '||') return `(${this.truthy(l)} ? ${l} : ${r})`;
        if (node.operator === '&&') return `(${this.truthy(l)} ? ${r} : ${l})`;
        return this.fail(node, `the operator '${node.operator}'`);
      }
      case 'ConditionalExpression':
        return `(${this.test(node.test)} ? ${this.value(node.consequent)} : ${this.value(node.alternate)})`;
      case 'CallExpression':
        return this.call(node);
      case 'MemberExpression':
        if (
          isMath(node.object) &&
          !node.computed &&
          node.property.type === 'Identifier' &&
          MATH_CONSTANTS.has(node.property.name)
        ) {
          return formatNumber(Math[node.property.name as 'PI']);
        }
        return this.fail(node, 'a property access other than Math constants');
      default:
        return this.fail(node, `a ${node.type}`);
    }
  }

  /** The expression as a condition (a GLSL bool), with JavaScript's truthiness. */
  test(node: Expression): string {
    if (node.type === 'BinaryExpression' && node.operator in COMPARISON && node.left.type !== 'PrivateIdentifier') {
      return `(${this.value(node.left)} ${COMPARISON[node.operator]} ${this.value(node.right)})`;
    }
    if (node.type === 'LogicalExpression' && node.operator !== '??') {
      return `(${this.test(node.left)} ${node.operator} ${this.test(node.right)})`;
    }
    if (node.type === 'UnaryExpression' && node.operator === '!') return `!${this.test(node.argument)}`;
    if (node.type === 'Literal' && typeof node.value === 'boolean') return node.value ? '(0 === 0)' : '(0 !== 0)';
    const special = this.numberPredicate(node);
    if (special) return special;
    return this.truthy(this.value(node));
  }

  private truthy(v: string): string {
    return `(${v} !== 0 && ${v} === ${v})`;
  }

  /** `Number.isFinite(v)`, `Number.isNaN(v)` and the global `isFinite` / `isNaN`, as comparisons. */
  private numberPredicate(node: Expression): string | null {
    if (node.type !== 'CallExpression' || node.arguments.length !== 1) return null;
    const c = node.callee;
    const name =
      c.type === 'Identifier'
        ? c.name
        : c.type === 'MemberExpression' &&
            c.object.type === 'Identifier' &&
            c.object.name === 'Number' &&
            !c.computed &&
            c.property.type === 'Identifier'
          ? c.property.name
          : null;
    const arg = node.arguments[0];
    if (!arg || arg.type === 'SpreadElement') return null;
    if (name === 'isFinite') return `(Math.abs(${this.value(arg)}) <= ${FLOAT32_LARGEST})`;
    if (name === 'isNaN') return `(${this.value(arg)} !== ${this.value(arg)})`;
    return null;
  }

  private call(node: Expression & { type: 'CallExpression' }): string {
    const predicate = this.numberPredicate(node);
    if (predicate) return `(${predicate} ? 1 : 0)`;
    const c = node.callee;
    if (c.type !== 'MemberExpression' || !isMath(c.object) || c.computed || c.property.type !== 'Identifier') {
      return this.fail(node, 'a call to anything but Math functions, Number.isFinite and Number.isNaN');
    }
    const name = c.property.name;
    if (!MATH_FUNCTIONS.has(name)) return this.fail(node, `Math.${name}`);
    const args = node.arguments.map((a) =>
      a.type === 'SpreadElement' ? this.fail(a, 'a spread argument') : this.value(a),
    );
    // GLSL's max/min take two arguments; JavaScript's take any number.
    if ((name === 'max' || name === 'min') && args.length > 2) {
      return args.slice(1).reduce((acc, a) => this.math(name, [acc, a]), args[0]!);
    }
    return this.math(name, args);
  }

  statement(node: Statement): string {
    switch (node.type) {
      case 'ReturnStatement':
        if (!node.argument) return this.fail(node, 'a return without a value');
        return `return ${this.value(node.argument)};`;
      case 'VariableDeclaration':
        return node.declarations
          .map((d) => {
            if (d.id.type !== 'Identifier' || !d.init)
              return this.fail(d, 'a declaration without a plain name and a value');
            const init = this.value(d.init);
            this.locals.add(d.id.name);
            return `${node.kind === 'const' ? 'const' : 'let'} ${d.id.name} = ${init};`;
          })
          .join('\n');
      case 'IfStatement':
        return `if (${this.test(node.test)}) ${this.block(node.consequent)}${node.alternate ? ` else ${this.block(node.alternate)}` : ''}`;
      case 'BlockStatement':
        return this.block(node);
      case 'ExpressionStatement': {
        const e = node.expression;
        if (
          e.type === 'AssignmentExpression' &&
          e.left.type === 'Identifier' &&
          this.locals.has(e.left.name) &&
          ASSIGN.has(e.operator)
        ) {
          return `${e.left.name} ${e.operator} ${this.value(e.right)};`;
        }
        return this.fail(node, 'an expression statement other than assigning a local');
      }
      case 'EmptyStatement':
        return '';
      default:
        return this.fail(node, `a ${node.type} (loops and other statements)`);
    }
  }

  private block(node: Statement): string {
    const body = node.type === 'BlockStatement' ? node.body : [node];
    return `{\n${body.map((s) => this.statement(s)).join('\n')}\n}`;
  }
}

function isMath(node: Node): boolean {
  return node.type === 'Identifier' && (node as Node & { name: string }).name === 'Math';
}

/** The body of a parsed function as statements ending in a return. */
export function printBody(parsed: ParsedScalar, printer: ScalarPrinter): string {
  const { body } = parsed;
  if (body.type === 'BlockStatement') return body.body.map((s) => printer.statement(s)).join('\n');
  return `return ${printer.value(body)};`;
}
