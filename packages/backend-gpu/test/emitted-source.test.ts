import { readFileSync, readdirSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { scalarFunction } from '../src/scalar/scalar-source.js';

/**
 * Users run the packages as TypeScript emits them (dist), tests run them as vitest's transformer does, browsers as
 * a bundler does: `fn.toString()` differs between these. The other tests cover the vitest form; here every scalar
 * function of @rectify/tensor's math-fns and of the activations is compiled the way `tsc` emits it (ES2022) and
 * must translate, for both targets, and mean what the emitted function computes.
 */
type Fn = (...args: number[]) => number;
interface Def {
  readonly name: string;
  readonly [part: string]: unknown;
}

const root = new URL('../../', import.meta.url);

function emitted(path: string): string {
  return ts.transpileModule(readFileSync(new URL(path, root), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}

/** The object literal passed to each `unaryFn(` / `binaryFn(` call, evaluated: the definition as emitted. */
function definitions(js: string): Def[] {
  const defs: Def[] = [];
  for (const m of js.matchAll(/= (?:unaryFn|binaryFn)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; depth > 0; i++) depth += js[i] === '(' ? 1 : js[i] === ')' ? -1 : 0;
    defs.push(new Function(`return (${js.slice(start, i - 1)});`)() as Def);
  }
  return defs;
}

const files = [
  'tensor/src/math-fns.ts',
  ...readdirSync(new URL('activations/src/catalogue/', root))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `activations/src/catalogue/${f}`),
];
const defs = files.flatMap((f) => definitions(emitted(f)));
const SPECIAL = [0, -0, 1e-30, -1e-30, 1e30, 88, -88, 0.5, -2.5, 3, NaN, Infinity, -Infinity];

describe('scalar functions as tsc emits them', () => {
  it('finds the definitions (math-fns and the activation catalogue)', () => {
    const names = defs.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'neg',
        'sigmoid',
        'round',
        'logicalXor',
        'relu',
        'gelu',
        'geluTanh',
        'mish',
        'prelu',
        'selu',
      ]),
    );
    expect(defs.length).toBeGreaterThanOrEqual(55);
  });

  it.each(defs.map((d) => [d.name, d] as const))(
    '%s translates for js and gl and computes the same in js',
    (name, def) => {
      const binary =
        'dfdx' in def ||
        def.out === 'promote' ||
        (def.out !== undefined && !('df' in def) && (def.f as Fn).length === 2);
      for (const part of ['f', 'df', 'dfdx', 'dfdy'] as const) {
        const fn = def[part] as Fn | undefined;
        if (!fn) continue;
        const label = `'${name}'.${part}`;
        const arity = binary ? 2 : 3;
        expect(scalarFunction(fn, 'rfF', arity, label, 'gl').source).toMatch(/^function rfF\(/);
        const printed = new Function(`return (${scalarFunction(fn, 'rfF', arity, label, 'js').source});`)() as Fn;
        for (const x of SPECIAL) {
          // Literal clamping to float32 range only changes results beyond float32 (relu's df still gives 0 or 1).
          const [want, got] = [fn(x, 0.25, 0.5), printed(x, 0.25, 0.5)];
          if (!(Object.is(want, got) || want === got || (Number.isNaN(want) && Number.isNaN(got)))) {
            throw new Error(`${label}(${x}): emitted ${want}, printed ${got}`);
          }
        }
      }
    },
  );
});
