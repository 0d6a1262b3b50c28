import { engine, ready } from '@rectify/tensor';
import { CliError } from './errors.js';

/** The package that provides each non-default backend; loaded only when asked for. */
const PACKAGES: Readonly<Record<string, string>> = { gpu: '@rectify/backend-gpu', wasm: '@rectify/backend-wasm' };

/**
 * Makes `name` the active backend. The CPU backend is built in; `gpu` and `wasm` come from their packages, which
 * register themselves when imported (or export a `register…` function, which is called). A backend that cannot
 * start is a `CliError` that says why.
 *
 * @example
 * await useBackend('cpu');
 */
export async function useBackend(name: 'cpu' | 'gpu' | 'wasm'): Promise<void> {
  if (name !== 'cpu' && !engine.backendNames().includes(name)) {
    const pkg = PACKAGES[name]!;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pkg)) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`--backend ${name}: cannot load ${pkg} (${(error as Error).message.split('\n')[0]})`);
    }
    for (const [key, value] of Object.entries(mod)) {
      if (/^register/i.test(key) && typeof value === 'function' && !engine.backendNames().includes(name)) (value as () => void)();
    }
    if (!engine.backendNames().includes(name)) {
      throw new CliError(`--backend ${name}: ${pkg} did not register a backend named '${name}' (registered: ${engine.backendNames().join(', ')})`);
    }
  }
  try {
    await ready(name);
  } catch (error) {
    throw new CliError(`--backend ${name}: the backend failed to start: ${(error as Error).message}`);
  }
}
