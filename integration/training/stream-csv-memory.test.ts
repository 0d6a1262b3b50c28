import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// A CSV about three times larger than the whole V8 heap of the training process (old space 16 MiB, young space
// 2 × 1 MiB: heap_size_limit 19 MiB) is streamed through rf.data.csv into model.fitDataset for one epoch. The
// process would die reading the file whole; streaming, its peak RSS stays near the bare Node baseline.
const HEAP_FLAGS = ['--max-old-space-size=16', '--max-semi-space-size=1'];
const FILE_MIB = 56;
const script = fileURLToPath(new URL('./stream-csv-train.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rf-stream-csv-'));
const file = join(dir, 'big.csv');

/** 32 features and a label that a linear boundary separates; 997 distinct rows repeated to the size asked. */
function writeCsv(path: string, mib: number): number {
  const pool: string[] = [];
  for (let i = 0; i < 997; i++) {
    let s = 0;
    const v: string[] = [];
    for (let j = 0; j < 32; j++) {
      const x = Math.sin(i * 12.9898 + j * 78.233) * 2;
      v.push(x.toFixed(4));
      s += x * ((j % 3) - 1);
    }
    pool.push(`${v.join(',')},${s > 0 ? 1 : 0}\n`);
  }
  const block = pool.join('');
  const fd = openSync(path, 'w');
  writeSync(fd, `${Array.from({ length: 32 }, (_, j) => `x${j}`).join(',')},y\n`);
  let rows = 0;
  for (let bytes = 0; bytes < mib * 2 ** 20; bytes += block.length, rows += pool.length) writeSync(fd, block);
  closeSync(fd);
  return rows;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rf.data.csv → fitDataset under a capped heap', () => {
  it('trains one epoch on a CSV three times the heap with bounded memory', () => {
    const rows = writeCsv(file, FILE_MIB);
    const run = spawnSync(process.execPath, [...HEAP_FLAGS, script, file], { encoding: 'utf8', timeout: 170_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!);
    const fileMiB = statSync(file).size / 2 ** 20;
    console.log(
      `streamed ${fileMiB.toFixed(0)} MiB (${rows} rows) in ${r.seconds.toFixed(1)} s; heap limit ${r.heapLimitMiB} MiB; peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
    );
    expect(fileMiB / r.heapLimitMiB).toBeGreaterThan(2.5);
    expect(r.rows).toBe(rows);
    expect(r.batches).toBe(Math.ceil(rows / 1024));
    expect(r.accuracy).toBeGreaterThan(0.9); // it learned, from data it never held whole
    expect(r.liveTensors).toBeLessThan(20); // the model's weights and optimizer slots, no batches left behind
    expect(r.peakRssMiB).toBeLessThan(fileMiB * 1.5);
  }, 180_000);

  it('the same process cannot read the file whole (so the test above proves streaming)', () => {
    const run = spawnSync(
      process.execPath,
      [
        ...HEAP_FLAGS,
        '-e',
        `require('fs').readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n').map((l) => l.split(',').map(Number))`,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/heap out of memory|Invalid string length|Reached heap limit/);
  }, 70_000);
});
