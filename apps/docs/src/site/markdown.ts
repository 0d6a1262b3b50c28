import MarkdownIt from 'markdown-it';
import { escapeHtml, highlightTs } from './highlight.js';

/** A heading the page's table of contents lists. */
export interface TocEntry {
  readonly level: number;
  readonly id: string;
  readonly text: string;
}

/**
 * `'Tensors and backends'` → `'tensors-and-backends'`; a repeat gets `-2`, `-3` …, as GitHub does.
 * @example slugify('Tensors and backends', new Map()) // 'tensors-and-backends'
 */
export function slugify(text: string, taken: Map<string, number>): string {
  const base =
    text
      .toLowerCase()
      .replace(/<[^>]+>/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section';
  const n = taken.get(base) ?? 0;
  taken.set(base, n + 1);
  return n === 0 ? base : `${base}-${n + 1}`;
}

/**
 * markdown-it with what the docs need: raw HTML (the generated figures), ids on headings, and highlighted
 * TypeScript in fenced code blocks.
 * @example createMarkdown().render('# Hi') // '<h1 id="hi">Hi</h1>\n'
 */
export function createMarkdown(): MarkdownIt {
  const md: MarkdownIt = new MarkdownIt({
    html: true,
    typographer: false,
    highlight: (code, lang) => (/^(ts|typescript|js|javascript)$/.test(lang) ? highlightTs(code) : escapeHtml(code)),
  });
  md.core.ruler.push('heading_ids', (state) => {
    const taken = new Map<string, number>();
    const toc: TocEntry[] = [];
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      const inline = state.tokens[i + 1];
      const text = inline?.children?.map((c) => c.content).join('') ?? '';
      const id = slugify(text, taken);
      token.attrSet('id', id);
      const level = Number(token.tag.slice(1));
      if (level === 2 || level === 3) toc.push({ level, id, text });
    });
    (state.env as { toc?: TocEntry[] }).toc = toc;
  });
  return md;
}
