// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Imports flow one way: domain → store → features → app. `components/` and `lib/` are shared UI
 * and helpers that features may use. A zone lists what files in `target` may not import.
 */
const layers = [
  {
    target: './src/domain',
    from: ['./src/store', './src/features', './src/app', './src/components', './src/lib'],
    message: 'src/domain is pure TypeScript: it may not import the store, UI or app.',
  },
  {
    target: './src/store',
    from: ['./src/features', './src/app', './src/components'],
    message: 'src/store may import only src/domain.',
  },
  {
    target: './src/lib',
    from: ['./src/store', './src/features', './src/app', './src/components'],
    message: 'src/lib holds helpers the app and scripts share: it may import only src/domain.',
  },
  {
    target: './src/components',
    from: ['./src/features', './src/app'],
    message: 'Shared components may not depend on a feature or the app shell.',
  },
  {
    target: './src/features',
    from: ['./src/app'],
    message: 'Features may not import the app shell.',
  },
  ...['catalogue', 'assessment', 'report', 'workshop'].map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    // The Workshop page mounts the live room's panel (src/features/room), which loads the rest.
    except: feature === 'workshop' ? ['./workshop', './room'] : [`./${feature}`],
    message: 'Features do not import each other: move shared code to src/components or src/lib.',
  })),
];

const onlyReportPdfLoadsJspdf = [
  {
    name: 'jspdf',
    message: 'Only src/lib/report-pdf.ts may load jspdf, with a dynamic import.',
  },
  {
    name: 'jspdf-autotable',
    message: 'Only src/lib/report-pdf.ts may load jspdf-autotable.',
  },
];

const ZUSTAND_MESSAGE =
  'Only src/store may import zustand: read and change state through its hooks and actions.';
const onlyStoreImportsZustand = {
  paths: [{ name: 'zustand', message: ZUSTAND_MESSAGE }],
  patterns: [{ regex: '^zustand/', message: ZUSTAND_MESSAGE }],
};

export default defineConfig(
  {
    ignores: [
      'eslint.config.js',
      'dist',
      'coverage',
      'test-results',
      'playwright-report',
      'node_modules',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      'no-restricted-imports': [
        'error',
        {
          paths: [...onlyReportPdfLoadsJspdf, ...onlyStoreImportsZustand.paths],
          patterns: onlyStoreImportsZustand.patterns,
        },
      ],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
  },
  {
    files: ['src/lib/report-pdf.ts'],
    rules: { 'no-restricted-imports': ['error', onlyStoreImportsZustand] },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: onlyReportPdfLoadsJspdf }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|zustand|jspdf|jspdf-autotable|react-hook-form)(/.*)?$',
              message: 'src/domain is pure TypeScript: no UI, store or PDF libraries.',
            },
            { regex: '^node:', message: 'src/domain runs in the browser too: no Node APIs.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain does not read the clock: pass the date in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain does not read the clock: pass the date in.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain is deterministic: pass ids or seeds in.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/component/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/**/*.tsx', 'tests/component/**/*.tsx'],
    ...jsxA11y.flatConfigs.strict,
  },
  {
    files: ['scripts/**', 'tests/**', 'vite.config.ts', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
