import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The browser entry (what bundlers resolve) must reach no `node:` module; Node code sits behind the `node` export
 * condition. Walks the static and dynamic imports of the sources from each entry; `import type` is erased from the
 * JavaScript, so it does not count (op-codes.ts types its kernel table by @rectify/activations' names).
 */
const src = new URL('../src/', import.meta.url);

function externalImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8');
    for (const m of code.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    )) {
      if (/^\s*import\s+type\s/.test(m[0])) continue;
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.')) visit(new URL(spec.replace(/\.js$/, '.ts'), url));
      else external.add(spec);
    }
  };
  visit(new URL(entry, src));
  return external;
}

describe('package entries', () => {
  it('the browser entry imports only @rectify/tensor, no node: module', () => {
    expect([...externalImports('index.ts')]).toEqual(['@rectify/tensor']);
  });

  it('the node entry is where worker_threads and fs come in (so the walk above can see them)', () => {
    expect([...externalImports('node.ts')].filter((s) => s.startsWith('node:')).sort()).toEqual([
      'node:fs',
      'node:os',
      'node:url',
      'node:v8',
      'node:worker_threads',
    ]);
  });

  it('the browser worker reaches no node: module either; the Node worker is a separate file', () => {
    expect([...externalImports('threads/worker.ts')]).toEqual([]);
    expect([...externalImports('threads/node-worker.ts')]).toEqual(['node:worker_threads']);
  });

  it('package.json sends Node to dist/node.js and everything else (bundlers, browsers) to dist/index.js; require() to the ESM-only message', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['.']).toEqual({
      types: './dist/index.d.ts',
      require: './dist/esm-only.cjs',
      node: './dist/node.js',
      import: './dist/index.js',
    });
    // Conditions match in key order: `require` must come before `node`, or require() in Node would load dist/node.js.
    expect(Object.keys(pkg.exports['.'])).toEqual(['types', 'require', 'node', 'import']);
    expect(pkg.sideEffects).toEqual(['./dist/index.js', './dist/node.js']);
  });
});
