import { RectifyError } from '@rectify/tensor';

/** What to tell the user for each file-system failure: the cause in words and what to do about it. */
const ADVICE: Readonly<Record<string, string>> = {
  EACCES: 'permission denied; choose a folder you can write to, or fix its permissions',
  EPERM: 'the operation is not permitted; choose a folder you own, or fix its permissions',
  EEXIST: 'a file with that name is in the way; remove it or choose another path',
  ENOTDIR: 'part of the path is a file, not a folder; choose a folder path',
  EISDIR: 'it is a folder; give a file path, or remove the folder',
  EROFS: 'the file system is read-only; save somewhere writable',
  ENOSPC: 'the disk is full; free some space or save elsewhere',
  EDQUOT: 'the disk quota is exhausted; free some space or save elsewhere',
  ENAMETOOLONG: 'the path is too long; choose a shorter one',
  ELOOP: 'the path contains a loop of symbolic links',
  EMFILE: 'too many files are open in this process; close some and retry',
};

/**
 * A Node file-system error as a RectifyError naming the function, the path and what to do — never a raw
 * `EACCES: permission denied, open '…'` from deep inside a save.
 * @example throw fsError('save', '/read-only/model', err, 'write');
 */
export function fsError(
  fn: string,
  path: string,
  err: unknown,
  action: 'write' | 'read' | 'create the folder',
): RectifyError {
  if (err instanceof RectifyError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const advice = (code && ADVICE[code]) ?? (err instanceof Error ? err.message : String(err));
  return new RectifyError(`${fn}: cannot ${action} '${path}': ${advice}${code ? ` (${code})` : ''}`);
}
