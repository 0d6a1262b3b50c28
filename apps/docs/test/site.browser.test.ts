import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { list as activationNames } from '@rectify/activations';
import { pages } from '../src/site/pages.js';
import { exampleNames } from '../src/site/render-page.js';
import { APP_ROOT, CHROMIUM, buildSite, launchChromium, serve } from './browser/harness.js';

const SHOTS = `${APP_ROOT}../../test-output/docs-screenshots/`;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env['CI'])
  console.warn(`docs browser test skipped: ${CHROMIUM} is missing (it is required when CI is set)`);

// What each example must print in the page, and whether it draws.
const expected: Record<string, { text: RegExp; plots: boolean }> = {
  'first-model': { text: /final loss 0\.\d{4}, accuracy 1/, plots: true },
  'tensors-basics': { text: /backend: cpu[\s\S]*a \+ b =[\s\S]*11[\s\S]*row means/, plots: false },
  'autograd-basics': { text: /checkGradients: ok=true/, plots: false },
  'activation-curves': { text: /gelu/, plots: true },
  'dead-units': { text: /relu: 3 of 8 units dead/, plots: true },
  'init-variance': { text: /after 20 layers: He 0\.\d+/, plots: true },
  'layers-model': { text: /Total params: 1,131/, plots: false },
  'stream-csv': { text: /rings\.csv: 600 rows[\s\S]*streamed 600 rows per epoch/, plots: true },
  'training-callbacks': { text: /hidden1: \d+% active[\s\S]*accuracy on all points/, plots: true },
  'vanishing-gradients': { text: /first\/last layer gradient ratio: sigmoid/, plots: true },
  'gpu-backend': { text: /largest difference from the cpu backend: 0\.00e\+0/, plots: false },
  'sequence-forecast': { text: /test MSE: GRU 0\.\d{4}, persistence 0\.1\d{3}/, plots: true },
  'tiny-gpt': { text: /bits per character: [\d.]+ → [\d.]+[\s\S]*greedy: {6}call me ishmael/, plots: true },
};

describe.skipIf(!hasChromium && !process.env['CI'])('the docs site in headless Chromium', () => {
  let outDir = '';
  let server: Server | undefined;
  let url = '';
  let browser: Browser | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    outDir = await buildSite();
    ({ url, server } = await serve(outDir));
    browser = await launchChromium();
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function open(slug: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${slug}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${slug}: ${e.message}`));
    await page.goto(`${url}${slug}.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return page;
  }

  /** A screenshot of the whole page, taken with a viewport as tall as the page (sticky headers stay on top). */
  async function shoot(page: Page, name: string, anchor?: string): Promise<void> {
    if (anchor) {
      await page.setViewportSize({ width: 1360, height: 1400 });
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), anchor);
    } else {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1360, height: Math.min(height, 8000) });
    }
    await page.screenshot({ path: `${SHOTS}${name}.png` });
    await page.setViewportSize({ width: 1360, height: 900 });
  }

  async function runExample(
    page: Page,
    name: string,
  ): Promise<{ state: string; output: string; error: string; plotted: number }> {
    const block = page.locator(`.rf-example[data-example="${name}"]`);
    await block.locator('button.rf-run').click();
    await page.waitForFunction(
      (n) => {
        const s = document.querySelector<HTMLElement>(`.rf-example[data-example="${n}"]`)?.dataset['state'];
        return s === 'done' || s === 'error';
      },
      name,
      { timeout: 60_000 },
    );
    return block.evaluate((el) => ({
      state: (el as HTMLElement).dataset['state'] ?? '',
      output: el.querySelector('.rf-output')?.textContent ?? '',
      error: el.querySelector('.rf-error')?.textContent ?? '',
      // Drawn data: line paths with points, or bars.
      plotted: el.querySelectorAll('.rf-plots path.rf-series:not([data-points="0"]), .rf-plots rect.rf-bar').length,
    }));
  }

  it('visits every page, runs every example and finds its output and plots', async () => {
    const ran = new Set<string>();
    for (const p of pages) {
      const page = await open(p.slug);
      expect(await page.locator('main h1').first().textContent()).toBeTruthy();
      for (const name of await page
        .locator('.rf-example')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['example']!))) {
        const r = await runExample(page, name);
        expect(r.error, `${p.slug}/${name}`).toBe('');
        expect(r.state, `${p.slug}/${name}`).toBe('done');
        expect(r.output, `${p.slug}/${name}`).toMatch(expected[name]!.text);
        if (expected[name]!.plots) expect(r.plotted, `${p.slug}/${name} plots`).toBeGreaterThan(0);
        ran.add(name);
      }
      if (['index', 'getting-started', 'initializers', 'training'].includes(p.slug)) await shoot(page, p.slug);
      if (p.slug === 'activations') await shoot(page, 'activations-gelu', 'gelu');
      await page.close();
    }
    expect([...ran].sort()).toEqual(exampleNames());
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it('draws f and f′ of every activation on the Activations page', async () => {
    const page = await open('activations');
    const figures = await page.locator('figure[data-activation]').evaluateAll((els) =>
      els.map((e) => ({
        name: (e as HTMLElement).dataset['activation'],
        paths: [...e.querySelectorAll('path.rf-series')].map((p) => Number(p.getAttribute('data-points'))),
      })),
    );
    expect(figures.map((f) => f.name)).toEqual(activationNames());
    for (const f of figures) expect(f.paths, f.name).toEqual([201, 201]);
    await page.close();
  });

  it('reruns an edited example, and shows errors in the page', async () => {
    const page = await open('tensors');
    const editor = page.locator('.rf-example[data-example="tensors-basics"] textarea');
    const source = await editor.inputValue();
    await editor.fill(source.replace('rf.tensor([10, 20, 30])', 'rf.tensor([100, 200, 300])'));
    let r = await runExample(page, 'tensors-basics');
    expect(r.error).toBe('');
    expect(r.state).toBe('done');
    expect(r.output).toMatch(/\[\[101\.?, 202\.?, 303\.?\]/);
    await editor.fill(source.replace('rf.transpose(a)', 'a'));
    r = await runExample(page, 'tensors-basics');
    expect(r.state).toBe('error');
    expect(r.error).toMatch(/^ShapeError: matmul: inner dimensions differ: \[2,3\] x \[2,3\]/);
    await editor.fill('export async function run(ctx) { ctx.print(1 +; }');
    r = await runExample(page, 'tensors-basics');
    expect(r.state).toBe('error');
    expect(r.error).toMatch(/SyntaxError|Unexpected token/);
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('runs an example on the gpu backend (gpu.js, WebGL2 in software)', async () => {
    const page = await open('gpu');
    await page.selectOption('#rf-backend-select', 'gpu');
    const r = await runExample(page, 'gpu-backend');
    expect(r.error).toBe('');
    expect(r.output).toMatch(/on 'gpu'/);
    const diff = Number(/largest difference from the cpu backend: (\S+)/.exec(r.output)?.[1]);
    expect(diff).toBeLessThan(1e-4);
    await shoot(page, 'gpu');
    await page.selectOption('#rf-backend-select', 'cpu');
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('playground: sliders redraw the curves, and the dying-ReLU demo shows dead units rising', async () => {
    const page = await open('playground');
    await page.locator('.rf-pg-acts input[value="leakyRelu"]').check();
    const before = await page.locator('#rf-pg-curves').innerHTML();
    await page.locator('input[data-activation="leakyRelu"][data-option="alpha"]').fill('0.5');
    expect(await page.locator('#rf-pg-curves').innerHTML()).not.toBe(before);

    await page.locator('button[data-demo="dying"]').click();
    await page.waitForFunction(
      () => ['done', 'error'].includes(document.querySelector<HTMLElement>('#rf-playground')?.dataset['state'] ?? ''),
      undefined,
      { timeout: 90_000 },
    );
    const results = JSON.parse((await page.locator('#rf-playground').getAttribute('data-results'))!) as {
      label: string;
      deadUnits: number[];
    }[];
    const [calm, hot] = results;
    expect(hot!.label).toBe('relu, lr 0.7');
    expect(hot!.deadUnits.at(-1)!).toBeGreaterThan(hot!.deadUnits[0]! + 20);
    expect(hot!.deadUnits.at(-1)!).toBeGreaterThan(calm!.deadUnits.at(-1)! + 20);
    expect(await page.locator('#rf-pg-charts svg path.rf-series').count()).toBeGreaterThan(0);
    await shoot(page, 'playground-dying-relu');

    await page.locator('button[data-demo="vanishing"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('#rf-playground')?.dataset['demo'] === 'vanishing' &&
        document.querySelector<HTMLElement>('#rf-playground')?.dataset['state'] === 'done',
      undefined,
      { timeout: 90_000 },
    );
    await shoot(page, 'playground-vanishing');

    const finished = (demo: string) =>
      page.waitForFunction(
        (d) => {
          const el = document.querySelector<HTMLElement>('#rf-playground');
          return el?.dataset['demo'] === d && ['done', 'error'].includes(el.dataset['state'] ?? '');
        },
        demo,
        { timeout: 90_000 },
      );
    for (const demo of ['init', 'selu', 'transformer']) {
      await page.locator(`button[data-demo="${demo}"]`).click();
      await finished(demo);
      expect(await page.locator('#rf-playground').getAttribute('data-state'), demo).toBe('done');
    }
    await shoot(page, 'playground-transformer');

    // A custom network uses the activation picked and its slider's α.
    await page.selectOption('#rf-pg-activation', 'leakyRelu');
    await page.locator('#rf-pg-steps').fill('10');
    await page.locator('#rf-pg-train').click();
    await finished('custom');
    const custom = JSON.parse((await page.locator('#rf-playground').getAttribute('data-results'))!) as {
      label: string;
      steps: number[];
    }[];
    expect(custom[0]!.label).toBe('leakyRelu, heNormal, lr 0.1');
    expect(custom[0]!.steps).toEqual([0, 5, 10]);
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it('serves the API reference with a page per symbol', async () => {
    const page = await open('index');
    await page.goto(`${url}api/index.html`);
    expect(await page.locator('a[href="modules/_rectify_rectify.html"]').count()).toBeGreaterThan(0);
    await page.goto(`${url}api/functions/_rectify_activations.get.html`);
    expect(await page.locator('h1').first().textContent()).toMatch(/get/);
    await page.screenshot({ path: `${SHOTS}api.png` });
    await page.close();
  });
});
