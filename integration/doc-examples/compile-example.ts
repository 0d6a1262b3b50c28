import ts from 'typescript';

/**
 * What an example may say about itself on its first line to be skipped here, with the reason after the colon:
 * `// browser-only: <reason>` (it needs a DOM, IndexedDB, a canvas…), `// test-file-only: <reason>` (it declares
 * tests). Keep these few: the test prints them all.
 */
export const SKIP_TAGS = ['// browser-only:', '// test-file-only:'] as const;
/** The output marker: `expr // → value` (or `const x = expr; // → value`) checks the value. */
export const ARROW = '// →';

/** An example turned into the body of an async function of `(__import, __check, ...prelude names)`. */
export interface CompiledExample {
  readonly body: string;
  /** How many `// →` outputs it checks. */
  readonly checks: number;
}

/** Thrown for an example that cannot be compiled (bad syntax, an output comment in the wrong place). */
export class ExampleSyntaxError extends Error {
  override name = 'ExampleSyntaxError';
}

const printer = (node: ts.Node, sf: ts.SourceFile) => node.getText(sf);

/** `import {a, b as c} from 'x'` → `const { a, b: c } = await __import('x');` (type-only parts dropped). */
function rewriteImport(node: ts.ImportDeclaration, sf: ts.SourceFile, n: number): string {
  const spec = (node.moduleSpecifier as ts.StringLiteral).text;
  const clause = node.importClause;
  if (!clause) return `await __import(${JSON.stringify(spec)});`;
  if (clause.isTypeOnly) return '';
  const mod = `__module${n}`;
  const lines = [`const ${mod} = await __import(${JSON.stringify(spec)});`];
  if (clause.name) lines.push(`const ${clause.name.text} = ${mod}.default;`);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) lines.push(`const ${bindings.name.text} = ${mod};`);
  if (bindings && ts.isNamedImports(bindings)) {
    const names = bindings.elements
      .filter((e) => !e.isTypeOnly)
      .map((e) => (e.propertyName ? `${printer(e.propertyName, sf)}: ${e.name.text}` : e.name.text));
    if (names.length) lines.push(`const { ${names.join(', ')} } = ${mod};`);
  }
  return lines.join(' ');
}

/** The `// → value` comment right after `node` on its last line, if any. */
function outputComment(code: string, node: ts.Node): { text: string; pos: number } | undefined {
  for (const c of ts.getTrailingCommentRanges(code, node.end) ?? []) {
    const text = code.slice(c.pos, c.end);
    if (text.startsWith(ARROW)) return { text: text.slice(ARROW.length).trim(), pos: c.pos };
  }
  return undefined;
}

/** A `// →` value must be a JavaScript expression: a literal, an array, an object, `NaN`, `-Infinity`… */
function checkValueSyntax(value: string, line: number): void {
  try {
    new Function(`return (${value});`);
  } catch {
    throw new ExampleSyntaxError(`line ${line}: the output '${ARROW} ${value}' is not a JavaScript value`);
  }
}

/**
 * Compiles one `@example` (TypeScript) for `runExample`: imports become `await __import(…)` (the test resolves
 * `@rectify/*` to the workspace sources), each top-level statement followed by `// → value` is checked with
 * `__check(actual, () => (value), 'value', line)`, and types are stripped. Everything runs inside a block, so the
 * example may declare names the prelude already has.
 */
export function compileExample(code: string): CompiledExample {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const handled = new Set<number>();
  let imports = 0;
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      edits.push({ start: stmt.getStart(sf), end: stmt.end, text: rewriteImport(stmt, sf, imports++) });
      continue;
    }
    const out = outputComment(code, stmt);
    if (!out) continue;
    const line = lineOf(out.pos);
    checkValueSyntax(out.text, line);
    handled.add(out.pos);
    const checkArgs = `() => (${out.text}), ${JSON.stringify(out.text)}, ${line});`;
    if (ts.isExpressionStatement(stmt)) {
      // Wrapped in place (not re-printed), so that edits inside the expression still apply.
      edits.push({ start: stmt.expression.getStart(sf), end: stmt.expression.getStart(sf), text: '__check((' });
      edits.push({ start: stmt.expression.end, end: stmt.end, text: `), ${checkArgs}` });
    } else if (
      ts.isVariableStatement(stmt) &&
      stmt.declarationList.declarations.length === 1 &&
      ts.isIdentifier(stmt.declarationList.declarations[0]!.name)
    ) {
      const name = stmt.declarationList.declarations[0]!.name.text;
      edits.push({ start: stmt.end, end: stmt.end, text: ` __check(${name}, ${checkArgs}` });
    } else {
      throw new ExampleSyntaxError(
        `line ${line}: '${ARROW}' must follow an expression or a \`const name = …\` statement`,
      );
    }
  }
  // `await import('x')` goes through the same resolver as the static imports.
  const dynamicImports = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      edits.push({ start: node.expression.getStart(sf), end: node.expression.end, text: '__import' });
    ts.forEachChild(node, dynamicImports);
  };
  dynamicImports(sf);
  // An output comment anywhere else (inside a block, after a multi-declaration) would be a claim nobody checks.
  for (let at = code.indexOf(ARROW); at >= 0; at = code.indexOf(ARROW, at + 1))
    if (!handled.has(at))
      throw new ExampleSyntaxError(
        `line ${lineOf(at)}: '${ARROW}' must end a top-level statement (an expression or a \`const name = …\`)`,
      );
  let edited = code;
  // Last first; at one position, a replacement before an insertion, so that the insertion ends up in front.
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end))
    edited = edited.slice(0, e.start) + e.text + edited.slice(e.end);
  const { outputText, diagnostics } = ts.transpileModule(edited, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
  });
  const error = diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const where = error.start === undefined ? '' : `line ${lineOf(Math.min(error.start, code.length))}: `;
    throw new ExampleSyntaxError(`${where}${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  }
  return { body: `'use strict';\n{\n${outputText}\n}`, checks: handled.size };
}
