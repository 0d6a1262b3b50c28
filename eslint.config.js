// Lint rules that catch real bugs, not style (formatting is Prettier's job: `pnpm format`). Type-aware linting is skipped on
// purpose: `pnpm typecheck` already runs the compiler with strict flags.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/.generated/**',
      '**/dist/**',
      '**/node_modules/**',
      '**/*.wasm',
      'test-output/**',
      'runs/**',
      '**/build/**',
      // AssemblyScript: function decorators such as @inline are not TypeScript.
      'bench/suites/helpers/simd-ceiling.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-self-compare': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        WebAssembly: 'readonly',
      },
    },
  },
);
