/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    // Type-checking is `npm run typecheck`; tests only transpile (tsconfig has isolatedModules).
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/{shared,functions,addin,test}/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
