import { get, list } from '@rectify/initializers';
import { moments } from '@rectify/tensor';

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A table of every registered initializer: its name, Keras's spelling, its options with their defaults, and the
 * standard deviation it actually draws for a 256×256 kernel (fan in = fan out = 256), measured at build time.
 * @example initializersMarkdown().split('\n')[0] // '| name | Keras name | …'
 */
export function initializersMarkdown(): string {
  const rows = list().map((name) => {
    // Seeded where the initializer is random; the deterministic ones take no seed option.
    const config = get(name).getConfig() as Record<string, unknown>;
    const init = 'seed' in config ? get({ ...config, name, seed: 1 } as never) : get(name);
    const { name: _n, seed: _s, ...options } = init.getConfig() as Record<string, unknown>;
    const opts =
      Object.entries(options)
        .map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``)
        .join(', ') || '—';
    const w = init.apply([256, 256]);
    const std = Math.sqrt(moments(w).variance.item());
    w.dispose();
    return `| \`${name}\` | \`${snake(name)}\` | ${opts} | ${std.toPrecision(3)} |`;
  });
  return ['| name | Keras name | options (defaults) | std drawn for 256×256 |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}
