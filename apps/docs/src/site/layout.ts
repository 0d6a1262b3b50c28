import { escapeHtml } from './highlight.js';
import type { TocEntry } from './markdown.js';
import { API_DIR, type PageDef, pageFile, pages } from './pages.js';

function nav(current: string): string {
  const groups = [...new Set(pages.map((p) => p.group))];
  const items = groups.map((g) => {
    const links = pages
      .filter((p) => p.group === g && p.slug !== 'index')
      .map(
        (p) =>
          `<li><a href="${pageFile(p.slug)}"${p.slug === current ? ' aria-current="page"' : ''}>${escapeHtml(p.title)}</a></li>`,
      );
    if (g === 'Reference') links.push(`<li><a href="${API_DIR}/index.html">API reference</a></li>`);
    return `<h2>${g}</h2><ul>${links.join('')}</ul>`;
  });
  return `<nav class="rf-nav" aria-label="Site">${items.join('')}</nav>`;
}

function toc(entries: readonly TocEntry[]): string {
  if (entries.length < 2) return '';
  const items = entries
    .map((e) => `<li class="l${e.level}"><a href="#${e.id}">${escapeHtml(e.text)}</a></li>`)
    .join('');
  return `<aside class="rf-toc" aria-label="On this page"><h2>On this page</h2><ul>${items}</ul></aside>`;
}

/**
 * The whole HTML document of one page around its rendered markdown.
 * @example layout(pages[0], '<h1>Rectify</h1>', [])
 */
export function layout(page: PageDef, body: string, entries: readonly TocEntry[]): string {
  const title = page.slug === 'index' ? 'Rectify — deep learning in TypeScript' : `${page.title} · Rectify`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<script type="module" src="/src/client/main.ts"></script>
</head>
<body data-page="${page.slug}">
<header class="rf-header">
  <a class="rf-logo" href="index.html">Rectify</a>
  <span class="rf-tagline">deep learning that shows you why</span>
  <label class="rf-backend">Backend
    <select id="rf-backend-select" aria-label="Backend for the examples">
      <option value="cpu">cpu</option>
      <option value="gpu">gpu (gpu.js)</option>
    </select>
  </label>
</header>
<div class="rf-layout">
${nav(page.slug)}
<main class="rf-content">
${body}
</main>
${toc(entries)}
</div>
</body>
</html>
`;
}
