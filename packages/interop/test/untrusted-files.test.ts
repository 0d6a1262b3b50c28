import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValueError } from '@rectify/tensor';
import { dense } from '@rectify/layers';
import { loadSafetensors, loadWeightsSafetensors, scanJson } from '@rectify/interop';

// Single files a user names (safetensors weights): they may be links or special files; reads stay bounded.
let dir = '';
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'rectify-untrusted-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('path-taking readers refuse special files before opening them', () => {
  it('a link to /dev/zero, a FIFO, a folder', async () => {
    await symlink('/dev/zero', join(dir, 'zero.safetensors'));
    await expect(loadSafetensors(join(dir, 'zero.safetensors'))).rejects.toThrow(
      new ValueError(
        `loadSafetensors: '${join(dir, 'zero.safetensors')}' is a device, not a regular file; a model's files must be plain files`,
      ),
    );
    execFileSync('mkfifo', [join(dir, 'pipe.safetensors')]);
    const layer = dense({ units: 1, inputShape: [1] });
    layer.build([null, 1]);
    await expect(loadWeightsSafetensors(layer, join(dir, 'pipe.safetensors'))).rejects.toThrow(
      `loadWeights: '${join(dir, 'pipe.safetensors')}' is a FIFO, not a regular file`,
    );
    await expect(loadSafetensors(dir)).rejects.toThrow(`loadSafetensors: '${dir}' is a folder, not a regular file`);
  });
});

describe('scanJson', () => {
  it('measures depth and finds a repeated top-level key, ignoring brackets and quotes inside strings', () => {
    expect(scanJson('{"a": [1, {"b": 2}], "s": "[[{\\"x"}')).toEqual({ depth: 3, duplicateKey: undefined });
    expect(scanJson('{"a": 1, "b": {"a": 2}, "a": 3}')).toEqual({ depth: 2, duplicateKey: 'a' });
    expect(scanJson('{"\\u0061": 1, "a": 2}').duplicateKey).toBe('a');
  });
});
