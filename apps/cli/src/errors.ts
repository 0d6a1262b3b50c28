/**
 * The two ways a command can fail. A `UsageError` (exit 2) means the command line or config was wrong — the user
 * can fix it by typing something else; a `CliError` (exit 1) means the command was fine but the work failed
 * (a missing file, a corrupt model directory). Both carry one line meant for a person; `main` prints it without
 * a stack trace unless `--debug` is given.
 */
export class CliError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A mistake in how the CLI was called: an unknown option, a config that fails validation.
 *
 * @example
 * throw new UsageError("unknown dataset 'irsi' (did you mean 'iris'?)");
 */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
}

/** Exit codes the CLI promises: 0 success, 1 failure, 2 usage error, 130 interrupted by Ctrl-C (128 + SIGINT). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
