import type { Command } from 'commander';
import type { ConfigFlags } from '../config/flags.js';
import { EXIT } from '../errors.js';
import type { Io, RunState } from '../main.js';
import { chooseMode, createReporter } from '../output/reporter.js';
import { train } from '../train/run.js';
import { addConfigOptions } from './config-options.js';

interface TrainOptions extends ConfigFlags {
  resume?: string;
  quiet?: boolean;
  json?: boolean;
}

/** `rectify train [config]`: see the option list in `--help`. */
export function registerTrain(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('train')
    .argument('[config]', 'a JSON or YAML config file (see apps/cli/examples/)')
    .description(
      'train the model a config (or flags) describe; writes a run directory with metrics, checkpoints, the model and a plot',
    );
  addConfigOptions(cmd)
    .option('--out <dir>', 'the run directory (default runs/<timestamp>)')
    .option('--resume <run-dir>', 'continue a run from its last checkpoint (only --epochs may change)')
    .option('--quiet', 'print only the final result')
    .option('--json', 'print one JSON object per epoch and one for the result (implies no progress bar)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  rectify train apps/cli/examples/mnist-mlp.yaml',
        '  rectify train apps/cli/examples/iris-mlp.yaml --epochs 3 --lr 0.01 --seed 7',
        '  rectify train --dataset mnist --model mlp --activation relu --out runs/mnist',
        '  rectify train --resume runs/mnist --epochs 20',
        '',
        'Ctrl-C finishes the current step, writes a checkpoint and exits with code 130; resume with --resume.',
      ].join('\n'),
    )
    .action(async (configPath: string | undefined, options: TrainOptions) => {
      const { resume, quiet, json, ...flags } = options;
      const reporter = createReporter(
        chooseMode({ quiet, json }, Boolean((io.stderr as NodeJS.WriteStream).isTTY)),
        io.stdout,
        io.stderr,
      );
      const result = await train({
        ...(configPath !== undefined && { configPath }),
        flags,
        ...(resume !== undefined && { resume }),
        reporter,
      });
      if (result.interrupted) state.exitCode = EXIT.interrupted;
    });
}
