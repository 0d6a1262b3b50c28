import { ValueError } from '@rectify/tensor';

/** Deeper nesting than any real model file; recursive code further on would overflow the stack. */
export const MAX_JSON_DEPTH = 256;

/**
 * Nesting depth of JSON text and the first key its top-level object repeats, found in one pass over the characters
 * (strings skipped) without building anything, so that a 100k-deep file is refused before anything recurses on it.
 */
export function scanJson(text: string): { depth: number; duplicateKey: string | undefined } {
  let depth = 0;
  let max = 0;
  let duplicateKey: string | undefined;
  const topKeys = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      if (depth === 1 && duplicateKey === undefined && isKey(text, i + 1)) {
        const key = decodeKey(text.slice(start, i + 1));
        if (topKeys.has(key)) duplicateKey = key;
        topKeys.add(key);
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return { depth: max, duplicateKey };
}

function isKey(text: string, from: number): boolean {
  let j = from;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return text[j] === ':';
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

/**
 * Parses JSON read from a model file: invalid JSON or nesting deeper than {@link MAX_JSON_DEPTH} is a ValueError
 * naming the file, never a SyntaxError or a stack overflow later on.
 * @example
 * const json = parseModelJson('loadModel', '{"format": "layers-model"}', "model.json in './m'");
 * json; // → { format: 'layers-model' }
 */
export function parseModelJson(fn: string, text: string, what: string): unknown {
  const { depth } = scanJson(text);
  if (depth > MAX_JSON_DEPTH)
    throw new ValueError(`${fn}: ${what} nests ${depth} levels deep; model files nest at most ${MAX_JSON_DEPTH}`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValueError(`${fn}: ${what} is not valid JSON (${(err as Error).message})`);
  }
}

/**
 * Refuses parsed JSON nested deeper than {@link MAX_JSON_DEPTH} (measured without recursion), for the functions
 * that take model.json as an object rather than as text.
 * @example
 * checkDepth('fromTfjs', { modelTopology: { config: { layers: [] } } }, 'model.json'); // shallow enough: no error
 */
export function checkDepth(fn: string, value: unknown, what: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > MAX_JSON_DEPTH)
      throw new ValueError(`${fn}: ${what} nests more than ${MAX_JSON_DEPTH} levels deep; model files nest far less`);
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
}
