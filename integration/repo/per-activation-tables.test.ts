// The proof that an activation is added in one place: a throwaway activation written into the catalogue (one file,
// in memory) must make the type-checker name every per-activation table that has to learn it — and nothing else.
// A table is found by its marker type: every table keyed by activation name is declared `: PerActivation<…>` (or
// `satisfies PerActivation<…>`), so a new table joins this test by being typed correctly.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalogueIndex = join(root, 'packages/activations/src/catalogue/index.ts');

/** What a contributor writes for a new activation, inlined into the catalogue's index so that it is one file. */
const SQUAREPLUS = `
import { unaryFn as squareplusUnaryFn } from '@rectify/tensor';
import { defineActivation as squareplusDefine } from '../define.js';
export const squareplusFn = squareplusUnaryFn({
  name: 'squareplus',
  f: (x) => 0.5 * (x + Math.sqrt(x * x + 4)),
  df: (x) => 0.5 * (1 + x / Math.sqrt(x * x + 4)),
});
export const squareplusDefinition = squareplusDefine({
  name: 'squareplus',
  describe: 'squareplus: (x + sqrt(x² + 4)) / 2',
  recommendedInitializer: 'heNormal',
  properties: { range: [0, Infinity], smooth: true, monotonic: true, zeroCentred: false, selfNormalizing: false,
                reluFamily: true, elementwise: true },
  kernel: () => ({ fn: squareplusFn }),
});
`;

/** Every TypeScript source file of the packages and apps (tests, builds and dependencies left out). */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(path);
      return /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [path] : [];
    });
  return ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => {
        try {
          return walk(join(root, top, e.name, 'src'));
        } catch {
          return [];
        }
      }),
  );
}

const sources = sourceFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
/** The tables: files declaring something `: PerActivation<…>` or `satisfies PerActivation<…>`. */
const tables = sources.filter((f) => /(:|\bsatisfies)\s*PerActivation</.test(f.text)).map((f) => f.path);
/** Everything that could break when the name union grows: the activations package and every file naming it. */
const checked = [
  ...new Set([
    ...sources.filter((f) => f.path.startsWith(join(root, 'packages/activations/src/'))).map((f) => f.path),
    ...sources.filter((f) => /\b(ActivationName|PerActivation)\b/.test(f.text)).map((f) => f.path),
  ]),
];

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  skipLibCheck: true,
  noEmit: true,
  baseUrl: root,
  // The activations package from its sources (where the experiment happens); the other packages through their
  // built declarations, as the other integration tests use them — parsing every package's sources would take
  // three times as long.
  paths: {
    '@rectify/activations': ['packages/activations/src/index.ts'],
    '@rectify/activations/catalogue': ['packages/activations/src/catalogue/index.ts'],
  },
};

/** The checked files with errors, each with its first message; the catalogue optionally gets `extra` appended. */
function filesWithErrors(extra: string, old?: ts.Program): { errors: Map<string, string>; program: ts.Program } {
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (file === catalogueIndex ? read(file) + extra : read(file));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) =>
    file === catalogueIndex
      ? ts.createSourceFile(file, read(file) + extra, language)
      : getSourceFile(file, language, onError, create);
  const program = ts.createProgram({ rootNames: checked, options, host, ...(old && { oldProgram: old }) });
  const errors = new Map<string, string>();
  for (const file of checked) {
    const sf = program.getSourceFile(file);
    const diagnostics = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    if (diagnostics[0]) errors.set(file, ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n'));
  }
  return { errors, program };
}

const show = (m: Map<string, string>) => Object.fromEntries([...m].map(([f, msg]) => [relative(root, f), msg]));

describe('adding an activation is one catalogue file; the compiler lists every table that must learn it', () => {
  it('finds the per-activation tables by their marker type', () => {
    const found = tables.map((f) => relative(root, f));
    // At least these two; a backend's SIMD kernel record and any later table join by using the marker.
    expect(found).toEqual(
      expect.arrayContaining(['packages/interop/src/onnx/activations.ts', 'apps/docs/src/site/activation-notes.ts']),
    );
  });

  it('a throwaway squareplus in the catalogue is a compile error in each table and nowhere else', () => {
    const before = filesWithErrors('');
    expect(show(before.errors), 'the tree must type-check before the experiment').toEqual({});
    const after = filesWithErrors(SQUAREPLUS, before.program);
    expect([...after.errors.keys()].map((f) => relative(root, f)).sort()).toEqual(
      tables.map((f) => relative(root, f)).sort(),
    );
    for (const [file, message] of after.errors) expect(message, relative(root, file)).toMatch(/squareplus/);
  }, 120_000);
});
