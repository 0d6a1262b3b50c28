import { existsSync, readdirSync, rmSync } from 'node:fs';
import { readTextFile } from '../datasets/csv.js';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import type { TrainState } from '../train/state.js';
import { writeDirAtomic, writeFileAtomicSync, writeFileSynced } from '@rectify/interop/node';

/** How many complete checkpoints to keep; older ones are deleted once a newer one is in place. */
const KEEP = 2;

/** `epoch-0003`, or `epoch-0003-step-0017` for a checkpoint taken inside epoch 4 (after Ctrl-C). */
export function checkpointName(state: Pick<TrainState, 'epoch' | 'step'>): string {
  const base = `epoch-${String(state.epoch).padStart(4, '0')}`;
  return state.step === 0 ? base : `${base}-step-${String(state.step).padStart(4, '0')}`;
}

export function checkpointsDir(runDir: string): string {
  return join(runDir, 'checkpoints');
}

/**
 * Writes a checkpoint crash-safely: the directory is filled under a temporary name and renamed into place, and
 * only then does `latest.json` (itself replaced atomically) point at it. A crash at any moment leaves
 * `latest.json` naming a complete checkpoint — the new one or the previous one.
 *
 * @example
 * await writeCheckpoint('runs/x', state, (dir) => saveModelAndOptimizer(dir));
 */
export async function writeCheckpoint(
  runDir: string,
  state: TrainState,
  save: (dir: string) => Promise<void>,
): Promise<string> {
  const name = checkpointName(state);
  const dir = join(checkpointsDir(runDir), name);
  await writeDirAtomic(dir, async (tmp) => {
    await save(tmp);
    writeFileSynced(join(tmp, 'state.json'), `${JSON.stringify(state, null, 1)}\n`);
  });
  writeFileAtomicSync(
    join(checkpointsDir(runDir), 'latest.json'),
    `${JSON.stringify({ checkpoint: name, epoch: state.epoch, step: state.step })}\n`,
  );
  prune(runDir, name);
  return dir;
}

/** Deletes all but the newest `KEEP` checkpoints, and temporary directories left by crashed writers. */
function prune(runDir: string, latest: string): void {
  const root = checkpointsDir(runDir);
  const entries = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory());
  const complete = entries
    .filter((e) => e.name.startsWith('epoch-'))
    .map((e) => e.name)
    .sort();
  const keep = new Set([latest, ...complete.slice(-KEEP)]);
  for (const e of entries) {
    const stale = e.name.startsWith('.') && e.name.includes('.tmp-') && !e.name.includes(`.tmp-${process.pid}-`);
    if ((e.name.startsWith('epoch-') && !keep.has(e.name)) || stale)
      rmSync(join(root, e.name), { recursive: true, force: true });
  }
}

/**
 * The checkpoint `latest.json` names, with its training state. A missing or damaged checkpoint is a `CliError`
 * that says what is wrong.
 *
 * @example
 * const { dir, state } = readLatestCheckpoint('runs/x'); // state.epoch === 3
 */
export function readLatestCheckpoint(runDir: string): { dir: string; state: TrainState } {
  const pointer = join(checkpointsDir(runDir), 'latest.json');
  if (!existsSync(runDir)) throw new CliError(`cannot resume: run directory ${runDir} does not exist`);
  if (!existsSync(pointer)) throw new CliError(`cannot resume: ${runDir} has no checkpoint (${pointer} is missing)`);
  let name: unknown;
  try {
    name = (JSON.parse(readTextFile(pointer, 'checkpoint pointer')) as { checkpoint?: unknown }).checkpoint;
  } catch (error) {
    throw new CliError(`cannot resume: ${pointer} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof name !== 'string' || !/^epoch-\d+(-step-\d+)?$/.test(name))
    throw new CliError(`cannot resume: ${pointer} does not name a checkpoint`);
  const dir = join(checkpointsDir(runDir), name);
  const stateFile = join(dir, 'state.json');
  if (!existsSync(stateFile))
    throw new CliError(`cannot resume: checkpoint ${dir} is incomplete (state.json is missing)`);
  let state: TrainState;
  try {
    state = JSON.parse(readTextFile(stateFile, 'training state')) as TrainState;
  } catch (error) {
    throw new CliError(`cannot resume: ${stateFile} is not valid JSON (${(error as Error).message})`);
  }
  if (
    state.version !== 1 ||
    !Number.isInteger(state.epoch) ||
    !Number.isInteger(state.step) ||
    !Array.isArray(state.history)
  ) {
    throw new CliError(
      `cannot resume: ${stateFile} is not a Rectify training state (version ${String(state.version)})`,
    );
  }
  return { dir, state };
}
