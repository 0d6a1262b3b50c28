import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend, setBackend } from '@rectify/tensor';
import { useBackend } from '../src/backend.js';

/**
 * @rectify/backend-gpu (gpu.js and ~90 MB of WebGPU bindings) is an optional peer dependency: the CLI installs
 * without it and loads it only for --backend gpu. Absence is simulated with the loader useBackend takes.
 */

/** The error Node itself raises for `import(pkg)` where pkg is not installed (taken from a real run, not written by hand). */
function nodeNotFoundError(pkg: string): Error {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-cli-absent-'));
  const script = `import(${JSON.stringify(pkg)}).catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  const { code, message } = JSON.parse(out.stdout) as { code: string; message: string };
  return Object.assign(new Error(message), { code });
}

const failWith = (error: Error) => async () => {
  throw error;
};

describe('optional backend packages', () => {
  it('names the package to install when @rectify/backend-gpu is absent', async () => {
    const absent = nodeNotFoundError('@rectify/backend-gpu');
    expect(absent).toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    await expect(useBackend('gpu', failWith(absent))).rejects.toThrow(
      '--backend gpu needs @rectify/backend-gpu, an optional peer dependency of @rectify/cli (it brings gpu.js) that is not ' +
        'installed: install it with npm install @rectify/backend-gpu, or train with --backend cpu or --backend wasm',
    );
  });

  it('tells a package that fails while loading (here: its own dependency missing) from one that is absent', async () => {
    const inner = nodeNotFoundError('gpu.js');
    await expect(useBackend('gpu', failWith(inner))).rejects.toThrow(
      `--backend gpu: cannot load @rectify/backend-gpu (${inner.message.split('\n')[0]})`,
    );
  });

  it('says which package to reinstall when the wasm backend, a regular dependency, is missing', async () => {
    await expect(useBackend('wasm', failWith(nodeNotFoundError('@rectify/backend-wasm')))).rejects.toThrow(
      '--backend wasm needs @rectify/backend-wasm, which is not installed: install it with npm install @rectify/backend-wasm',
    );
  });

  it('loads @rectify/backend-gpu where it is installed (here, as the workspace dev dependency) and makes it active', async () => {
    await useBackend('gpu');
    expect(getBackend()).toBe('gpu');
    setBackend('cpu');
  });

  it('never loads a backend package for cpu', async () => {
    await expect(useBackend('cpu', failWith(new Error('must not be called')))).resolves.toBeUndefined();
  });

  it('declares @rectify/backend-gpu as an optional peer (a dev dependency here), not a dependency', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies['@rectify/backend-gpu']).toBeUndefined();
    expect(pkg.peerDependenciesMeta['@rectify/backend-gpu']).toEqual({ optional: true });
    expect(pkg.peerDependencies['@rectify/backend-gpu']).toBe('workspace:^');
    expect(pkg.devDependencies['@rectify/backend-gpu']).toBe('workspace:^');
  });
});
