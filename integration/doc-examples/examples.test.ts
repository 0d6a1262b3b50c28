// Every `@example` of the public API runs (docs/ARCHITECTURE.md, "Executable docs"). The examples come from TypeDoc's
// model of the packages — the one the API reference is rendered from — and run here, in this process, against the
// workspace sources (vitest resolves `@rectify/*` to them). The rules an example follows are in CONTRIBUTING.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { apiModel } from '../../apps/docs/scripts/api-model.mjs';
import { type DocExample, collectExamples } from './collect.js';
import { SKIP_TAGS } from './compile-example.js';
import { runExample } from './run-example.js';

const examples = collectExamples(await apiModel());
const importer = (spec: string): Promise<unknown> => import(/* @vite-ignore */ spec);

/**
 * Imports as the example's own package would: `@rectify/*` and `node:*` through vitest (the sources), any other
 * package (gpu.js, say) from the package's dependencies.
 */
function importerFor(ex: DocExample): (spec: string) => Promise<unknown> {
  const dir = /^@rectify\/([\w-]+)/.exec(ex.home)![1]!;
  const require = createRequire(new URL(`../../packages/${dir}/package.json`, import.meta.url));
  return (spec) =>
    /^(@rectify\/|node:)/.test(spec) ? importer(spec) : importer(pathToFileURL(require.resolve(spec)).href);
}

/**
 * The names an example sees without importing them: every export of the umbrella, `rf` (the umbrella itself),
 * every export of the entry its symbol is written in (which win over the umbrella's), and the members of the
 * namespaces around the symbol (`huber` for an example of `losses.huber`).
 */
const homes = new Map<string, Promise<Record<string, unknown>>>();
async function prelude(ex: DocExample): Promise<Record<string, unknown>> {
  if (!homes.has(ex.home)) homes.set(ex.home, importer(ex.home) as Promise<Record<string, unknown>>);
  const own = await homes.get(ex.home)!;
  const scope: Record<string, unknown> = { ...rf, rf, ...own };
  let ns: unknown = own;
  for (const name of ex.namespaces) {
    ns = (ns as Record<string, unknown> | undefined)?.[name] ?? (rf as Record<string, unknown>)[name];
    Object.assign(scope, ns);
  }
  return scope;
}

/** Why an example is not run here (`// browser-only: <reason>` as its first line, say), or undefined. */
function skipReason(ex: DocExample): string | undefined {
  const first = ex.code.trimStart().split('\n', 1)[0]!;
  const tag = SKIP_TAGS.find((t) => first.startsWith(t));
  return tag && `${tag.slice(3)} ${first.slice(tag.length).trim()}`;
}

const timings: { name: string; ms: number }[] = [];
let checks = 0;
const skipped = examples.filter(skipReason);

describe('every @example of the public API', () => {
  // Examples that save files write them into a fresh folder, never into the repository.
  const cwd = process.cwd();
  const scratch = mkdtempSync(join(tmpdir(), 'rectify-doc-examples-'));
  beforeAll(() => process.chdir(scratch));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the examples of every library package', () => {
    const packages = new Set(examples.map((e) => e.home.replace(/\/testing$/, '')));
    for (const name of ['tensor', 'autograd', 'activations', 'initializers', 'layers', 'rectify', 'data'])
      expect(packages, name).toContain(`@rectify/${name}`);
    expect(examples.length).toBeGreaterThan(300);
  });

  for (const module of new Set(examples.map((e) => e.module))) {
    const group = examples.filter((e) => e.module === module);
    describe(module, () => {
      for (const ex of group) {
        const name = `${ex.symbol || '(module)'} #${ex.index} — ${ex.source}`;
        const reason = skipReason(ex);
        if (reason) {
          it.skip(`${name} (${reason})`, () => {});
          continue;
        }
        it(name, async () => {
          const backend = rf.getBackend();
          const variables = new Set(rf.liveVariables());
          const t0 = performance.now();
          try {
            checks += (await runExample(ex.code, await prelude(ex), importerFor(ex))).checks;
          } catch (err) {
            const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
            throw new Error(
              `${ex.module} › ${ex.symbol}, example ${ex.index} (${ex.source}):\n  ${message}\n--- the example ---\n${ex.code}`,
              { cause: err },
            );
          } finally {
            timings.push({ name, ms: performance.now() - t0 });
            if (rf.getBackend() !== backend) rf.setBackend(backend);
            // Examples are independent: variables they made (a model's weights) do not reach the next one.
            for (const v of [...rf.liveVariables()]) if (!variables.has(v)) v.dispose();
          }
        });
      }
    });
  }

  afterAll(() => {
    const slowest = timings
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((t) => `  ${t.ms.toFixed(0).padStart(6)} ms  ${t.name}`);
    console.log(
      [
        `doc examples: ${examples.length} found, ${timings.length} run, ${checks} '// →' outputs checked, ` +
          `${skipped.length} skipped:`,
        ...skipped.map((e) => `  ${e.module} › ${e.symbol} (${e.source}): ${skipReason(e)}`),
        'slowest:',
        ...slowest,
      ].join('\n'),
    );
  });
});
