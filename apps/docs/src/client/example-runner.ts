import { recordingContext } from '../example-api.js';
import { renderPlot } from '@rectify/plot';
import { activateBackend, chosenBackend } from './backend.js';
import { loadFramework } from './framework.js';
import { type ExampleModule, evaluateExample } from './transpile.js';

// Every example file, bundled: an unedited example runs exactly the code the tests run.
const bundled = import.meta.glob<ExampleModule>('../../examples/*.ts');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `Error: ${String(err)}`;
}

/**
 * Replaces a static example block with the runner: an editor holding the example's source, Run and Reset, the
 * printed output, the plots it draws, and its error (if any) — shown in the page, never only in the console.
 * `data-state` on the block is idle, running, done or error.
 * @example document.querySelectorAll<HTMLElement>('.rf-example').forEach(mountExample)
 */
export function mountExample(block: HTMLElement): void {
  const name = block.dataset['example']!;
  const original = block.querySelector('pre')?.textContent ?? '';
  const load = bundled[`../../examples/${name}.ts`];

  const bar = el('div', 'rf-example-bar');
  const title = el('span', 'rf-example-title', `examples/${name}.ts`);
  const run = el('button', 'rf-run', 'Run');
  const reset = el('button', 'rf-reset', 'Reset');
  const status = el('span', 'rf-status');
  status.setAttribute('role', 'status');
  run.type = reset.type = 'button';
  bar.append(title, run, reset, status);
  const editor = el('textarea', 'rf-editor');
  editor.value = original;
  editor.spellcheck = false;
  editor.rows = Math.min(original.split('\n').length + 1, 40);
  editor.setAttribute('aria-label', `Source of examples/${name}.ts`);
  const output = el('pre', 'rf-output');
  output.setAttribute('aria-label', 'Output');
  const plots = el('div', 'rf-plots');
  const error = el('div', 'rf-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  block.replaceChildren(bar, editor, output, plots, error);
  block.dataset['state'] = 'idle';

  editor.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.shiftKey) return;
    e.preventDefault();
    editor.setRangeText('  ', editor.selectionStart, editor.selectionEnd, 'end');
  });
  reset.addEventListener('click', () => {
    editor.value = original;
  });
  run.addEventListener('click', async () => {
    block.dataset['state'] = 'running';
    run.disabled = true;
    output.textContent = '';
    plots.replaceChildren();
    error.hidden = true;
    const backend = chosenBackend();
    status.textContent = `running on ${backend}…`;
    const t0 = performance.now();
    try {
      const modules = await loadFramework();
      const rf = modules['@rectify/rectify'] as unknown as typeof import('@rectify/rectify');
      const active = await activateBackend(rf, backend);
      const edited = editor.value !== original;
      const mod = edited || !load ? await evaluateExample(editor.value, modules) : await load();
      const ctx = recordingContext(active, {
        line: (s) => output.append(`${s}\n`),
        plot: (spec) => {
          const fig = el('figure', 'rf-figure');
          fig.innerHTML = renderPlot(spec);
          plots.append(fig);
        },
      });
      await mod.run(ctx);
      status.textContent = `done in ${Math.round(performance.now() - t0)} ms on ${active}${edited ? ' (edited)' : ''}`;
      block.dataset['state'] = 'done';
    } catch (err) {
      error.textContent = describeError(err);
      error.hidden = false;
      status.textContent = 'failed';
      block.dataset['state'] = 'error';
    } finally {
      run.disabled = false;
    }
  });
}
