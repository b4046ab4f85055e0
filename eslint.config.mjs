import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Imports go one way (STYLE.md): apps/ and infra/ stand on libs/, never the other way, and
  // apps/ never on infra/ (the scripts that run the stack). What two of them share is a lib's. A rule
  // of its own (typescript-eslint's), so that the replay-safety rule below still applies as well.
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', '**/workflows/**', '@aoc/workflows', '**/infra/**', '**/test/**'],
              message:
                'libs/ import only libs/: what the apps, the workflows, infra/ or the tests share belongs in a lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infra/**', '**/test/**'],
              message: 'apps/ never import infra/ or test/: what both need belongs in a lib (libs/demo, libs/support).',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright loads the browser specs with a TypeScript transform that emits no decorator
    // metadata, which the TypeORM entities need; stack.ts, which writes to the database, is compiled by tsc.
    files: ['test/browser/**/*.ts'],
    ignores: ['test/browser/stack.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'typeorm',
                '@aoc/persistence',
                '@aoc/persistence/*',
                '**/persistence/**',
                '**/write-demo-registry',
              ],
              message: 'No TypeORM entities in the browser specs: Playwright compiles them without decorator metadata.',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code is replayed: no Node builtins, no I/O, nothing non-deterministic.
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Node builtins are not allowed in replay-safe code.' },
              { name: `node:${name}`, message: 'Node builtins are not allowed in replay-safe code.' },
            ]),
            { name: 'typeorm', message: 'No I/O in workflows or the domain.' },
            { name: 'pg', message: 'No I/O in workflows or the domain.' },
            { name: '@temporalio/client', message: 'Workflows talk to the outside only through activities.' },
            { name: '@temporalio/worker', message: 'Workflows talk to the outside only through activities.' },
            { name: '@temporalio/activity', message: 'Workflows talk to the outside only through activities.' },
          ],
          patterns: [
            {
              group: [
                '**/apps/**',
                '**/persistence/**',
                '**/config/**',
                '@aoc/persistence*',
                '@aoc/config*',
                '@aoc/auth*',
                '@aoc/notifications*',
                '@aoc/publication*',
              ],
              message: 'workflows/ and libs/domain import only libs/domain (activities as `import type`).',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() or condition() from @temporalio/workflow.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Plain Node scripts that run before the build (infra/build-if-stale.mjs): no type information.
    files: ['infra/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
