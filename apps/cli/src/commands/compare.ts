import { join } from 'node:path';
import type { Command } from 'commander';
import { get as getActivation } from '@rectify/activations';
import { gatedFeedForward } from '@rectify/layers';
import { checkActivation } from '../config/build-layers.js';
import type { ConfigFlags } from '../config/flags.js';
import { compareCells, compareHeader, compareRows, compareSvg } from '../compare/report.js';
import { runTrial, TrialInterrupted, type TrialResult } from '../compare/trial.js';
import { UsageError } from '../errors.js';
import type { Io, RunState } from '../main.js';
import { formatLogs } from '../output/format.js';
import { table } from '../output/table.js';
import { writeFileAtomicSync } from '@rectify/interop/node';
import { defaultRunDir } from '../train/run-dir-setup.js';
import { addConfigOptions } from './config-options.js';
import { nameList, positiveInt } from './parsers.js';

interface CompareOptions extends ConfigFlags {
  activations: string[];
  seeds: number;
  json?: boolean;
}

/** `--batch-size` → `batchSize`: the flag each ConfigFlags key came from, to pass it on to `train`. */
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The child `train` arguments for the shared flags (everything except activation, seed and output). */
function sharedArgs(flags: ConfigFlags): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined || ['activation', 'seed', 'out'].includes(key)) continue;
    if (value === true) args.push(flagName(key));
    else args.push(flagName(key), Array.isArray(value) ? value.join(',') : String(value));
  }
  return args;
}

/** `rectify compare`: the same architecture trained once per activation and seed, summarised in a table. */
export function registerCompare(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('compare')
    .argument('[config]', 'a config file whose architecture to use (hidden activations are replaced)')
    .description(
      'train the same architecture once per activation and seed and print a table: validation metric mean ± std, loss, time per epoch, peak memory, active and dead units',
    );
  addConfigOptions(cmd)
    .requiredOption(
      '--activations <names>',
      'comma-separated activations, e.g. relu,leakyRelu,elu,selu,gelu,swish,sigmoid,tanh',
      nameList,
    )
    .option('--seeds <n>', 'runs per activation, with seeds 0..n-1 added to --seed (default 42)', positiveInt, 1)
    .option('--out <dir>', 'directory for the runs, the table and the plot (default runs/compare-<timestamp>)')
    .option('--json', 'print one JSON object per row instead of the table')
    .addHelpText(
      'after',
      [
        '',
        'Each activation gets its recommended initializer (He for the ReLU family, LeCun for SELU, Glorot for',
        'sigmoid/tanh) unless --init is given. Every run is a separate `rectify train` process.',
        '',
        'Examples:',
        '  rectify compare --activations relu,gelu,swish --dataset two-moons --seeds 3 --epochs 20',
        '  rectify compare --activations relu,gelu,swish --model transformer --dataset moby-dick --limit 4000 --epochs 3',
        '  rectify compare --model gpt --activations relu,gelu,swish,geglu --seeds 3 --backend wasm',
      ].join('\n'),
    )
    .action(async (configPath: string | undefined, o: CompareOptions) => {
      const { activations, seeds, json, out, ...flags } = o;
      // The character language model has one corpus to learn; naming it is optional.
      if (configPath === undefined && flags.model === 'gpt') flags.dataset ??= 'moby-dick';
      if (configPath === undefined && flags.dataset === undefined)
        throw new UsageError('compare: give a config file or --dataset <name>');
      const names = activations.map((a, i) => checkActivation(a, `--activations (item ${i + 1})`, { gated: true }));
      const dir = out ?? defaultRunDir().replace(/runs[\\/]/, 'runs/compare-');
      const baseSeed = flags.seed ?? 42;
      const initializerOf = (a: string) => flags.init ?? getActivation(gatedFeedForward(a) ?? a).recommendedInitializer;
      const say = (line: string) => !json && io.stdout.write(`${line}\n`);
      // Ctrl-C reaches the children too (same process group); they checkpoint and exit 130, and so do we.
      const ignore = () => say('interrupt: waiting for the current run to write its checkpoint…');
      process.on('SIGINT', ignore);
      const trials: TrialResult[] = [];
      try {
        for (const activation of names) {
          for (let s = 0; s < seeds; s++) {
            const seed = baseSeed + s;
            const runDir = join(dir, `${activation}-seed${seed}`);
            const args = [
              ...(configPath ? [configPath] : []),
              ...sharedArgs(flags),
              '--activation',
              activation,
              '--seed',
              String(seed),
              '--out',
              runDir,
            ];
            const t = await runTrial(args, activation, seed, () => undefined);
            const last = t.history[t.history.length - 1];
            say(`${activation} (seed ${seed}): ${last ? formatLogs(last, ['epoch', 'epoch_seconds']) : 'no epochs'}`);
            trials.push(t);
          }
        }
      } catch (error) {
        if (error instanceof TrialInterrupted) state.exitCode = 130;
        throw error;
      } finally {
        process.off('SIGINT', ignore);
      }
      const rows = compareRows(trials, initializerOf);
      const metricName = rows[0]?.metricName ?? 'val_loss';
      const plot = join(dir, 'compare.svg');
      writeFileAtomicSync(plot, compareSvg(trials, metricName));
      writeFileAtomicSync(join(dir, 'compare.json'), `${JSON.stringify(rows, null, 1)}\n`);
      if (json) {
        for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
        return;
      }
      io.stdout.write(`\n${table(compareHeader(metricName, seeds), rows.map(compareCells))}`);
      io.stdout.write(`\nactive/dead: hidden layers on 256 test samples after training. runs: ${dir}\nplot: ${plot}\n`);
    });
}
