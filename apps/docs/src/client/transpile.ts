import type { ExampleRun } from '../example-api.js';
import type { FrameworkModules } from './framework.js';

/** An example as the page runs it: its `run` export. */
export interface ExampleModule {
  readonly run: ExampleRun;
}

/**
 * Turns edited example source into a runnable module in the page: sucrase (loaded on first edit) strips the types
 * and rewrites `import … from '@rectify/rectify'` into lookups of the already loaded framework; `import type` lines vanish.
 * Syntax errors come back as exceptions with a line and column, shown under the editor.
 * @example (await evaluateExample(editor.value, await loadFramework())).run(ctx)
 */
export async function evaluateExample(source: string, modules: FrameworkModules): Promise<ExampleModule> {
  const { transform } = await import('sucrase');
  const { code } = transform(source, {
    transforms: ['typescript', 'imports'],
    filePath: 'example.ts',
    production: true,
  });
  const exports: Record<string, unknown> = {};
  const require = (id: string): unknown => {
    const mod = modules[id];
    if (!mod)
      throw new Error(
        `import '${id}' is not available in the page; examples can import ${Object.keys(modules)
          .map((m) => `'${m}'`)
          .join(', ')}`,
      );
    return mod;
  };
  // The edited code is the reader's own, run in their own page: the same trust as the browser console.
  new Function('exports', 'require', 'module', code)(exports, require, { exports });
  if (typeof exports['run'] !== 'function') {
    throw new Error(
      'the example must export a function run(ctx), e.g. `export async function run(ctx: ExampleContext) { … }`',
    );
  }
  return exports as unknown as ExampleModule;
}
