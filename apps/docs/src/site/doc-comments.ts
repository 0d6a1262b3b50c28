import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The parts of one activation's TSDoc comment the Activations page shows. */
export interface ActivationDoc {
  readonly summary: string;
  readonly formula: string;
  readonly derivative: string;
  readonly reference: string;
}

const CATALOGUE = fileURLToPath(new URL('../../../../packages/activations/src/catalogue/', import.meta.url));

/** A doc comment's text without the leading `*`s, with `{@link X}` reduced to `X`. */
function commentText(raw: string): string {
  return raw
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join('\n')
    .replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`')
    .trim();
}

/** The text after `label` up to the first of `ends` (or the end), joined into one line. */
function section(text: string, label: RegExp, ends: RegExp): string {
  const m = label.exec(text);
  if (!m) return '';
  const rest = text.slice(m.index + m[0].length);
  const end = ends.exec(rest);
  return (end ? rest.slice(0, end.index) : rest).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Reads the TSDoc comment above `export function <name>(` in @rectify/activations' catalogue, so that the formulas
 * on the Activations page are the ones written beside the code, never a second copy.
 * @example activationDoc('relu').formula // 'f(x) = max(x, 0).'
 */
export function activationDoc(name: string, dir: string = CATALOGUE): ActivationDoc {
  const pattern = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export function ${name}\\(`);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const m = pattern.exec(readFileSync(`${dir}${file}`, 'utf8'));
    if (!m) continue;
    const text = commentText(m[1]!);
    const tags = /\n\s*@(param|returns|example)\b|\nReference:/;
    return {
      summary: text
        .split(/\n\s*\n|\nFormula:/)[0]!
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
      formula: section(text, /Formula:\s*/, /\s*Derivatives?:|\n\s*\n|\n\s*@/),
      derivative: section(text, /Derivatives?:\s*/, new RegExp(`${tags.source}|\\n\\s*\\n`)),
      reference: section(text, /\nReference:\s*/, /\n\s*@|\n\s*\n/),
    };
  }
  throw new Error(`docs: no doc comment above 'export function ${name}(' in ${dir}`);
}
