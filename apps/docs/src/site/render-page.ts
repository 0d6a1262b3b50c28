import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { activationsMarkdown } from './activations-section.js';
import { escapeHtml, highlightTs } from './highlight.js';
import { initializersMarkdown } from './initializers-section.js';
import { layout } from './layout.js';
import { type TocEntry, createMarkdown } from './markdown.js';
import { type PageDef, pages } from './pages.js';

const APP = fileURLToPath(new URL('../../', import.meta.url));
export const CONTENT_DIR = `${APP}content/`;
export const EXAMPLES_DIR = `${APP}examples/`;
const REPO = `${APP}../../`;

/**
 * Names of the runnable examples: the .ts files in examples/.
 * @example exampleNames() // ['activation-curves', 'autograd-basics', …]
 */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function exampleBlock(page: string, name: string): string {
  const file = `${EXAMPLES_DIR}${name}.ts`;
  if (!existsSync(file))
    throw new Error(`docs: page '${page}' embeds unknown example '${name}'; examples: ${exampleNames().join(', ')}`);
  const source = readFileSync(file, 'utf8');
  // The static source is the page's content without JavaScript; the runner replaces it with the editor. Newlines
  // are written as &#10;: a blank line would end markdown-it's HTML block and let it reformat the code.
  return (
    `<div class="rf-example" data-example="${name}">` +
    `<div class="rf-example-title">examples/${name}.ts</div>` +
    `<pre class="rf-example-source"><code>${highlightTs(source).replace(/\n/g, '&#10;')}</code></pre></div>`
  );
}

/**
 * Expands the docs' block directives, each alone on a line:
 * `::: example NAME` (a runnable example), `::: activations` and `::: initializers` (sections generated from the
 * registries), `::: source PATH` (a repository file as a code block), `::: playground` (the playground's mount point).
 * @example expandDirectives('cli', '::: source apps/cli/examples/iris-mlp.yaml')
 */
export function expandDirectives(page: string, source: string): string {
  return source.replace(/^::: *(\w[\w-]*)(?: +([\w./-]+))? *$/gm, (_line, kind: string, arg?: string) => {
    switch (kind) {
      case 'example':
        if (!arg) throw new Error(`docs: page '${page}': '::: example' needs an example name`);
        return `\n${exampleBlock(page, arg)}\n`;
      case 'activations':
        return activationsMarkdown();
      case 'initializers':
        return initializersMarkdown();
      case 'source': {
        // A file of the repository shown as it is, e.g. a CLI config: the docs cannot drift from it.
        const file = `${REPO}${arg ?? ''}`;
        if (!arg || arg.includes('..') || !existsSync(file))
          throw new Error(`docs: page '${page}': '::: source ${arg ?? ''}' names no file of the repository`);
        const lang = arg.split('.').pop() ?? '';
        return `\n<div class="rf-source-title">${escapeHtml(arg)}</div>\n\n\`\`\`\`${lang}\n${readFileSync(file, 'utf8').trimEnd()}\n\`\`\`\`\n`;
      }
      case 'playground':
        return '\n<div id="rf-playground" class="rf-playground"><p class="rf-noscript">The playground needs JavaScript.</p></div>\n';
      default:
        throw new Error(
          `docs: page '${page}': unknown directive '::: ${kind}'; known: example, activations, initializers, source, playground`,
        );
    }
  });
}

const md = createMarkdown();

/**
 * The rendered body (without the layout) and its table of contents.
 * @example renderBody(pages[1]).toc[0] // { level: 2, id: 'install', text: 'Install' }
 */
export function renderBody(page: PageDef): { html: string; toc: TocEntry[] } {
  const file = `${CONTENT_DIR}${page.slug}.md`;
  if (!existsSync(file)) throw new Error(`docs: page '${page.slug}' has no content file ${file}`);
  const env: { toc?: TocEntry[] } = {};
  const html = md.render(expandDirectives(page.slug, readFileSync(file, 'utf8')), env);
  return { html, toc: env.toc ?? [] };
}

/**
 * The complete HTML document for a page slug.
 * @example renderPage('activations') // '<!doctype html>…'
 */
export function renderPage(slug: string): string {
  const page = pages.find((p) => p.slug === slug);
  if (!page) throw new Error(`docs: no page '${slug}'; pages: ${pages.map((p) => p.slug).join(', ')}`);
  const { html, toc } = renderBody(page);
  return layout(page, html, toc);
}

export { pages, escapeHtml };
