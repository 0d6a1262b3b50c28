import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as rf from '../../src/index.js';

interface TableScript {
  readCases(): Map<string, { differs?: string }>;
  exportsSymbol(rf: unknown, name: string): boolean;
  compatibilityTable(
    list: unknown,
    rf: unknown,
    cases: Map<string, { differs?: string }>,
    namespaces: readonly string[],
  ): string;
  SYMBOLS_FILE: string;
  TABLE_FILE: string;
}

const scripts = fileURLToPath(new URL('../../../../scripts/', import.meta.url));
const load = async () => ({
  table: (await import(`${scripts}tfjs-compat-table.mjs`)) as TableScript,
  namespaces: ((await import(`${scripts}tfjs-api-symbols.mjs`)) as { EXPANDED_NAMESPACES: string[] })
    .EXPANDED_NAMESPACES,
});

describe('docs/tfjs-compatibility.md', () => {
  it('is what the generator makes from the symbol list, the cases and what @rectify/rectify exports now', async () => {
    const { table, namespaces } = await load();
    const list = JSON.parse(readFileSync(table.SYMBOLS_FILE, 'utf8'));
    const expected = table.compatibilityTable(list, rf, table.readCases(), namespaces);
    // On failure: pnpm build && node scripts/tfjs-compat-table.mjs
    expect(readFileSync(table.TABLE_FILE, 'utf8')).toBe(expected);
  });

  it('decides "missing" from the exports, and reads every case with its documented difference', async () => {
    const { table } = await load();
    expect(table.exportsSymbol(rf, 'train.sgd')).toBe(true);
    expect(table.exportsSymbol(rf, 'train.nonexistent')).toBe(false);
    expect(table.exportsSymbol(rf, 'Tensor#dataSync')).toBe(true);
    expect(table.exportsSymbol(rf, 'Tensor#noSuchMethod')).toBe(false);
    expect(table.exportsSymbol({ Tensor: class {}, scalar: () => ({ shape: [] }) }, 'Tensor#shape')).toBe(true);
    const cases = table.readCases();
    expect(cases.get('train.adam')).toEqual({ differs: undefined, file: 'training.ts' });
    expect(cases.get('initializers.heNormal')?.differs).toMatch(/^tfjs samples the truncated normal/);
  });
});
