/**
 * Two projects. `unit`: the domain and pure code, in-process, nothing started (`npm run test:unit`).
 * `integration`: tests that start Azurite, the local host, servers, other processes, headless Chromium or
 * LibreOffice (`npm run test:integration`). `npm test` runs both. A test belongs to `integration` when its
 * path starts with one of INTEGRATION; the unit project refuses to start Azurite or a browser (test/unit-guard.ts).
 */
const INTEGRATION = [
  'test/http/',
  'test/resilience/',
  'test/local/',
  'test/storage/submission-store',
  'test/storage/catalogue-cache',
  'test/workbook/libreoffice',
  'test/report/libreoffice',
  'test/workbook/workbook-api',
  'test/workbook/upload-fixtures',
  'test/workbook/upload-reader',
  'test/workbook/xml-legal',
  'test/workbook/summary-export',
  'test/admin/cli',
  'test/admin/campaign-cli',
  'test/admin/redeploy',
  'test/admin/users',
  'test/addin/addin-server',
  'test/addin/manifest',
  'test/addin/taskpane.browser',
  'test/addin/taskpane-calendar.browser',
  'test/addin/returned-report',
  'test/addin/taskpane-review.browser',
  'test/addin/taskpane-progress.browser',
  'test/addin/api-reference.browser',
  'test/addin/taskpane-sign-in.browser',
  'test/addin/taskpane-registry.browser',
  'test/auth/verify-entra',
  'test/backup/backup-restore',
  'test/backup/nightly-backup',
  'test/custom-functions/values-api',
  'test/addin/functions-metadata',
  'test/addin/pane-bundle',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  transform: {
    // Type-checking is `npm run typecheck`; tests only transpile (tsconfig has isolatedModules).
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/{shared,functions,addin,test}/**/*.test.ts?(x)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        ...INTEGRATION.map((p) => `<rootDir>/${escape(p)}`),
      ],
      setupFilesAfterEnv: ['<rootDir>/test/unit-guard.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      testMatch: INTEGRATION.map((p) => `<rootDir>/${p}${p.endsWith('/') ? '**/' : ''}*.test.ts?(x)`),
    },
  ],
};
