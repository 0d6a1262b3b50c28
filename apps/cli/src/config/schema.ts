import { z } from 'zod';
import { presetNames } from './presets.js';

const positiveInt = z.number().int().positive();

/** One layer, Keras style: `{ type: 'dense', units: 64, activation: 'relu' }`; the rest is checked by the layer. */
export const layerSchema = z.looseObject({ type: z.string().min(1) });

/** Where the data comes from and how it is shaped. */
export const datasetSchema = z.strictObject({
  name: z.string().min(1),
  layout: z.enum(['flat', 'image']).optional(),
  limit: positiveInt.optional(),
  target: z.string().min(1).optional(),
  task: z.enum(['classification', 'regression']).optional(),
  seqLen: positiveInt.optional(),
  samples: positiveInt.optional(),
  noise: z.number().nonnegative().optional(),
});

/** Either a full list of layers or a preset architecture filled in from the dataset. */
export const modelSchema = z.strictObject({
  preset: z.enum(presetNames).optional(),
  /** Hidden-layer activation for presets, and an override for every hidden layer of an explicit list. */
  activation: z.string().min(1).optional(),
  /** Kernel initializer for every layer that has one; defaults to the activation's recommended initializer. */
  initializer: z.string().min(1).optional(),
  /** Hidden sizes for the mlp preset, e.g. [256, 128]; the first is the width of the other presets' hidden layer;
   * for gpt, the feed-forward width of each block. */
  hidden: z.array(positiveInt).min(1).optional(),
  layers: z.array(layerSchema).min(1).optional(),
});

export const optimizerSchema = z.strictObject({
  name: z.string().min(1),
  learningRate: z.number().positive().optional(),
});

/** The whole training config; every field but `dataset` has a default. */
export const configSchema = z.strictObject({
  name: z.string().optional(),
  dataset: datasetSchema,
  preprocessing: z.strictObject({ standardize: z.boolean().optional() }).optional(),
  model: modelSchema.optional(),
  optimizer: z.union([z.string().min(1), optimizerSchema]).optional(),
  loss: z.string().min(1).optional(),
  metrics: z.array(z.string().min(1)).optional(),
  epochs: positiveInt.optional(),
  batchSize: positiveInt.optional(),
  validationSplit: z.number().min(0).lt(1).optional(),
  seed: z.number().int().nonnegative().optional(),
  backend: z.enum(['cpu', 'gpu', 'wasm']).optional(),
  out: z.string().min(1).optional(),
  checkpointEvery: positiveInt.optional(),
});

/** A config as written by the user (after validation, before defaults). */
export type ConfigInput = z.infer<typeof configSchema>;
export type LayerConfig = z.infer<typeof layerSchema>;
