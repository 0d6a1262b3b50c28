import { CliError } from '../errors.js';
import type { ModelInfo } from '../run-dir/model-dir.js';

export interface Prediction {
  readonly class?: number;
  readonly label?: string;
  readonly probability?: number;
  readonly top?: ReadonlyArray<{ class: number; label: string; probability: number }>;
  readonly value?: number | number[];
}

function label(info: ModelInfo | undefined, c: number): string {
  return info?.classNames?.[c] ?? info?.vocabulary?.[c] ?? String(c);
}

/** Class scores to ranked predictions, or raw values for regression. */
export function toPredictions(out: Float32Array, n: number, info: ModelInfo | undefined, top: number): Prediction[] {
  const k = out.length / n;
  const regression = info?.task === 'regression' || (info === undefined && k === 1);
  return Array.from({ length: n }, (_, i) => {
    const row = Array.from(out.subarray(i * k, (i + 1) * k));
    if (regression) return { value: row.length === 1 ? row[0]! : row };
    const ranked = row
      .map((p, c) => ({ class: c, label: label(info, c), probability: p }))
      .sort((a, b) => b.probability - a.probability);
    const best = ranked[0]!;
    return { class: best.class, label: best.label, probability: best.probability, top: ranked.slice(0, top) };
  });
}

/** A NaN prediction is a broken model, not an answer: refuse to print it as one (exit 1). */
export function checkFinite(out: Float32Array, n: number, dir: string): void {
  const k = out.length / n;
  const bad: number[] = [];
  for (let i = 0; i < n; i++) if (out.subarray(i * k, (i + 1) * k).some((v) => !Number.isFinite(v))) bad.push(i + 1);
  if (bad.length === 0) return;
  const which = bad.length > 5 ? `${bad.slice(0, 5).join(', ')}, …` : bad.join(', ');
  throw new CliError(
    `the model in ${dir} gave outputs that are not numbers (NaN or infinite) for ${bad.length} of ${n} samples (sample ${which}); its weights or the input are broken`,
  );
}

export const show = (s: string) => JSON.stringify(s).slice(1, -1);

/** One prediction as a line of text: `head` (the sample or file), then the value or the ranked classes. */
export function predictionLine(head: string, p: Prediction): string {
  if (p.value !== undefined)
    return `${head} ${Array.isArray(p.value) ? p.value.map((v) => v.toFixed(4)).join(', ') : p.value.toFixed(4)}`;
  return `${head} ${show(p.label!)} (p=${p.probability!.toFixed(3)})  top: ${p.top!.map((t) => `${show(t.label)} ${t.probability.toFixed(3)}`).join(', ')}`;
}
