// Lint rules for the whole monorepo. The pure packages (core, semantic, demo) may not
// import Node built-ins or database drivers: their code must run anywhere, the browser included.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioImports = {
  patterns: [
    { group: ['node:*'], message: 'Pure package: no Node built-ins (do IO in engines/ingest/app).' },
    {
      group: ['@duckdb/*', 'pg', 'postgres', '@clickhouse/*'],
      message: 'Pure package: no database drivers.',
    },
    {
      group: ['@kpi/engines', '@kpi/ingest', '@kpi/app', '@kpi/cli'],
      message: 'Pure package: no upward imports.',
    },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'stream'],
};

// A name looked up in a table of definitions must find only what the table defines:
// `p.metrics[name]` finds Object.prototype.constructor for "constructor".
const TABLES = 'metrics|kpis|goals|datasets|units|objectives|locations|columns|formats|weights|scope|leadLag';
const ownLookupRules = [
  {
    selector: `MemberExpression[computed=true][object.type='MemberExpression'][object.property.name=/^(${TABLES})$/][property.type!='Literal'][property.type!='BinaryExpression']`,
    message:
      'Look names up with ownGet(table, name) / hasOwn from @kpi/core: a plain index finds inherited properties such as "constructor".',
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'schema/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ownLookupRules] },
  },
  {
    files: ['packages/{core,semantic,scorecard,rules,forecast,sentiment,predict,demo,report}/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', ioImports] },
  },
  {
    // The web app runs in the browser: browser globals, and only core/rules below it.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Browser code: no Node built-ins.' },
            {
              group: ['@kpi/*', '!@kpi/core', '!@kpi/core/*', '!@kpi/rules'],
              message: 'The web app imports only core and rules; everything else comes over HTTP.',
            },
          ],
        },
      ],
    },
  },
);
