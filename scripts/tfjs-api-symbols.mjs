#!/usr/bin/env node
// Lists TensorFlow.js' public API from its own type declarations, for the compatibility suite and table:
// the value exports of tfjs-core and tfjs-layers (as the @tensorflow/tfjs in devDependencies pins them), the
// members of the namespaces a tfjs program reaches into, and the methods of Tensor (chained ops included).
// Writes docs/tfjs-api-symbols.json. Run: node scripts/tfjs-api-symbols.mjs
import { createRequire } from 'node:module';
import { realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Namespaces whose members are listed one by one (`train.sgd`); other namespaces are one symbol each. */
export const EXPANDED_NAMESPACES = [
  'train',
  'losses',
  'layers',
  'util',
  'callbacks',
  'initializers',
  'regularizers',
  'image',
  'browser',
];

/** Where the tfjs umbrella in devDependencies finds its own tfjs-core and tfjs-layers. */
function tfjsPackages() {
  const umbrella = realpathSync(join(root, 'node_modules/@tensorflow/tfjs/package.json'));
  const req = createRequire(umbrella);
  const dirOf = (name) => dirname(req.resolve(`${name}/package.json`));
  return {
    version: req(umbrella).version,
    core: dirOf('@tensorflow/tfjs-core'),
    layers: dirOf('@tensorflow/tfjs-layers'),
  };
}

const isValue = (s) => (s.flags & ts.SymbolFlags.Value) !== 0;

/** The value members of an export: a module's exports, or the properties of a const object such as `train`. */
function membersOf(checker, symbol, location) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  if (target.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) {
    return checker
      .getExportsOfModule(target)
      .filter(isValue)
      .map((s) => s.name);
  }
  // A class used as a namespace (tfjs' `train` is OptimizerConstructors): its statics, not `prototype`.
  return checker
    .getTypeOfSymbolAtLocation(target, location)
    .getProperties()
    .map((s) => s.name)
    .filter((n) => n !== 'prototype');
}

/**
 * The symbol list: `{ name, kind }` with kind 'top-level', 'namespace-member' or 'tensor-method', sorted by name.
 * Names: `tensor2d`, `train.sgd`, `Tensor#add`.
 */
export function listSymbols() {
  const pkgs = tfjsPackages();
  const entries = {
    core: join(pkgs.core, 'dist/index.d.ts'),
    layers: join(pkgs.layers, 'dist/index.d.ts'),
    chained: join(pkgs.core, 'dist/public/chained_ops/register_all_chained_ops.d.ts'),
  };
  const program = ts.createProgram(Object.values(entries), { skipLibCheck: true, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const symbols = new Map();
  const add = (name, kind) => symbols.set(name, { name, kind });
  let tensorClass;
  for (const file of [entries.core, entries.layers]) {
    const source = program.getSourceFile(file);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    for (const exp of checker.getExportsOfModule(moduleSymbol)) {
      const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      if (!isValue(target)) continue;
      add(exp.name, 'top-level');
      if (exp.name === 'Tensor' && file === entries.core) tensorClass = target;
      if (EXPANDED_NAMESPACES.includes(exp.name)) {
        for (const member of membersOf(checker, exp, source)) add(`${exp.name}.${member}`, 'namespace-member');
      }
    }
  }
  const tensorType = checker.getDeclaredTypeOfSymbol(tensorClass);
  for (const p of tensorType.getProperties()) {
    if (p.name.startsWith('_') || p.name.startsWith('__')) continue;
    const decl = p.declarations?.[0];
    const isMethod = decl && (ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl));
    const modifiers = decl && ts.canHaveModifiers(decl) ? (ts.getModifiers(decl) ?? []) : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword))
      continue;
    add(`Tensor#${p.name}`, isMethod ? 'tensor-method' : 'tensor-property');
  }
  return {
    version: pkgs.version,
    symbols: [...symbols.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { version, symbols } = listSymbols();
  const out = join(root, 'docs/tfjs-api-symbols.json');
  const tmp = `${out}.tmp`;
  writeFileSync(
    tmp,
    `${JSON.stringify({ tfjs: version, generatedBy: 'scripts/tfjs-api-symbols.mjs', symbols }, null, 1)}\n`,
  );
  renameSync(tmp, out);
  const byKind = symbols.reduce((acc, s) => ({ ...acc, [s.kind]: (acc[s.kind] ?? 0) + 1 }), {});
  console.log(`tfjs ${version}: ${symbols.length} symbols ${JSON.stringify(byKind)} → docs/tfjs-api-symbols.json`);
}
