import { RectifyError } from '@rectify/tensor';
import type { Shape } from '@rectify/layers';
import type { LayersModel, SummaryRow } from './layers-model.js';
import { initializerHint } from './init-hints.js';
import { activationOf, mainInitializerConfig } from './layer-facts.js';

export interface SummaryOptions {
  /** Where the table goes (default console.log). */
  printFn?: (text: string) => void;
  /** Total width of the table (default: fitted to the contents). */
  lineLength?: number;
}

const HEADERS = ['Layer (type)', 'Output Shape', 'Param #', 'Activation', 'Initializer'] as const;

/** Keras prints shapes as tuples with None: `(None, 64)`. */
function formatShape(s: SummaryRow['outputShape']): string {
  if (s === 'multiple') return 'multiple';
  const one = (x: Shape): string =>
    `(${x.map((d) => (d === null ? 'None' : String(d))).join(', ')}${x.length === 1 ? ',' : ''})`;
  return Array.isArray(s[0]) ? (s as readonly Shape[]).map(one).join(', ') : one(s as Shape);
}

const fmtInt = (n: number): string => n.toLocaleString('en-US');

/**
 * The table `model.summary()` prints. Parameter counts need built layers, so an unbuilt model is an error that
 * says how to build it.
 */
export function summarize(model: LayersModel, options: SummaryOptions = {}): string {
  if (!model.built) {
    throw new RectifyError(
      `summary: model '${model.name}' is not built yet; give the first layer an inputShape, start with input({shape}), or call build([null, ...shape]) or fit first`,
    );
  }
  const rows = model.summaryRows();
  const cells = rows.map(({ layer, outputShape }) => [
    `${layer.name} (${layer.className})`,
    formatShape(outputShape),
    fmtInt(layer.countParams()),
    activationOf(layer),
    String(mainInitializerConfig(layer)?.['name'] ?? '—'),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)) + 2);
  if (options.lineLength !== undefined) {
    const extra = options.lineLength - widths.reduce((a, b) => a + b, 0);
    if (extra > 0) widths[0]! += extra;
  }
  const total = widths.reduce((a, b) => a + b, 0);
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => ` ${c}`.padEnd(widths[i]!))
      .join('')
      .trimEnd();
  const hints = rows.flatMap(({ layer }) => {
    const h = initializerHint(layer);
    return h ? [h] : [];
  });
  const trainable = model.trainableWeights.reduce((n, w) => n + w.size, 0);
  const nonTrainable = model.nonTrainableWeights.reduce((n, w) => n + w.size, 0);
  const out = [
    `Model: "${model.name}"`,
    '_'.repeat(total),
    line(HEADERS),
    '='.repeat(total),
    ...cells.flatMap((r, i) => (i === 0 ? [line(r)] : ['', line(r)])),
    '='.repeat(total),
    `Total params: ${fmtInt(trainable + nonTrainable)}`,
    `Trainable params: ${fmtInt(trainable)}`,
    `Non-trainable params: ${fmtInt(nonTrainable)}`,
    '_'.repeat(total),
    ...hints,
  ];
  return out.join('\n');
}
