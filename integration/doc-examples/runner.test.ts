import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { compileExample } from './compile-example.js';
import { difference, runExample } from './run-example.js';

const importer = (spec: string): Promise<unknown> => import(/* @vite-ignore */ spec);
const run = (code: string, prelude: Record<string, unknown> = { tensor }) => runExample(code, prelude, importer);

describe('the doc-example runner', () => {
  it('checks `// →` outputs of expressions and single declarations, tensors as arrays', async () => {
    await expect(run('tensor([1, 2]).add(1) // → [2, 3]\nconst n = 2 * 3; // → 6')).resolves.toEqual({
      logs: [],
      checks: 2,
    });
    await expect(run('tensor([1, 2]) // → [1, 3]')).rejects.toThrow("line 1: '// → [1, 3]' does not hold: [1]: 2 ≠ 3");
    await expect(run("const s = 'a' + 'b'; // → 'ba'")).rejects.toThrow("the value: 'ab' ≠ 'ba'");
  });

  it('matches numbers to float32 precision, NaN to NaN and -0 to 0, and plain objects key for key', () => {
    expect(difference(0.7310585975646973, 0.7310586)).toBe('');
    expect(difference(0.7310585975646973, 0.731)).toBe('the value: 0.7310585975646973 ≠ 0.731');
    expect(difference([NaN, -0], [NaN, 0])).toBe('');
    expect(difference({ a: 1, b: 2 }, { a: 1 })).toBe('the value: unexpected key b');
    expect(difference(tensor([[1, 2]]), [[1, 2]])).toBe('');
    expect(difference(Promise.resolve(1), 1)).toMatch(/^the value is a Promise/);
  });

  it('resolves imports, static and dynamic, through the importer, and captures the console', async () => {
    const code = [
      "import { tensor as t } from '@rectify/tensor';",
      "import type { Tensor } from '@rectify/tensor';",
      "const { sep } = await import('node:path');",
      'const x: Tensor = t([4]);',
      'console.log(x.shape, sep);',
      'x.dataSync() // → [4]',
    ].join('\n');
    await expect(run(code, {})).resolves.toEqual({ logs: ['1 /'], checks: 1 });
  });

  it('lets an example declare a name the prelude has, and reports an unknown one', async () => {
    await expect(run('const tensor = 1; tensor + 1 // → 2')).resolves.toMatchObject({ checks: 1 });
    await expect(run('relu(tensor([1]))')).rejects.toThrow('relu is not defined');
  });

  it('refuses output comments it cannot check, and values that are not JavaScript', () => {
    expect(() => compileExample('if (true) {\n  1 + 1; // → 2\n}')).toThrow(
      "line 2: '// →' must end a top-level statement",
    );
    expect(() => compileExample('let a = 1, b = 2; // → 1')).toThrow("line 1: '// →' must follow an expression");
    expect(() => compileExample('f() // → [1, 2] float32')).toThrow(
      "line 1: the output '// → [1, 2] float32' is not a JavaScript value",
    );
    expect(() => compileExample('const = 1;')).toThrow(/^line 1: /);
  });
});
