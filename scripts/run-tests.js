import { spawn } from 'node:child_process';
import { chromiumPath, provisionSystemTools } from './system-tools.js';
import { testRedis } from './test-redis.js';

// `npm test`: makes sure the programs the suite needs are there (installing them on Debian/Ubuntu as root), gives
// the suite a Redis, then runs every workspace's tests. Arguments after `--` go to each workspace's test command.

const problems = await provisionSystemTools();
if (problems.length > 0) {
  for (const line of problems) process.stderr.write(`${line}\n`);
  process.exit(1);
}

let redis;
try {
  redis = await testRedis();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// The npm that started this script runs the workspaces too (npm_execpath), so one npm and one Node serve the run.
const [command, ...prefix] = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const passed = process.argv.slice(2);
const args = [
  ...prefix,
  'run',
  'test',
  '--workspaces',
  '--if-present',
  ...(passed.length > 0 ? ['--', ...passed] : []),
];
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_REDIS_URL: redis.url, CHROMIUM_PATH: chromiumPath() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  redis.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
