import { RectifyError } from '@rectify/tensor';

/**
 * Thrown by `fit` when a step's loss (or gradient) is NaN or ±Infinity — TensorFlow's TerminateOnNaN, on by default.
 * The update of that step is not applied, so the model keeps the weights from before it. `epoch` and `step` count
 * from 0 (as callback hooks do); the message counts from 1 (as the progress lines do). `history` holds the
 * epochs that completed.
 * @example
 * try { await model.fit(x, y); } catch (e) { if (e instanceof NonFiniteLossError) console.log(e.epoch, e.step); }
 */
export class NonFiniteLossError extends RectifyError {
  override name = 'NonFiniteLossError';

  constructor(
    message: string,
    readonly epoch: number,
    readonly step: number,
    readonly value: number,
    readonly history?: unknown,
  ) {
    super(message);
  }
}
