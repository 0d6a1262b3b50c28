import type { CompatCase } from '../harness.js';
import { layersApiCases } from './layers-api.js';
import { sequenceVisionCases } from './sequence-vision-layers.js';
import { tensorApiCases } from './tensor-api.js';
import { trainingCases } from './training.js';

/**
 * Every compatibility case, one per claimed tfjs symbol. To claim a symbol: add a case to the file of its area
 * (or a new file here), then run `node scripts/tfjs-compat-table.mjs` to regenerate docs/tfjs-compatibility.md.
 */
export const cases: readonly CompatCase[] = [
  ...trainingCases,
  ...layersApiCases,
  ...sequenceVisionCases,
  ...tensorApiCases,
];
