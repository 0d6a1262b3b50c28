import { engine, ready } from '@rectify/tensor';
import { CliError } from './errors.js';

/** The package that provides each non-default backend; loaded only when asked for. */
const PACKAGES: Readonly<Record<string, string>> = { gpu: '@rectify/backend-gpu', wasm: '@rectify/backend-wasm' };

/**
 * Backends whose package is an optional peer dependency of the CLI, not installed with it: @rectify/backend-gpu
 * brings gpu.js and, through it, ~90 MB of WebGPU bindings that the default cpu and wasm backends never use.
 */
const OPTIONAL = new Set(['gpu']);

/** Imports a backend package; tests replace it to simulate a package that is not installed. */
export type PackageLoader = (pkg: string) => Promise<Record<string, unknown>>;

const importPackage: PackageLoader = (pkg) => import(pkg) as Promise<Record<string, unknown>>;

/** Whether `error` says that `pkg` itself is not installed (rather than that it failed while loading). */
function notInstalled(error: unknown, pkg: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${pkg}'`);
}

/**
 * Makes `name` the active backend. The CPU backend is built in; `gpu` and `wasm` come from their packages, which
 * register themselves when imported (or export a `register…` function, which is called). A backend that cannot
 * start is a `CliError` that says why; a package that is not installed, which one to install.
 *
 * @example
 * await useBackend('cpu');
 */
export async function useBackend(name: 'cpu' | 'gpu' | 'wasm', load: PackageLoader = importPackage): Promise<void> {
  if (name !== 'cpu' && !engine.backendNames().includes(name)) {
    const pkg = PACKAGES[name]!;
    let mod: Record<string, unknown>;
    try {
      mod = await load(pkg);
    } catch (error) {
      if (notInstalled(error, pkg)) {
        const what = OPTIONAL.has(name)
          ? 'an optional peer dependency of @rectify/cli (it brings gpu.js) that is not installed'
          : 'which is not installed';
        const instead = OPTIONAL.has(name) ? ', or train with --backend cpu or --backend wasm' : '';
        throw new CliError(`--backend ${name} needs ${pkg}, ${what}: install it with npm install ${pkg}${instead}`);
      }
      throw new CliError(`--backend ${name}: cannot load ${pkg} (${(error as Error).message.split('\n')[0]})`);
    }
    for (const [key, value] of Object.entries(mod)) {
      if (/^register/i.test(key) && typeof value === 'function' && !engine.backendNames().includes(name))
        (value as () => void)();
    }
    if (!engine.backendNames().includes(name)) {
      throw new CliError(
        `--backend ${name}: ${pkg} did not register a backend named '${name}' (registered: ${engine.backendNames().join(', ')})`,
      );
    }
  }
  try {
    await ready(name);
  } catch (error) {
    throw new CliError(`--backend ${name}: the backend failed to start: ${(error as Error).message}`);
  }
}
