import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EpochLog } from '../run-dir/metrics-log.js';
import { CliError, UsageError } from '../errors.js';

/** One training run of a comparison, as its `train --json` output reports it. */
export interface TrialResult {
  readonly activation: string;
  readonly seed: number;
  readonly history: EpochLog[];
  readonly summary: Record<string, unknown> & {
    test?: Record<string, number>;
    peak_rss_mib?: number;
    activity?: Record<string, { activation: string; units: number; fractionActive: number; deadUnits: number }>;
  };
}

/** The child stopped on Ctrl-C (exit 130) after writing its checkpoint. */
export class TrialInterrupted extends CliError {
  override readonly exitCode: number = 130;
}

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/**
 * Runs `rectify train … --json` in a child process — a fresh process per trial, so that each one's peak memory and
 * time are its own and no state leaks between activations — and collects its epoch logs and final summary.
 * Rejects with the child's own error line when it fails; exit code 130 (Ctrl-C) is passed on as `interrupted`.
 */
export function runTrial(
  args: readonly string[],
  activation: string,
  seed: number,
  onEpoch: (log: EpochLog) => void,
): Promise<TrialResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'train', ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const history: EpochLog[] = [];
    let summary: TrialResult['summary'] | undefined;
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        if (event['event'] === 'epoch') {
          const { event: _e, seconds: _s, samples_per_second: _r, ...log } = event;
          history.push(log as EpochLog);
          onEpoch(log as EpochLog);
        } else if (event['event'] === 'done' || event['event'] === 'interrupted')
          summary = event as TrialResult['summary'];
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new CliError(`compare: cannot start a training process: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 130)
        return reject(new TrialInterrupted(`compare: interrupted while training ${activation} (seed ${seed})`));
      if (code !== 0 || summary === undefined) {
        const reason =
          stderr
            .trim()
            .split('\n')
            .pop()
            ?.replace(/^rectify: /, '') ?? `exit code ${code}`;
        const Failure = code === 2 ? UsageError : CliError;
        return reject(new Failure(`compare: training with ${activation} (seed ${seed}) failed: ${reason}`));
      }
      resolve({ activation, seed, history, summary });
    });
  });
}
