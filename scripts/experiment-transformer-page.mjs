#!/usr/bin/env node
// Renders apps/docs/content/data/transformer/results.json (written by `pnpm experiment:transformer`) into the
// results section of the docs page transformer-activations.md, between its two marker comments. Run by the
// experiment at its end; run it alone to re-render the page from the committed data.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(root, 'apps/docs/content/data/transformer');
const PAGE = join(root, 'apps/docs/content/transformer-activations.md');
const START = '<!-- results:start (written by scripts/experiment-transformer-page.mjs) -->';
const END = '<!-- results:end -->';

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v) => (v.length < 2 ? 0 : Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1)));
const pm = (v, digits = 3) => `${mean(v).toFixed(digits)} ± ${std(v).toFixed(digits)}`;

export function renderResults() {
  const r = JSON.parse(readFileSync(join(DATA, 'results.json'), 'utf8'));
  const svg = readFileSync(join(DATA, 'compare.svg'), 'utf8');
  const rows = r.rows.map((row) =>
    [
      row.activation,
      pm(row.metric),
      pm(row.testBitsPerCharacter),
      row.secondsPerEpoch.toFixed(1),
      `${(100 * row.fractionActive).toFixed(1)} %`,
      `${row.deadUnits.toFixed(1)} / ${row.hiddenUnits}`,
    ].join(' | '),
  );
  return [
    START,
    '',
    `Produced on ${r.date.slice(0, 10)} by \`pnpm experiment:transformer --size ${r.size}\` (${r.minutes.toFixed(0)} min on a`,
    `${r.cpus}-core machine shared with other jobs), which ran:`,
    '',
    '```sh',
    r.command,
    '```',
    '',
    `| activation | validation bits/char (mean ± std, ${r.rows[0].seeds} seeds) | held-out test bits/char | s / epoch | FFN active | FFN dead units |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    '<div class="rf-figure">',
    svg.trim(),
    '</div>',
    '',
    END,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = readFileSync(PAGE, 'utf8');
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  if (a === -1 || b === -1) throw new Error(`experiment:transformer: ${PAGE} lacks the results markers`);
  writeFileSync(`${PAGE}.tmp`, page.slice(0, a) + renderResults() + page.slice(b + END.length));
  renameSync(`${PAGE}.tmp`, PAGE);
  console.log(`rendered the results into ${PAGE}`);
}
