import { ValueError, checkOptions, optionNames } from '@rectify/tensor';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, maximises, warnMissing } from './monitor-mode.js';

export interface ModelCheckpointOptions {
  /** Where to save; `{epoch}` (from 1) and `{<log key>}` (4 decimals) are filled in, e.g. 'ckpt/e{epoch}-{val_loss}'. */
  filepath: string;
  /** Default 'val_loss'. */
  monitor?: string;
  /** Save only when `monitor` improves on the best so far (default false: every epoch). */
  saveBestOnly?: boolean;
  mode?: MonitorMode;
}

/**
 * Saves the model (topology, weights, optimizer state) at the end of epochs (Keras `ModelCheckpoint`).
 * @example new ModelCheckpoint({ filepath: 'checkpoints/best', saveBestOnly: true })
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  private readonly max: boolean;
  private readonly warned = new Set<string>();
  best = Number.POSITIVE_INFINITY;
  /** Paths written, in order. */
  readonly saved: string[] = [];

  constructor(options: ModelCheckpointOptions) {
    super();
    checkOptions(
      'ModelCheckpoint',
      options,
      optionNames<ModelCheckpointOptions>()({ filepath: true, monitor: true, saveBestOnly: true, mode: true }),
    );
    this.filepath = checkPath(options?.filepath);
    this.monitor = options.monitor ?? 'val_loss';
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.max = maximises('ModelCheckpoint', this.monitor, options.mode);
    this.best = this.max ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }

  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) return warnMissing('ModelCheckpoint', this.monitor, logs, this.warned);
      if (!(this.max ? current > this.best : current < this.best)) return;
      this.best = current;
    }
    const path = this.filepath.replace(/\{([A-Za-z0-9_./]+)\}/g, (whole, key: string) => {
      if (key === 'epoch') return String(epoch + 1);
      const v = logs[key];
      return v === undefined ? whole : v.toFixed(4);
    });
    await this.requireModel().save(path);
    this.saved.push(path);
  }
}

function checkPath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0) {
    throw new ValueError(
      `ModelCheckpoint: filepath must be a non-empty string, received ${JSON.stringify(p) ?? String(p)}`,
    );
  }
  return p;
}
