import { checkOptions, optionNames } from '@rectify/tensor';
import type { CallbackHooks } from './callback.js';

type Hooks = Omit<CallbackHooks, 'setModel' | 'setParams'>;

/**
 * A callback from functions (Keras `LambdaCallback`); any subset of the hooks. A plain object with the same hooks
 * passed to `fit` works the same way — this only names the intent.
 * @example new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) })
 */
export class LambdaCallback implements CallbackHooks {
  readonly onTrainBegin?: Hooks['onTrainBegin'];
  readonly onTrainEnd?: Hooks['onTrainEnd'];
  readonly onEpochBegin?: Hooks['onEpochBegin'];
  readonly onEpochEnd?: Hooks['onEpochEnd'];
  readonly onBatchBegin?: Hooks['onBatchBegin'];
  readonly onBatchEnd?: Hooks['onBatchEnd'];

  constructor(hooks: Hooks) {
    checkOptions(
      'LambdaCallback',
      hooks,
      optionNames<Hooks>()({
        onTrainBegin: true,
        onTrainEnd: true,
        onEpochBegin: true,
        onEpochEnd: true,
        onBatchBegin: true,
        onBatchEnd: true,
      }),
    );
    Object.assign(this, hooks);
  }
}
