import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

const PREFIX = '\0rf-node-shim:';

/**
 * The `@rectify/rectify` umbrella imports node:fs, node:path and node:crypto for `save`/`loadModel`. In the page those
 * modules do not exist; this plugin gives each one a stand-in whose every export throws a clear error when called
 * (the examples never save to disk in the browser), instead of vite's empty stub that breaks named imports.
 * @example defineConfig({ plugins: [nodeShims()] })
 */
export function nodeShims(): Plugin {
  return {
    name: 'rectify-docs:node-shims',
    enforce: 'pre',
    applyToEnvironment: (env) => env.config.consumer === 'client',
    resolveId(id) {
      const bare = id.startsWith('node:') ? id.slice(5) : id;
      if (!builtinModules.includes(bare)) return null;
      return `${PREFIX}${bare}`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const real = (await import(`node:${name}`)) as Record<string, unknown>;
      const names = Object.keys(real).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      const fail = `(...args) => { throw new Error("node:${name} is not available in the browser: this function needs Node (for example rf.loadModel and model.save read and write files)"); }`;
      return [
        `const unavailable = ${fail};`,
        ...names.map((k) => `export const ${k} = unavailable;`),
        `export default new Proxy({}, { get: () => unavailable });`,
      ].join('\n');
    },
  };
}
