import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'out/', 'addin/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      // TypeScript already knows which names exist (browser and node globals alike).
      'no-undef': 'off',
    },
  },
  {
    // Typed linting: a promise nobody waits for loses its failure (the pane's "Excel is not defined").
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Tests read JSON answers loosely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The layout is the architecture: shared/ has no I/O; functions/ and addin/ never import each other.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'http',
            'https',
            'net',
            'child_process',
            '@azure/*',
            'exceljs',
            'docx',
            '**/functions/**',
            '**/addin/**',
          ],
        },
      ],
    },
  },
  {
    // The `docx` package is one renderer's business: only functions/src/report/docx-writer.ts writes .docx.
    files: ['functions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/addin/**', 'docx', 'docx/*'] }] },
  },
  {
    files: ['functions/src/report/docx-writer.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/addin/**'] }] },
  },
  {
    files: ['addin/**/*.ts', 'addin/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/functions/**', 'node:*', '@azure/data-tables', 'docx', 'docx/*'] },
      ],
    },
  },
  {
    // In the pane and the scripts `void` is no excuse either: every promise ends in error handling
    // (the pane's workflow helper, a script's exit code), and no handler returns a promise its caller drops.
    files: ['addin/**/*.ts', 'addin/**/*.tsx', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
