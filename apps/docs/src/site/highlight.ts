const KEYWORDS = new Set(
  (
    'const let var function return async await import from export type interface as new if else for of in while ' +
    'class extends true false null undefined this typeof throw try catch finally'
  ).split(' '),
);

const esc = (s: string): string => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

// Comments, strings (with template literals), numbers, words, anything else — in that order of preference.
const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)|([\s\S])/g;

/**
 * A small TypeScript/JavaScript highlighter for code blocks: comments, strings, numbers and keywords get a class.
 * Good enough for docs; a full grammar would cost more than it shows.
 * @example highlightTs('const x = 1;') // '<span class="kw">const</span> x = <span class="num">1</span>;'
 */
export function highlightTs(code: string): string {
  return code.replace(TOKEN, (m, comment?: string, str?: string, num?: string, word?: string) => {
    if (comment) return `<span class="com">${esc(m)}</span>`;
    if (str) return `<span class="str">${esc(m)}</span>`;
    if (num) return `<span class="num">${m}</span>`;
    if (word) return KEYWORDS.has(m) ? `<span class="kw">${m}</span>` : m;
    return esc(m);
  });
}

export { esc as escapeHtml };
