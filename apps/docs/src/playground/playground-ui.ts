import * as rf from '@rectify/rectify';
import { PALETTE, renderPlot } from '@rectify/plot';
import { type Demo, demos } from './demos.js';
import { DEFAULT_CONFIG, type LabConfig, type LabRecord, trainLab } from './lab.js';
import { chartsFor } from './charts.js';

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

type NumberSpec = { kind: 'number'; default: number; positive?: boolean };

/** The number options (alpha, beta …) of an activation, from its registry definition. */
function numberOptions(name: string): [string, NumberSpec][] {
  const def = (rf.activations.activations as Record<string, { options: Record<string, { kind: string }> }>)[name];
  return Object.entries(def?.options ?? {}).filter((e): e is [string, NumberSpec] => e[1].kind === 'number');
}

/**
 * Mounts the playground: activation curves with option sliders, and the network lab with its demonstrations.
 * @example mountPlayground(document.querySelector('#rf-playground')!)
 */
export function mountPlayground(root: HTMLElement): void {
  const names = rf.activations.list().filter((n) => rf.activations.get(n).properties.elementwise);
  const values = new Map<string, Record<string, number>>(
    names.map((n) => [n, Object.fromEntries(numberOptions(n).map(([k, o]) => [k, o.default]))]),
  );
  const checked = new Set(['relu', 'gelu', 'swish']);
  const configOf = (name: string) => ({ name, ...values.get(name) });

  // --- f and f′ ---
  const boxes = h('div', { class: 'rf-pg-row rf-pg-acts' });
  const sliders = h('div', { class: 'rf-pg-row rf-pg-sliders' });
  const curves = h('figure', { class: 'rf-figure', id: 'rf-pg-curves' });
  const drawCurves = (): void => {
    const xs = Array.from({ length: 161 }, (_, i) => -4 + i * 0.05);
    const series = [...checked].flatMap((n, i) => {
      const act = rf.activations.get(configOf(n));
      const color = PALETTE[i % PALETTE.length]!;
      return [
        { name: n, x: xs, y: xs.map(act.f), color },
        { name: `${n}′`, x: xs, y: xs.map(act.df), color, dashed: true },
      ];
    });
    curves.innerHTML = series.length
      ? renderPlot({ title: 'f(x) solid, f′(x) dashed', xLabel: 'x', series }, 640, 320)
      : '<p>Pick an activation.</p>';
  };
  const drawSliders = (): void => {
    sliders.replaceChildren(
      ...[...checked].flatMap((n) =>
        numberOptions(n).map(([opt, spec]) => {
          const input = h('input', {
            type: 'range',
            min: spec.positive ? '0.05' : '0',
            max: opt === 'beta' ? '5' : '3',
            step: '0.01',
            value: String(values.get(n)![opt]),
            'data-activation': n,
            'data-option': opt,
          });
          const shown = h('output', {}, String(values.get(n)![opt]));
          input.addEventListener('input', () => {
            values.get(n)![opt] = Number(input.value);
            shown.textContent = input.value;
            drawCurves();
          });
          return h('label', {}, `${n} ${opt === 'alpha' ? 'α' : opt === 'beta' ? 'β' : opt} `, input, ' ', shown);
        }),
      ),
    );
    if (!sliders.childElementCount)
      sliders.append(
        h('span', { class: 'rf-pg-status' }, 'Pick leakyRelu, elu, celu, prelu or swish for α/β sliders.'),
      );
  };
  for (const n of names) {
    const box = h('input', { type: 'checkbox', value: n });
    box.checked = checked.has(n);
    box.addEventListener('change', () => {
      if (box.checked) checked.add(n);
      else checked.delete(n);
      drawSliders();
      drawCurves();
    });
    boxes.append(h('label', {}, box, n));
  }

  // --- the network lab ---
  const select = (id: string, options: readonly string[], value: string) => {
    const s = h('select', { id });
    for (const o of options) s.append(h('option', { value: o }, o));
    s.value = value;
    return s;
  };
  const num = (id: string, value: number, min: number, max: number, step: number) =>
    h('input', { id, type: 'number', value: String(value), min: String(min), max: String(max), step: String(step) });
  const c = DEFAULT_CONFIG;
  const ctl = {
    activation: select('rf-pg-activation', names, 'relu'),
    initializer: select('rf-pg-init', rf.initializers.list(), c.initializer),
    task: select('rf-pg-task', ['moons', 'spirals', 'tokens'], c.task),
    optimizer: select('rf-pg-opt', ['sgd', 'adam'], c.optimizer),
    depth: num('rf-pg-depth', c.depth, 1, 16, 1),
    width: num('rf-pg-width', c.width, 2, 64, 1),
    lr: num('rf-pg-lr', c.learningRate, 0.0001, 10, 0.01),
    steps: num('rf-pg-steps', c.steps, 1, 500, 10),
  };
  const train = h('button', { type: 'button', id: 'rf-pg-train' }, 'Train');
  const stop = h('button', { type: 'button', id: 'rf-pg-stop' }, 'Stop');
  const status = h('span', { class: 'rf-pg-status', role: 'status' });
  const explain = h(
    'div',
    { class: 'rf-pg-explain', id: 'rf-pg-explain' },
    'Pick a demonstration, or set up a network and press Train.',
  );
  const error = h('div', { class: 'rf-error', role: 'alert' });
  error.hidden = true;
  const grid = h('div', { class: 'rf-pg-grid', id: 'rf-pg-charts' });
  const table = h('div', { id: 'rf-pg-table' });
  const demoBar = h('div', { class: 'rf-pg-row rf-pg-demos' }, h('strong', {}, 'Demonstrations: '));
  for (const d of demos) {
    const b = h('button', { type: 'button', 'data-demo': d.id }, d.title);
    b.addEventListener('click', () => void runConfigs(d.configs, d));
    demoBar.append(b);
  }
  const label = (text: string, control: HTMLElement) => h('label', {}, `${text} `, control);

  let stopping = false;
  let running = false;
  async function runConfigs(configs: readonly LabConfig[], demo?: Demo): Promise<void> {
    if (running) return;
    running = true;
    stopping = false;
    root.dataset['state'] = 'running';
    root.dataset['demo'] = demo?.id ?? 'custom';
    error.hidden = true;
    explain.textContent = demo
      ? demo.explain
      : 'Your network: watch the active fraction, dead units and gradient norms per layer as it trains.';
    const runs: { config: LabConfig; records: LabRecord[] }[] = configs.map((config) => ({ config, records: [] }));
    const redraw = (): void => {
      const { figures, tableHtml } = chartsFor(runs);
      grid.innerHTML = figures.map((f) => `<figure>${f}</figure>`).join('');
      table.innerHTML = tableHtml;
      root.dataset['results'] = JSON.stringify(
        runs.map((r) => ({
          label: r.config.label,
          steps: r.records.map((x) => x.step),
          deadUnits: r.records.map((x) => x.layers.reduce((s, l) => s + l.deadUnits, 0)),
          loss: r.records.map((x) => x.loss),
        })),
      );
    };
    try {
      for (const run of runs) {
        status.textContent = `training ${run.config.label}…`;
        await trainLab(
          run.config,
          (r) => {
            run.records.push(r);
            redraw();
          },
          () => stopping,
        );
      }
      status.textContent = stopping ? 'stopped' : 'done';
      root.dataset['state'] = 'done';
    } catch (err) {
      error.textContent = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      error.hidden = false;
      status.textContent = 'failed';
      root.dataset['state'] = 'error';
    } finally {
      running = false;
    }
  }
  train.addEventListener('click', () => {
    const name = ctl.activation.value;
    checked.add(name);
    drawSliders();
    drawCurves();
    void runConfigs([
      {
        ...DEFAULT_CONFIG,
        label: `${name}, ${ctl.initializer.value}, lr ${ctl.lr.value}`,
        activation: configOf(name),
        initializer: ctl.initializer.value,
        task: ctl.task.value as LabConfig['task'],
        optimizer: ctl.optimizer.value as LabConfig['optimizer'],
        depth: Math.max(1, Math.min(16, Math.round(Number(ctl.depth.value)))),
        width: Math.max(2, Math.min(64, Math.round(Number(ctl.width.value)))),
        learningRate: Number(ctl.lr.value),
        steps: Math.max(1, Math.min(500, Math.round(Number(ctl.steps.value)))),
      },
    ]);
  });
  stop.addEventListener('click', () => {
    stopping = true;
  });

  root.replaceChildren(
    h('h3', {}, 'Activation functions'),
    boxes,
    sliders,
    curves,
    h('h3', {}, 'A small network, trained in this page'),
    demoBar,
    h(
      'div',
      { class: 'rf-pg-row' },
      label('activation', ctl.activation),
      label('initializer', ctl.initializer),
      label('task', ctl.task),
      label('optimizer', ctl.optimizer),
      label('learning rate', ctl.lr),
      label('hidden layers', ctl.depth),
      label('width', ctl.width),
      label('steps', ctl.steps),
      train,
      stop,
      status,
    ),
    explain,
    error,
    grid,
    table,
  );
  root.dataset['state'] = 'idle';
  drawSliders();
  drawCurves();
}
