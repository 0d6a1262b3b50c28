import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/lstm-sequence-threads.mjs', import.meta.url));

/** Outputs that differ between one and two threads, in a fresh Node process with `flags` and `env`. */
function differing(flags: string[], env: Record<string, string>): string {
  const child = spawnSync(process.execPath, [...flags, script], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    // A barrier that waits forever shows up as this timeout.
    timeout: 60_000,
  });
  expect({ status: child.status, signal: child.signal, stderr: child.stderr }).toEqual({
    status: 0,
    signal: null,
    stderr: '',
  });
  return child.stdout.trim();
}

// The step barrier of the fused LSTM task once went wrong only in V8's baseline code (see src/runtime/imports.ts),
// which a test process leaves after a kernel's first calls: these runs never leave it.
describe('fused lstmSequence on V8 baseline code (Liftoff)', () => {
  const LIFTOFF = ['--liftoff', '--no-wasm-tier-up'];
  it('agrees bit for bit between one and two threads when threads poll at the step barrier', () => {
    expect(differing(LIFTOFF, {})).toBe('0');
    expect(differing(LIFTOFF, {})).toBe('0');
  });

  it('agrees bit for bit when every wait at the barrier sleeps at once', () => {
    expect(differing(LIFTOFF, { RECTIFY_WASM_BARRIER_SPIN: '0' })).toBe('0');
    expect(differing(LIFTOFF, { RECTIFY_WASM_BARRIER_SPIN: '0' })).toBe('0');
  });
});
