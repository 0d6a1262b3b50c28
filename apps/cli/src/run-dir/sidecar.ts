import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { formatIssues } from '../config/format-issues.js';
import { datasetNames } from '../datasets/registry.js';
import { UsageError } from '../errors.js';
import { fsTry } from '../fs-errors.js';

/** A sidecar holds names, shapes and statistics, never bulk data; anything larger has been tampered with. */
const MAX_BYTES = 16 * 1024 * 1024;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const label = z.string().max(1000);

/**
 * `rectify-cli.json`, the CLI's file next to a saved model: as strict as model.json, since a model directory is
 * untrusted input. Datasets are built-in names, `csv:<path>` or `images:<dir>` (paths that are only ever shown, never
 * opened — the user must name them again), and every number is finite and consistent with the model's shape.
 */
export const sidecarSchema = z
  .strictObject({
    version: z.literal(1),
    dataset: z.string().refine((n) => datasetNames.includes(n) || /^(csv|images):./.test(n), {
      message: `expected a built-in dataset (${datasetNames.join(', ')}), csv:<path> or images:<dir>`,
    }),
    task: z.enum(['classification', 'regression', 'sequence']),
    inputShape: z
      .array(
        z
          .number()
          .int()
          .positive()
          .max(1 << 24),
      )
      .min(1)
      .max(4),
    numClasses: z
      .number()
      .int()
      .positive()
      .max(1 << 20),
    classNames: z
      .array(label)
      .max(1 << 20)
      .optional(),
    featureNames: z
      .array(label)
      .max(1 << 20)
      .optional(),
    vocabulary: z
      .array(label)
      .max(1 << 20)
      .optional(),
    standardizer: z
      .strictObject({ mean: z.array(finite), std: z.array(finite.refine((v) => v > 0, 'expected a number > 0')) })
      .optional(),
    config: configSchema,
  })
  .superRefine((info, ctx) => {
    const width = info.inputShape.reduce((a, b) => a * b, 1);
    const mismatch = (path: PropertyKey[], length: number, expected: number, what: string): void => {
      if (length !== expected)
        ctx.addIssue({ code: 'custom', path, message: `expected ${expected} entries (${what}), found ${length}` });
    };
    if (width > 1 << 24)
      ctx.addIssue({ code: 'custom', path: ['inputShape'], message: 'expected at most 16777216 features in all' });
    if (info.standardizer) {
      mismatch(['standardizer', 'mean'], info.standardizer.mean.length, width, 'one per input feature');
      mismatch(['standardizer', 'std'], info.standardizer.std.length, width, 'one per input feature');
    }
    if (info.featureNames) mismatch(['featureNames'], info.featureNames.length, width, 'one per input feature');
    if (info.classNames) mismatch(['classNames'], info.classNames.length, info.numClasses, 'one per class');
    if (info.vocabulary) mismatch(['vocabulary'], info.vocabulary.length, info.numClasses, 'one per token');
    if (info.featureNames && new Set(info.featureNames).size !== info.featureNames.length) {
      ctx.addIssue({ code: 'custom', path: ['featureNames'], message: 'expected distinct names' });
    }
    if (info.config.dataset.name !== info.dataset) {
      ctx.addIssue({
        code: 'custom',
        path: ['config', 'dataset', 'name'],
        message: `expected the sidecar's dataset '${info.dataset}'`,
      });
    }
  });

/** What the CLI stores next to a saved model so that `evaluate` and `predict` prepare data the same way. */
export type ModelInfo = z.infer<typeof sidecarSchema>;

/**
 * Reads and validates a sidecar. Anything wrong with it — not a regular file, too large, not JSON, a field of the
 * wrong type, a non-finite statistic, an unknown dataset — is a `UsageError` (exit 2) naming the file and field.
 *
 * @example
 * const info = readSidecar('runs/x/model/rectify-cli.json');
 */
export function readSidecar(path: string): ModelInfo {
  const stat = fsTry('read', path, () => statSync(path));
  if (!stat.isFile()) throw new UsageError(`${path}: invalid sidecar: not a regular file`);
  if (stat.size > MAX_BYTES)
    throw new UsageError(`${path}: invalid sidecar: ${stat.size} bytes, more than the ${MAX_BYTES} a sidecar can need`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fsTry('read', path, () => readFileSync(path, 'utf8')));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new UsageError(`${path}: invalid sidecar: not valid JSON (${error.message})`);
  }
  const result = sidecarSchema.safeParse(parsed);
  if (!result.success)
    throw new UsageError(
      `${path}: invalid sidecar: ${formatIssues(sidecarSchema, parsed, result.error.issues).join('; ')}`,
    );
  return result.data;
}
