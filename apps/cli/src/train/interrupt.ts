/**
 * Ctrl-C handling for training: the first SIGINT only raises a flag — the trainer finishes the current step,
 * writes a checkpoint and exits 130 — and a second SIGINT exits at once, for a user who does not want to wait.
 */
export interface Interrupt {
  /** True once SIGINT (or SIGTERM) has been received. */
  readonly requested: boolean;
  /** Removes the signal handlers. */
  dispose(): void;
}

/**
 * Installs the handlers; `onFirst` is called once, e.g. to print "finishing the current step…".
 *
 * @example
 * const interrupt = watchInterrupt(() => console.error('stopping after this step'));
 * try { train(() => interrupt.requested); } finally { interrupt.dispose(); }
 */
export function watchInterrupt(onFirst: (signal: NodeJS.Signals) => void): Interrupt {
  let requested = false;
  const handler = (signal: NodeJS.Signals) => {
    if (requested) {
      process.stderr.write('rectify: interrupted again, exiting without a checkpoint\n');
      process.exit(130);
    }
    requested = true;
    onFirst(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    get requested() {
      return requested;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
