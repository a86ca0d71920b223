// One Jest run, several projects: `npm test` selects the ones that need nothing beyond Node;
// `browser` (Chromium) and `lab` (unbound, openssl, testssl.sh) need Debian packages, `concurrency`
// needs PostgreSQL, `redis` a Redis server; .ci/run runs them.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@zegel/shared$': '<rootDir>/shared/src/index.ts' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // Tests start real servers and databases; on a busy 2-core machine 5 s is not enough for that.
  testTimeout: 30_000,
};
module.exports = {
  projects: [
    { ...base, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'server',
      testMatch: ['<rootDir>/server/src/**/*.spec.ts'],
    },
    { ...base, displayName: 'repository', testMatch: ['<rootDir>/test/repository/**/*.spec.ts'] },
    // The BullMQ queue on Redis at loopback: npm run test:redis (both database engines).
    { ...base, displayName: 'redis', testMatch: ['<rootDir>/test/redis/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.e2e.ts'] },
    { ...base, displayName: 'lab', testMatch: ['<rootDir>/test/lab/**/*.e2e.ts'] },
    // Several Zegel instances (processes) on one PostgreSQL database: npm run test:concurrency.
    // Three instances behind HAProxy with one SIGKILLed mid-load: npm run test:scale-out.
    { ...base, displayName: 'scale-out', testMatch: ['<rootDir>/test/scale-out/**/*.e2e.ts'] },
    {
      ...base,
      displayName: 'concurrency',
      testMatch: ['<rootDir>/test/concurrency/**/*.e2e.ts'],
    },
    {
      ...base,
      displayName: 'addin',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/addin/src/**/*.spec.ts?(x)'],
    },
  ],
};
