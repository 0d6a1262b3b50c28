import type { Command } from 'commander';
import { choice, fraction, intList, nameList, nonNegativeInt, positiveInt, positiveNumber } from './parsers.js';

/**
 * The options that override config fields, shared by `train` and `compare`. Each is documented in `--help`.
 */
export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option(
      '--dataset <name>',
      'dataset: a built-in name (see `rectify datasets`), csv:<path>, or images:<dir>[@WxH[x3]] (one sub-folder per class, streamed)',
    )
    .option('--target <column>', 'csv datasets: the target column')
    .option(
      '--task <task>',
      'csv datasets: classification or regression (default: from the target values)',
      choice(['classification', 'regression'] as const),
    )
    .option('--standardize', 'standardise each feature with training-split mean and std')
    .option('--limit <n>', 'use at most n training samples', positiveInt)
    .option(
      '--layout <layout>',
      'image datasets: flat vectors or images (default: from the model)',
      choice(['flat', 'image'] as const),
    )
    .option('--seq-len <n>', 'moby-dick: characters per window (default 32)', positiveInt)
    .option(
      '--model <preset>',
      "a preset architecture instead of the config's layers: mlp, cnn, transformer or gpt (a causal character language model)",
      choice(['mlp', 'cnn', 'transformer', 'gpt'] as const),
    )
    .option('--activation <name>', 'activation of every hidden layer (e.g. relu, gelu, swish)')
    .option('--init <name>', "kernel initializer of every layer (default: each activation's recommended one)")
    .option('--hidden <sizes>', 'hidden layer sizes of the mlp preset, e.g. 256,128', intList)
    .option('--optimizer <name>', 'optimizer: sgd, adam, adamw, rmsprop, adagrad')
    .option('--lr <rate>', 'learning rate', positiveNumber)
    .option(
      '--loss <name>',
      'loss (default: sparseCategoricalCrossentropy for classes, meanSquaredError for regression)',
    )
    .option(
      '--metrics <names>',
      'comma-separated metrics (default: accuracy, or meanAbsoluteError for regression)',
      nameList,
    )
    .option('--epochs <n>', 'number of epochs', positiveInt)
    .option('--batch-size <n>', 'samples per step', positiveInt)
    .option(
      '--validation-split <fraction>',
      'fraction of the training data held out for validation, in [0, 1)',
      fraction,
    )
    .option('--seed <n>', 'seed for initialisation, shuffling, dropout and the validation split', nonNegativeInt)
    .option('--backend <name>', 'cpu (default), gpu or wasm', choice(['cpu', 'gpu', 'wasm'] as const));
}
