import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { get, list } from '@rectify/activations';
import { list as initializerNames } from '@rectify/initializers';
import { activationNotes } from '../src/site/activation-notes.js';
import { activationSection, activationsMarkdown, curve } from '../src/site/activations-section.js';
import { apiModel } from '../scripts/api-model.mjs';
import { activationDoc } from '../src/site/doc-comments.js';
import { highlightTs } from '../src/site/highlight.js';
import { initializersMarkdown } from '../src/site/initializers-section.js';
import { checkLinks } from '../src/site/link-check.js';
import { slugify } from '../src/site/markdown.js';
import { pages } from '../src/site/pages.js';
import { CONTENT_DIR, expandDirectives, renderPage } from '../src/site/render-page.js';

// The Activations page reads TypeDoc's model of the packages: converted here when the build has not made it.
beforeAll(() => apiModel(), 180_000);

describe('pages', () => {
  it('every page has a content file, and every content file a page', () => {
    const files = readdirSync(CONTENT_DIR)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(files).toEqual(pages.map((p) => p.slug).sort());
  });

  it('renders every page with its title, the navigation and the client script', () => {
    for (const p of pages) {
      const html = renderPage(p.slug);
      expect(html, p.slug).toMatch(/<h1 id="[^"]+">/);
      expect(html).toContain('<script type="module" src="/src/client/main.ts"></script>');
      expect(html).toContain('href="api/index.html"');
    }
  });

  it('keeps example source intact: no blank line ends the HTML block early', () => {
    const html = renderPage('getting-started');
    const block = /<pre class="rf-example-source"><code>(.*?)<\/code><\/pre>/.exec(html)![1]!;
    expect(block).not.toContain('\n');
    expect(block).toContain('&#10;&#10;<span class="kw">export</span>');
  });

  it('rejects unknown examples, directives and files with a message naming them', () => {
    expect(() => expandDirectives('x', '::: example nope')).toThrow(
      /^docs: page 'x' embeds unknown example 'nope'; examples: activation-curves, /,
    );
    expect(() => expandDirectives('x', '::: chart')).toThrow(
      "docs: page 'x': unknown directive '::: chart'; known: example, activations, initializers, source, playground",
    );
    expect(() => expandDirectives('x', '::: source ../../etc/passwd')).toThrow(
      "docs: page 'x': '::: source ../../etc/passwd' names no file of the repository",
    );
    expect(() => renderPage('nowhere')).toThrow(/^docs: no page 'nowhere'; pages: index, getting-started/);
  });

  it('slugs headings like GitHub, numbering repeats', () => {
    const taken = new Map<string, number>();
    expect(['Tensors and backends', 'relu', 'relu', 'f′(x) & more'].map((t) => slugify(t, taken))).toEqual([
      'tensors-and-backends',
      'relu',
      'relu-2',
      'fx-more',
    ]);
  });
});

describe('the Activations page, generated from the registry', () => {
  it("reads formula, derivative and reference from the doc comments, through TypeDoc's model", () => {
    const relu = activationDoc('relu');
    expect(relu.formula).toBe('f(x) = max(x, 0).');
    expect(relu.derivative).toMatch(/^f'\(x\) = 1 for x > 0, else 0/);
    expect(relu.reference).toBe('Nair & Hinton (2010); PyTorch `relu`, Keras `relu`.');
    expect(() => activationDoc('nonexistent')).toThrow(
      "docs: @rectify/activations exports no documented function 'nonexistent'",
    );
  });

  it('has notes, a formula and a derivative for every registered activation', () => {
    expect(Object.keys(activationNotes).sort()).toEqual(list().sort());
    for (const name of list()) {
      const doc = activationDoc(name);
      expect(doc.formula, name).not.toBe('');
      expect(doc.derivative, name).not.toBe('');
    }
  });

  it('writes one section per activation with its defaults and plot', () => {
    const md = activationsMarkdown();
    for (const name of list()) expect(md).toContain(`\n## ${name}\n`);
    const leaky = activationSection('leakyRelu');
    expect(leaky).toContain('| `alpha` | number | `0.01` |');
    expect(leaky).toContain("Also accepted as `'leaky_relu'`.");
    expect(leaky).toContain('| range | [−∞, ∞] |');
    expect(activationSection('gelu')).toContain("| `approximate` | choice: 'none', 'tanh' | `'none'` |");
    expect(activationSection('relu')).toContain('**Options.** None.');
  });

  it('samples f and f′ on [−5, 5] from the registry', () => {
    const c = curve('selu', 11);
    expect(c.x).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect(c.f[10]).toBeCloseTo(1.0507009873554805 * 5, 6);
    expect(c.df[0]).toBeCloseTo(1.0507009873554805 * 1.6732632423543772 * Math.exp(-5), 6);
    expect(c.f).toEqual(c.x.map((v) => get('selu').f(v)));
  });
});

describe('the Initializers table', () => {
  it('lists every initializer with its measured spread', () => {
    const md = initializersMarkdown();
    const rows = md.split('\n').slice(2);
    expect(rows.map((r) => /^\| `(\w+)`/.exec(r)![1])).toEqual(initializerNames());
    const std = (name: string) => Number(new RegExp(`^\\| \`${name}\` .* \\| ([\\d.e-]+) \\|$`, 'm').exec(md)![1]);
    expect(std('heNormal')).toBeCloseTo(Math.sqrt(2 / 256), 2);
    expect(std('glorotUniform')).toBeCloseTo(Math.sqrt(2 / 512), 2);
    expect(std('zeros')).toBe(0);
    expect(md).toContain('| `heNormal` | `he_normal` |');
  });
});

describe('checkLinks', () => {
  it('reports missing files, missing anchors and links out of the site, and ignores external ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'links-'));
    mkdirSync(join(root, 'api', 'classes'), { recursive: true });
    writeFileSync(
      join(root, 'index.html'),
      '<a href="a.html#ok">x</a><a href="a.html#gone"></a><a href="missing.html"></a><a href="https://example.com/x"></a><a href="#top"></a><h1 id="top"></h1>',
    );
    writeFileSync(
      join(root, 'a.html'),
      '<h2 id="ok"></h2><a href="api/">api</a><a href="../outside.html"></a><img src="data:,">',
    );
    writeFileSync(join(root, 'api', 'index.html'), '<a href="classes/X.html"></a><a href="../index.html#top"></a>');
    writeFileSync(
      join(root, 'api', 'classes', 'X.html'),
      '<a href="../../a.html"></a><a name="anchor"></a><a href="#anchor"></a>',
    );
    expect(checkLinks(root)).toEqual([
      { page: 'a.html', href: '../outside.html', reason: 'points outside the site' },
      { page: 'index.html', href: 'a.html#gone', reason: "no id 'gone' in a.html" },
      { page: 'index.html', href: 'missing.html', reason: 'no file missing.html' },
    ]);
  });
});

describe('highlightTs', () => {
  it('marks keywords, strings, numbers and comments, and escapes HTML', () => {
    expect(highlightTs("const s = 'a<b'; // x > 1")).toBe(
      '<span class="kw">const</span> s = <span class="str">\'a&lt;b\'</span>; <span class="com">// x &gt; 1</span>',
    );
    expect(highlightTs('f(2.5e-3)')).toBe('f(<span class="num">2.5e-3</span>)');
  });
});
