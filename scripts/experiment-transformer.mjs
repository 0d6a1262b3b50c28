#!/usr/bin/env node
// `pnpm experiment:transformer [--size full|small] [--out dir]`: GELU vs Swish vs ReLU (and GEGLU) in a small causal
// character transformer on Moby-Dick, trained with `rectify compare --model gpt` on the wasm backend. Writes the
// comparison (JSON with the exact command, held-out bits per character per run, and the SVG plot) into
// apps/docs/content/data/transformer/, which the docs page "GELU, Swish and ReLU in a transformer" shows.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};

/**
 * The sizes, both over the whole training text (about 16,900 windows of 64 characters, 530 steps an epoch):
 * `full` is 4 blocks, d 128, 4 heads, one epoch (about 9 minutes a run on 2 quiet cores, 12 runs);
 * `small` is 2 blocks, d 64, 2 heads, two epochs (about 4 minutes a run).
 */
const SIZES = {
  full: ['--hidden', '512,512,512,512', '--epochs', '1', '--seeds', '3', '--lr', '0.002'],
  small: ['--hidden', '256,256', '--epochs', '2', '--seeds', '3', '--lr', '0.003'],
};
const size = arg('size', 'full');
if (!(size in SIZES)) throw new Error(`experiment:transformer: --size must be full or small, received ${size}`);
const out = arg('out', join(root, 'runs', `transformer-${size}`));
const activations = arg('activations', 'relu,gelu,swish,geglu');
const args = [
  'compare',
  '--model',
  'gpt',
  '--dataset',
  'moby-dick',
  '--seq-len',
  '64',
  '--batch-size',
  '32',
  '--backend',
  'wasm',
  '--activations',
  activations,
  ...SIZES[size],
  '--out',
  out,
];
const command = `rectify ${args.filter((a) => a !== out && a !== '--out').join(' ')}`;
console.log(`$ ${command}`);
const started = Date.now();
const run = spawnSync(process.execPath, [join(root, 'apps/cli/dist/bin.js'), ...args], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

const rows = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
const seeds = Number(SIZES[size][SIZES[size].indexOf('--seeds') + 1]);
for (const row of rows) {
  row.testBitsPerCharacter = Array.from({ length: seeds }, (_, s) => {
    const test = JSON.parse(readFileSync(join(out, `${row.activation}-seed${42 + s}`, 'test.json'), 'utf8'));
    return test.bitsPerCharacter;
  });
}
const data = join(root, 'apps/docs/content/data/transformer');
mkdirSync(data, { recursive: true });
const result = {
  command,
  size,
  minutes: (Date.now() - started) / 60000,
  date: new Date().toISOString(),
  cpus: (await import('node:os')).cpus().length,
  rows,
};
writeFileSync(join(data, 'results.json.tmp'), `${JSON.stringify(result, null, 1)}\n`);
renameSync(join(data, 'results.json.tmp'), join(data, 'results.json'));
copyFileSync(join(out, 'compare.svg'), join(data, 'compare.svg'));
console.log(`wrote ${join(data, 'results.json')} and compare.svg (${result.minutes.toFixed(1)} min)`);
spawnSync(process.execPath, [join(root, 'scripts/experiment-transformer-page.mjs')], { stdio: 'inherit' });
