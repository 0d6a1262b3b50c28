import { Command, CommanderError } from 'commander';
import { RectifyError } from '@rectify/tensor';
import { CliError, EXIT, UsageError } from './errors.js';
import { fsErrorMessage, isFsError } from './fs-errors.js';
import { registerCommands } from './commands/index.js';

/** Streams a command writes to; tests and the programmatic API pass their own. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** What a command reports back besides throwing: an exit code other than 0 that is not an error (130 after Ctrl-C). */
export interface RunState {
  exitCode: number;
}

/** What a failed system call was doing, for the one-line message. */
const SYSCALL_ACTIONS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the directory',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list',
  stat: 'read',
  lstat: 'read',
  fsync: 'write',
};

/** Commander's messages start with "error: " and put the suggestion on a second line; make them one line. */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean/g, ' (did you mean')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/**
 * Builds the `rectify` program: global options, one subcommand per file in `commands/`, commander set to throw
 * instead of exiting so that `main` decides the exit code.
 */
export function buildProgram(io: Io, state: RunState): Command {
  const program = new Command('rectify');
  program
    .description('Train, evaluate, inspect, compare and export Rectify models from the command line.')
    .version('0.1.0', '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {
        // main prints every error itself, in one format
      },
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl-C).\nRun `rectify <command> --help` for the options of a command.',
    );
  registerCommands(program, io, state);
  return program;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. Errors become one line on
 * stderr — `rectify: <message>` — with the stack only under `--debug`.
 *
 * @example
 * process.exitCode = await main(['train', 'apps/cli/examples/iris-mlp.yaml', '--epochs', '3']);
 */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const state: RunState = { exitCode: EXIT.ok };
  const program = buildProgram(io, state);
  const debug = argv.includes('--debug');
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      io.stderr.write(`rectify: ${oneLine(error.message)}\n`);
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`rectify: ${error.message}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    // Errors from the framework on bad input (a layer option out of range) are the user's to fix, not bugs.
    if (error instanceof RectifyError) {
      io.stderr.write(`rectify: ${error.message}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return EXIT.failure;
    }
    // A file operation no command anticipated (a disk that fills up mid-run): still one line naming the path.
    if (isFsError(error) && error.path !== undefined) {
      io.stderr.write(
        `rectify: ${fsErrorMessage(error, SYSCALL_ACTIONS[error.syscall!] ?? error.syscall!, error.path)}\n`,
      );
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return EXIT.failure;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`rectify: unexpected error: ${message}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}

export { UsageError };
