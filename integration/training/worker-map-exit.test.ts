import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./worker-map-exit.mjs', import.meta.url));

describe('rf.data map on worker threads', () => {
  it('a program that stops reading an endless worker-mapped dataset exits: no worker is left holding it', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.error).toBeUndefined(); // ETIMEDOUT here would mean a live worker kept Node running
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ taken: [0, 2, 4, 6], first: [0, 2] });
  });
});
