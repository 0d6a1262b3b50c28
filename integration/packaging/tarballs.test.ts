import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PackedPackage,
  WORKSPACE_ROOT,
  packWorkspace,
  publishablePackages,
} from '../../scripts/pack-workspace.mjs';

/**
 * Packaging truth: every publishable package is packed with `pnpm pack` and the tarballs are installed with npm
 * into a scratch project outside the workspace (os.tmpdir()), as a user would install them from the registry. No
 * workspace link, alias or source path can help here: what passes is what npm users get.
 */
const run = promisify(execFile);
const TSC = join(WORKSPACE_ROOT, 'node_modules/typescript/bin/tsc');

let root = '';
let app = '';
let packed: PackedPackage[] = [];
const installedManifest = new Map<string, { exports?: Record<string, Conditions> }>();

/** Runs a command in the scratch project; resolves to its exit code and output instead of throwing. */
async function inApp(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, {
      cwd: app,
      maxBuffer: 16 * 2 ** 20,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** Every `exports` subpath of a package as an import specifier: '@rectify/tensor', '@rectify/tensor/testing'. */
function specifiers(p: PackedPackage): string[] {
  return exportsOf(p).map(([sub]) => (sub === '.' ? p.name : `${p.name}/${sub.slice(2)}`));
}

/** The `exports` map of a package as npm installed it. */
function exportsOf(p: PackedPackage): [string, Conditions][] {
  return Object.entries(installedManifest.get(p.name)?.exports ?? {});
}

type Conditions = string | { [condition: string]: Conditions };

/** Every file an export entry can resolve to, through nested conditions. */
function targetsOf(entry: Conditions): string[] {
  return typeof entry === 'string' ? [entry] : Object.values(entry).flatMap(targetsOf);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rectify-tarballs-'));
  app = join(root, 'app');
  await mkdir(join(root, 'tarballs'));
  await mkdir(app);
  packed = await packWorkspace(join(root, 'tarballs'));
  // Every package is a direct dependency, so npm satisfies the packages' own ^0.1.0 ranges on each other with these
  // tarballs instead of asking the registry; third-party dependencies come from the registry (or npm's cache).
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies }, null, 2),
  );
  // --ignore-scripts: gpu.js's optional native `gl` build would only fail slowly on a machine without a compiler.
  const install = await inApp('npm', [
    'install',
    '--prefer-offline',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ]);
  if (install.code !== 0) throw new Error(`npm install of the tarballs failed:\n${install.out}`);
  for (const p of packed)
    installedManifest.set(
      p.name,
      JSON.parse(await readFile(join(app, 'node_modules', p.name, 'package.json'), 'utf8')),
    );
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the packed tarballs, installed with npm outside the workspace', () => {
  it('packs every publishable package; each holds its export targets and README, and no build leftovers', () => {
    const names = packed.map((p) => p.name).sort();
    expect(names).toEqual(
      publishablePackages()
        .map((p) => p.name)
        .sort(),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        '@rectify/activations',
        '@rectify/autograd',
        '@rectify/backend-gpu',
        '@rectify/backend-wasm',
        '@rectify/cli',
        '@rectify/initializers',
        '@rectify/interop',
        '@rectify/layers',
        '@rectify/rectify',
        '@rectify/tensor',
      ]),
    );
    for (const p of packed) {
      const targets = exportsOf(p)
        .flatMap(([, conditions]) => targetsOf(conditions))
        .map((t) => t.replace(/^\.\//, ''));
      expect({ name: p.name, missing: targets.filter((t) => !p.files.includes(t)) }).toEqual({
        name: p.name,
        missing: [],
      });
      expect({ name: p.name, readme: p.files.includes('README.md') }).toEqual({ name: p.name, readme: true });
      expect({ name: p.name, leftovers: p.files.filter((f) => /\.tsbuildinfo$|\.test\.|^src\//.test(f)) }).toEqual({
        name: p.name,
        leftovers: [],
      });
    }
    console.log(`packed: ${packed.map((p) => `${p.name} ${(p.bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
  });

  it('installed the workspace packages from the tarballs, once each (no registry copy, no nested duplicate)', async () => {
    const { code, out } = await inApp('npm', ['ls', '--all', '--json']);
    expect(code).toBe(0);
    const tree = JSON.parse(out) as {
      dependencies: Record<string, { resolved?: string; dependencies?: Record<string, unknown> }>;
    };
    for (const p of packed) expect(tree.dependencies[p.name]?.resolved).toBe(`file:${p.tarball}`);
    const nested = out.match(/"resolved": "https:\/\/registry[^"]*@rectify[^"]*"/g) ?? [];
    expect(nested).toEqual([]);
  });

  it('source maps carry their sources (sourcesContent), and no declaration map points at missing .ts files', async () => {
    let maps = 0;
    for (const p of packed) {
      expect({ name: p.name, declarationMaps: p.files.filter((f) => f.endsWith('.d.ts.map')) }).toEqual({
        name: p.name,
        declarationMaps: [],
      });
      for (const file of p.files.filter((f) => f.endsWith('.js.map'))) {
        const map = JSON.parse(await readFile(join(app, 'node_modules', p.name, file), 'utf8')) as {
          sources: string[];
          sourcesContent?: unknown[];
        };
        const embedded = map.sourcesContent?.filter((s) => typeof s === 'string' && s.length > 0).length ?? 0;
        expect({ file: `${p.name}/${file}`, sources: map.sources.length, embedded }).toEqual({
          file: `${p.name}/${file}`,
          sources: map.sources.length,
          embedded: map.sources.length,
        });
        maps++;
      }
    }
    expect(maps).toBeGreaterThan(100);
  });

  it('Node ESM: every package imports by name, and the umbrella trains (the loss falls)', async () => {
    const imports = packed.filter((p) => p.name !== '@rectify/cli').flatMap(specifiers);
    const script = `
      ${imports.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}
      import * as rf from '@rectify/rectify';
      const counts = [${imports.map((_, i) => `Object.keys(m${i}).length`).join(', ')}];
      rf.setSeed(3);
      const model = rf.sequential([rf.layers.dense({ units: 8, activation: 'relu', inputShape: [2] }), rf.layers.dense({ units: 1 })]);
      model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.05 }), loss: 'mse' });
      const x = rf.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
      const y = rf.tensor([[0], [1], [1], [0]]);
      const before = model.evaluate(x, y, { returnDict: true }).loss;
      for (let i = 0; i < 5; i++) await model.trainOnBatch(x, y);
      console.log(JSON.stringify({ counts, before, after: model.evaluate(x, y, { returnDict: true }).loss }));`;
    await writeFile(join(app, 'esm.mjs'), script);
    const { code, out } = await inApp('node', ['esm.mjs']);
    expect({ code, out: code === 0 ? '' : out }).toEqual({ code: 0, out: '' });
    const report = JSON.parse(out) as { counts: number[]; before: number; after: number };
    expect(report.counts.every((n) => n > 0)).toBe(true);
    expect(Number.isFinite(report.before)).toBe(true);
    expect(report.after).toBeLessThan(report.before);
  });

  it('the CLI runs from its tarball (`rectify --help`)', async () => {
    const { code, out } = await inApp('node', [join(app, 'node_modules/.bin/rectify'), '--help']);
    expect({ code, usage: /Usage: rectify/.test(out) }).toEqual({ code: 0, usage: true });
  });

  it('TypeScript type-checks the library packages under moduleResolution nodenext and bundler, without @types/node', async () => {
    const libraries = packed.filter((p) => p.name !== '@rectify/cli').flatMap(specifiers);
    const source = `${libraries.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}
import * as rf from '@rectify/rectify';
const t: rf.Tensor = rf.tensor([1, 2, 3]);
const model = rf.sequential([rf.layers.dense({ units: 1, inputShape: [3] })]);
const params: number = model.countParams();
// @ts-expect-error -- the types are real: a wrong option is an error, not 'any'.
rf.layers.dense({ unitz: 1 });
export const used = [t, params, ${libraries.map((_, i) => `m${i}`).join(', ')}];
`;
    await writeFile(join(app, 'check.ts'), source);
    const configs = { nodenext: 'nodenext', bundler: 'esnext' } as const;
    const results = await Promise.all(
      Object.entries(configs).map(async ([resolution, module]) => {
        const compilerOptions = {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module,
          moduleResolution: resolution,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        };
        await writeFile(
          join(app, `tsconfig.${resolution}.json`),
          JSON.stringify({ compilerOptions, files: ['check.ts'] }),
        );
        return { resolution, ...(await inApp('node', [TSC, '-p', `tsconfig.${resolution}.json`])) };
      }),
    );
    expect(results).toEqual([
      { resolution: 'nodenext', code: 0, out: '' },
      { resolution: 'bundler', code: 0, out: '' },
    ]);
  });

  it('require() of every package and subpath fails, saying the packages are ESM-only and showing the import line', async () => {
    const all = packed.flatMap(specifiers);
    const script = `const out = {};
for (const s of ${JSON.stringify(all)}) {
  try { require(s); out[s] = 'loaded'; } catch (e) { out[s] = { code: e.code, message: e.message }; }
}
console.log(JSON.stringify(out));`;
    await writeFile(join(app, 'require.cjs'), script);
    const { code, out } = await inApp('node', ['require.cjs']);
    expect(code).toBe(0);
    const results = JSON.parse(out) as Record<string, { code: string; message: string }>;
    for (const s of all) {
      const name = s.split('/').slice(0, 2).join('/');
      const r = results[s]!;
      expect({
        s,
        code: r.code,
        esmOnly: r.message.includes(`${name} is ESM-only`),
        importLine: new RegExp(`import \\* as \\w+ from '${name}';`).test(r.message),
      }).toEqual({ s, code: 'ERR_REQUIRE_ESM', esmOnly: true, importLine: true });
    }
    expect(results['@rectify/rectify']!.message).toContain("import * as rf from '@rectify/rectify';");
  });
});
