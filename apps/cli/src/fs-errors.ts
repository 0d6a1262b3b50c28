import { CliError } from './errors.js';

/** What the operating system's error code means for a person, and what to do about it. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file (not a directory) is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  ENOTEMPTY: 'the directory is not empty',
  EBUSY: 'the file is busy (in use by another program)',
};

/** True for an error Node's `fs` throws (it has an errno `code` such as ENOENT). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * One line for a failed file operation: what the CLI tried, on which path, what the error code means and, when
 * given, what to do — instead of Node's `EACCES: permission denied, mkdir '/x/y'`.
 *
 * @example
 * fsErrorMessage(error, 'create the run directory', 'runs/x', 'choose another --out');
 * // 'cannot create the run directory runs/x: permission denied; choose another --out'
 */
export function fsErrorMessage(error: unknown, action: string, path: string, advice?: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code !== undefined && REASONS[code]) || (code ?? (error as Error).message);
  return `cannot ${action} ${path}: ${reason}${advice === undefined ? '' : `; ${advice}`}`;
}

/**
 * Runs a file operation, turning an operating-system error into a `CliError` (exit 1) with `fsErrorMessage`.
 *
 * @example
 * const text = fsTry('read config file', 'run.yaml', () => readFileSync('run.yaml', 'utf8'));
 */
export function fsTry<T>(action: string, path: string, fn: () => T, advice?: string): T {
  try {
    return fn();
  } catch (error) {
    if (isFsError(error)) throw new CliError(fsErrorMessage(error, action, path, advice));
    throw error;
  }
}
