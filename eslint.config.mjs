// Lint rules: type-aware promise safety for long-running daemons, and the layer
// rules from ARCHITECTURE.md expressed as restricted imports per folder.
import tseslint from 'typescript-eslint';

const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message: 'Layer rule: see ARCHITECTURE.md' })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'charms/**', 'testcharms/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite', 'before', 'after'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  layer(['src/core/**'], ['**/cli/**', '**/api/**', '**/controller/**', '**/domain/**', '**/state/**', '**/providers/**', '**/agent/**']),
  layer(['src/cli/**'], ['**/controller/**', '**/domain/**', '**/state/**']),
  layer(['src/api/**'], ['**/cli/**', '**/controller/**', '**/domain/**', '**/state/**']),
  layer(['src/rpc/**'], ['**/cli/**', '**/api/**', '**/controller/**', '**/domain/**', '**/state/**']),
  layer(['src/domain/**'], ['**/cli/**', '**/api/**', '**/controller/**']),
  layer(['src/state/**'], ['**/cli/**', '**/api/**', '**/controller/**', '**/domain/**']),
  layer(['src/charm/**'], ['**/cli/**', '**/api/**', '**/controller/**', '**/domain/**', '**/state/**', '**/providers/**', '**/agent/**']),
  layer(['src/providers/**'], ['**/cli/**', '**/controller/**', '**/domain/**', '**/state/**']),
);
