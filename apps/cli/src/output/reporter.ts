import cliProgress from 'cli-progress';
import type { EpochLog } from '../run-dir/metrics-log.js';
import { formatDuration, formatLogs, formatRate } from './format.js';

/** How a command talks while it works. */
export type OutputMode = 'progress' | 'plain' | 'quiet' | 'json';

/** One training step's view for the progress bar. */
export interface StepInfo {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly steps: number;
  readonly logs: Readonly<Record<string, number>>;
  readonly samplesPerSecond: number;
  readonly etaSeconds: number;
}

/** Where training progress and results go; one implementation per output mode. */
export interface Reporter {
  readonly mode: OutputMode;
  /** A human message (not printed with --quiet or --json). */
  info(line: string): void;
  /** A note or warning the user must see in every mode (--quiet and --json too); goes to stderr. */
  warn(line: string): void;
  epochStart(epoch: number, epochs: number, steps: number): void;
  step(info: StepInfo): void;
  epochEnd(log: EpochLog, epochs: number, seconds: number, samplesPerSecond: number): void;
  /** The command's result: a line per entry for people, one JSON object with --json. */
  result(summary: Readonly<Record<string, unknown>>, lines: readonly string[]): void;
  close(): void;
}

/**
 * The progress bar mode when stderr is a terminal and neither --quiet nor --json is given; plain lines otherwise.
 *
 * @example
 * chooseMode({ quiet: false, json: false }, process.stderr.isTTY === true); // 'progress' in a terminal
 */
export function chooseMode(flags: { quiet?: boolean; json?: boolean }, isTTY: boolean): OutputMode {
  if (flags.json) return 'json';
  if (flags.quiet) return 'quiet';
  return isTTY ? 'progress' : 'plain';
}

function epochLine(log: EpochLog, epochs: number, seconds: number, samplesPerSecond: number): string {
  const { epoch, ...rest } = log;
  const width = String(epochs).length;
  return `epoch ${String(epoch).padStart(width)}/${epochs}  ${formatLogs(rest, ['epoch_seconds'])}  ${formatDuration(seconds)}  ${formatRate(samplesPerSecond)}`;
}

/** Makes the reporter for `mode`; output goes to `out` (stdout) and the bar to `err` (stderr). */
export function createReporter(
  mode: OutputMode,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Reporter {
  const print = (line: string) => out.write(`${line}\n`);
  let bar: cliProgress.SingleBar | undefined;
  return {
    mode,
    info(line) {
      if (mode === 'progress' || mode === 'plain') print(line);
    },
    warn(line) {
      err.write(`rectify: ${line}\n`);
    },
    epochStart(epoch, epochs, steps) {
      if (mode !== 'progress') return;
      bar = new cliProgress.SingleBar({
        stream: err,
        format: `epoch ${epoch}/${epochs} [{bar}] {value}/{total}  {logs}  {rate}  ETA {remaining}`,
        barsize: 24,
        barCompleteChar: '=',
        barIncompleteChar: ' ',
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
      });
      bar.start(steps, 0, { logs: '', rate: '', remaining: '?' });
    },
    step(info) {
      bar?.update(info.step, {
        logs: formatLogs(info.logs),
        rate: formatRate(info.samplesPerSecond),
        remaining: formatDuration(info.etaSeconds),
      });
    },
    epochEnd(log, epochs, seconds, samplesPerSecond) {
      bar?.stop();
      bar = undefined;
      if (mode === 'json')
        print(JSON.stringify({ event: 'epoch', ...log, seconds, samples_per_second: samplesPerSecond }));
      else if (mode !== 'quiet') print(epochLine(log, epochs, seconds, samplesPerSecond));
    },
    result(summary, lines) {
      if (mode === 'json') print(JSON.stringify(summary));
      else for (const line of lines) print(line);
    },
    close() {
      bar?.stop();
      bar = undefined;
    },
  };
}
