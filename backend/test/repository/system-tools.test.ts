import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: the repository's scripts are plain JavaScript without type declarations.
import { answersPing } from '../../../scripts/test-redis.js';

// `npm test` names each missing program on one line and stops before running any test, instead of failing later
// (or skipping) inside the suites.

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('the test command on a machine without the programs it needs', () => {
  let bin: string;
  beforeAll(async () => {
    // A PATH with Node alone: no java, no redis-server, no apt-get.
    bin = await mkdtemp(path.join(os.tmpdir(), 'sdr-bin-'));
    await symlink(process.execPath, path.join(bin, 'node'));
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  it('prints one line per missing program, saying how to install it, and runs nothing', async () => {
    // A Redis answering on the standard port is used as it is; only without one is redis-server needed.
    const redisRunning = (await answersPing('127.0.0.1', 6379)) as boolean;
    const run = spawnSync(path.join(bin, 'node'), ['scripts/run-tests.js'], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: bin, HOME: os.tmpdir(), CHROMIUM_PATH: path.join(bin, 'no-chromium') },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^The browser tests need Chromium at .*no-chromium: install it \(Debian\/Ubuntu: sudo apt-get install chromium\) or set CHROMIUM_PATH/,
      ),
      expect.stringMatching(
        /^The Apex checks \(PMD\) need Java 17 or later as `java` on PATH: install it \(Debian\/Ubuntu: sudo apt-get install openjdk-17-jre-headless\)\.$/,
      ),
      ...(redisRunning
        ? []
        : [expect.stringMatching(/^The live-call fan-out tests need a Redis server: install redis-server/)]),
    ]);
  });
});
