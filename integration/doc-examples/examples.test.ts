// Every `@example` of the public API runs (docs/ARCHITECTURE.md, "Executable docs"). The examples come from TypeDoc's
// model of the packages — the one the API reference is rendered from — and run here, in this process, against the
// workspace sources (vitest resolves `@rectify/*` to them). The rules an example follows are in CONTRIBUTING.md.
import { afterAll, describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { apiModel } from '../../apps/docs/scripts/api-model.mjs';
import { type DocExample, collectExamples } from './collect.js';
import { BROWSER_ONLY } from './compile-example.js';
import { runExample } from './run-example.js';

const examples = collectExamples(await apiModel());
const importer = (spec: string): Promise<unknown> => import(/* @vite-ignore */ spec);

/**
 * The names an example sees without importing them: every export of the umbrella, `rf` (the umbrella itself), and
 * every export of the entry its symbol is written in (which win over the umbrella's).
 */
const preludes = new Map<string, Promise<Record<string, unknown>>>();
function prelude(home: string): Promise<Record<string, unknown>> {
  if (!preludes.has(home))
    preludes.set(
      home,
      importer(home).then((own) => ({ ...rf, rf, ...(own as Record<string, unknown>) })),
    );
  return preludes.get(home)!;
}

/** `// browser-only: <reason>` as the first line of an example skips it, with the reason. */
function browserOnly(ex: DocExample): string | undefined {
  const first = ex.code.trimStart().split('\n', 1)[0]!;
  return first.startsWith(BROWSER_ONLY) ? first.slice(BROWSER_ONLY.length).trim() : undefined;
}

const timings: { name: string; ms: number }[] = [];
let checks = 0;
const skipped = examples.filter(browserOnly);

describe('every @example of the public API', () => {
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
        const reason = browserOnly(ex);
        if (reason) {
          it.skip(`${name} (browser-only: ${reason})`, () => {});
          continue;
        }
        it(name, async () => {
          const backend = rf.getBackend();
          const t0 = performance.now();
          try {
            checks += (await runExample(ex.code, await prelude(ex.home), importer)).checks;
          } catch (err) {
            const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
            throw new Error(
              `${ex.module} › ${ex.symbol}, example ${ex.index} (${ex.source}):\n  ${message}\n--- the example ---\n${ex.code}`,
              { cause: err },
            );
          } finally {
            timings.push({ name, ms: performance.now() - t0 });
            if (rf.getBackend() !== backend) rf.setBackend(backend);
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
          `${skipped.length} skipped as browser-only:`,
        ...skipped.map((e) => `  ${e.module} › ${e.symbol} (${e.source}): ${browserOnly(e)}`),
        'slowest:',
        ...slowest,
      ].join('\n'),
    );
  });
});
