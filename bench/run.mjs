// `pnpm bench [filter]`: runs every suite in bench/suites (alphabetical), or those whose file name contains
// `filter`. Each suite exports `default async function (lib)` and prints its own tables.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as lib from './lib.mjs';

const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const filter = process.argv[2] ?? '';
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f.includes(filter))
  .sort();
console.log(`# Rectify benchmarks — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${lib.machine()}`);
for (const file of suites) {
  const suite = await import(pathToFileURL(dir + file).href);
  await suite.default(lib);
}
