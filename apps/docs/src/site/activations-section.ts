import { activations, get, list } from '@rectify/activations';
import { renderPlot } from '@rectify/plot';
import { activationDoc } from './doc-comments.js';
import { type ActivationNotes, activationNotes } from './activation-notes.js';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const fmtNum = (v: number): string =>
  v === Infinity ? '∞' : v === -Infinity ? '−∞' : String(Number(v.toPrecision(6)));
const fmtDefault = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/**
 * f and f′ of one activation with its default options, sampled on [−5, 5].
 * @example curve('relu', 3) // { x: [-5, 0, 5], f: [0, 0, 5], df: [0, 0, 1] }
 */
export function curve(name: string, points = 201): { x: number[]; f: number[]; df: number[] } {
  const act = get(name);
  const x = Array.from({ length: points }, (_, i) => -5 + (10 * i) / (points - 1));
  return { x, f: x.map((v) => act.f(v)), df: x.map((v) => act.df(v)) };
}

/**
 * The markdown of one activation's section: heading, plot, formula, derivative, properties, options, notes.
 * @example activationSection('gelu').startsWith('## gelu') // true
 */
export function activationSection(name: string): string {
  const def = (activations as Record<string, (typeof activations)[keyof typeof activations]>)[name];
  const act = get(name);
  const doc = activationDoc(name);
  const notes = (activationNotes as Partial<Record<string, ActivationNotes>>)[name];
  if (!notes) throw new Error(`docs: activation '${name}' has no entry in src/site/activation-notes.ts`);
  const c = curve(name);
  const svg = renderPlot(
    {
      title: `${name}: f(x) and f′(x)`,
      xLabel: 'x',
      series: [
        { name: 'f(x)', x: c.x, y: c.f },
        { name: 'f′(x)', x: c.x, y: c.df, dashed: true },
      ],
    },
    520,
    260,
  );
  const p = act.properties;
  const options = def
    ? Object.entries(def.options as Record<string, { kind: string; default: unknown; choices?: readonly string[] }>)
    : [];
  const optionRows = options.map(
    ([k, o]) =>
      `| \`${k}\` | ${o.kind}${o.choices ? `: ${o.choices.map((c) => `'${c}'`).join(', ')}` : ''} | \`${fmtDefault(o.default)}\` |`,
  );
  const aliases =
    def && def.aliases.length ? ` Also accepted as ${def.aliases.map((a) => `\`'${a}'\``).join(', ')}.` : '';
  return [
    `## ${name}`,
    '',
    `*${act.describe}.*${aliases} ${doc.summary}`,
    '',
    `<figure class="rf-figure" data-activation="${name}">${svg}</figure>`,
    '',
    `**Formula.** ${doc.formula}`,
    '',
    `**Derivative.** ${doc.derivative}`,
    '',
    '| property | value |',
    '|---|---|',
    `| range | [${fmtNum(p.range[0])}, ${fmtNum(p.range[1])}] |`,
    `| smooth (C¹) | ${yesNo(p.smooth)} |`,
    `| monotonic | ${yesNo(p.monotonic)} |`,
    `| zero-centred | ${yesNo(p.zeroCentred)} |`,
    `| self-normalizing | ${yesNo(p.selfNormalizing)} |`,
    `| ReLU family (gates) | ${yesNo(p.reluFamily)} |`,
    `| elementwise | ${yesNo(p.elementwise)} |`,
    `| recommended initializer | [\`${act.recommendedInitializer}\`](initializers.html) |`,
    '',
    optionRows.length
      ? ['**Options and defaults.**', '', '| option | type | Rectify default |', '|---|---|---|', ...optionRows].join(
          '\n',
        )
      : '**Options.** None.',
    '',
    `**Keras and PyTorch.** ${notes.frameworks}`,
    '',
    `**When to use it.** ${notes.whenToUse}`,
    '',
    doc.reference ? `*Reference:* ${doc.reference}` : '',
    '',
  ].join('\n');
}

/**
 * Every registered activation, in registry order, with a short table of contents first.
 * @example md.render(activationsMarkdown())
 */
export function activationsMarkdown(): string {
  const names = list();
  const index = names.map((n) => `[${n}](#${n.toLowerCase()})`).join(' · ');
  return [`**All ${names.length} activations:** ${index}`, '', ...names.map(activationSection)].join('\n');
}
