import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RectifyError } from '@rectify/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { isStaleTemp, writeDirAtomic, writeFileAtomicSync, writeFileSynced } from '@rectify/interop/node';

const root = mkdtempSync(join(tmpdir(), 'rectify-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that belonged to a process that has exited. */
const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));

describe('writeFileAtomicSync', () => {
  it('creates the folders, writes text or bytes, replaces the old content and leaves no temporary file', () => {
    const path = join(root, 'a', 'b', 'config.json');
    writeFileAtomicSync(path, '{"x":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"x":1}');
    writeFileAtomicSync(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['config.json']);
  });

  it('refuses to replace a folder; a file in the way of its folder is left to the caller to word', () => {
    const folder = join(root, 'is-a-folder');
    mkdirSync(folder);
    expect(() => writeFileAtomicSync(folder, 'x', 'rectify train')).toThrow(
      `rectify train: cannot write '${folder}': it is a folder; give a file path, or remove the folder`,
    );
    const blocker = join(root, 'plain-file');
    writeFileSync(blocker, '');
    const inside = join(blocker, 'x.json');
    expect(() => writeFileAtomicSync(inside, 'x', 'save')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => writeFileAtomicSync(folder, 'x')).toThrow(RectifyError);
  });
});

describe('writeDirAtomic', () => {
  it('renames the filled folder into place, replacing the old one; a failed fill leaves the old one intact', async () => {
    const dir = join(root, 'checkpoints', 'epoch-0001');
    await writeDirAtomic(dir, (tmp) => writeFileSynced(join(tmp, 'state.json'), '1'));
    await writeDirAtomic(dir, (tmp) => writeFileSynced(join(tmp, 'state.json'), '2'));
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('2');
    await expect(
      writeDirAtomic(dir, (tmp) => {
        writeFileSynced(join(tmp, 'state.json'), '3');
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('2');
    expect(readdirSync(join(root, 'checkpoints'))).toEqual(['epoch-0001']);
  });
});

describe('writeFileSynced', () => {
  it('writes a new file and refuses to overwrite one', () => {
    const path = join(root, 'new.txt');
    writeFileSynced(path, 'once');
    expect(readFileSync(path, 'utf8')).toBe('once');
    expect(() => writeFileSynced(path, 'twice')).toThrow(/EEXIST/);
  });
});

describe('isStaleTemp', () => {
  it("recognises a temporary left by a process that is gone, not one in flight or another file's name", () => {
    expect(isStaleTemp(`.model.json.rectify-tmp-${deadPid}-0123456789ab`)).toBe(true);
    expect(isStaleTemp(`.model.json.rectify-tmp-${process.pid}-0123456789ab`)).toBe(false);
    expect(isStaleTemp('model.json')).toBe(false);
    expect(isStaleTemp(`.model.json.tmp-${deadPid}-0`)).toBe(false);
  });
});
