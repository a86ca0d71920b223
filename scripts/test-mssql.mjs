// npm run test:mssql: the repository tier and the multi-instance races against a real SQL Server
// named by ZEGEL_TEST_MSSQL_URL. Without it there is nothing to run against: say so, and pass.
import { spawnSync } from 'node:child_process';

if (!process.env.ZEGEL_TEST_MSSQL_URL) {
  console.log(
    [
      'test:mssql: ZEGEL_TEST_MSSQL_URL is not set, so no test ran against SQL Server.',
      'Set it to a server Zegel may create and drop databases on, for example',
      '  ZEGEL_TEST_MSSQL_URL="mssql://sa:<password>@127.0.0.1:1433/master?trustServerCertificate=true"',
      "(Docker: mcr.microsoft.com/mssql/server). The offline SQL Server checks run in 'npm test'.",
    ].join('\n'),
  );
  process.exit(0);
}

const env = { ...process.env, ZEGEL_TEST_DATABASE: 'mssql' };
const jest = (args) => spawnSync('npx', ['jest', ...args], { stdio: 'inherit', env }).status ?? 1;
const repository = jest(['--selectProjects', 'repository']);
const races = jest([
  '--selectProjects',
  'concurrency',
  '--runTestsByPath',
  'test/concurrency/races.e2e.ts',
]);
process.exit(repository || races);
