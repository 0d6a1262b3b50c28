import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { checkLinks } from '../site/link-check.js';

/**
 * Fails `vite build` when any internal link of the finished site (API reference included) leads nowhere.
 * @example defineConfig({ plugins: [linkCheck()] })
 */
export function linkCheck(): Plugin {
  let outDir = '';
  return {
    name: 'rectify-docs:link-check',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      handler() {
        const broken = checkLinks(outDir);
        if (broken.length === 0) return;
        const shown = broken
          .slice(0, 30)
          .map((b) => `  ${b.page}: ${b.href} (${b.reason})`)
          .join('\n');
        const more = broken.length > 30 ? `\n  … and ${broken.length - 30} more` : '';
        throw new Error(`docs: ${broken.length} broken internal link(s):\n${shown}${more}`);
      },
    },
  };
}
