import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { answersPing } from './test-redis.js';

/**
 * The programs outside npm that the test suite needs: Chromium (the browser tests), Java 17 or later (PMD, the Apex
 * checks) and a Redis server (live-call fan-out between replicas). On Debian or Ubuntu as root, what is missing is
 * installed from the distribution; anywhere else the run stops at once with one line saying what to install.
 */

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && executable(`${dir}/${command}`));
}

function javaMajor() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return null;
  // Java 8 and older call themselves "1.8".
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/** Debian or Ubuntu (or a derivative), where apt can install what is missing. */
function aptDistribution() {
  if (!existsSync('/etc/os-release') || !onPath('apt-get')) return null;
  const release = readFileSync('/etc/os-release', 'utf8');
  const ids = /^(?:ID|ID_LIKE)=(.*)$/gm;
  const names = [...release.matchAll(ids)].flatMap((match) => match[1].replaceAll('"', '').split(/\s+/));
  return names.find((name) => name === 'debian' || name === 'ubuntu') ?? null;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The first of the candidate packages the distribution offers. */
function availablePackage(candidates) {
  for (const name of candidates) {
    const policy = spawnSync('apt-cache', ['policy', name], { encoding: 'utf8' }).stdout ?? '';
    if (/Candidate: (?!\(none\))/.test(policy)) return name;
  }
  return null;
}

/** Reads the distribution's package lists (a fresh machine or container has none, so nothing looks available). */
function aptUpdate() {
  return spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}

function aptInstall(packages) {
  process.stderr.write(`Installing ${packages.join(', ')} for the tests (apt-get)\n`);
  // Whether it worked is read from the tools themselves afterwards, as on any other machine.
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Each tool: how to tell it is there, the packages that bring it (the first one the distribution has is taken) and
 * the line to print when it cannot be installed here.
 */
const TOOLS = [
  {
    name: 'Chromium',
    present: () => executable(chromiumPath()),
    packages: ['chromium'],
    missing: () =>
      `The browser tests need Chromium at ${chromiumPath()}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  },
  {
    name: 'Java 17 or later',
    present: () => (javaMajor() ?? 0) >= 17,
    packages: ['openjdk-17-jre-headless', 'openjdk-21-jre-headless', 'openjdk-25-jre-headless'],
    missing: () =>
      `The Apex checks (PMD) need Java 17 or later as \`java\` on PATH${javaMajor() ? ` (found Java ${javaMajor()})` : ''}: install it (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless).`,
  },
  {
    name: 'Redis',
    // One already running on the standard port will do (a CI service container, say).
    present: async () =>
      Boolean(process.env.TEST_REDIS_URL) || onPath('redis-server') || (await answersPing('127.0.0.1', 6379)),
    packages: ['redis-server'],
    missing: () =>
      'The live-call fan-out tests need a Redis server: install redis-server (Debian/Ubuntu: sudo apt-get install redis-server) or set TEST_REDIS_URL to a Redis the tests may use.',
  },
];

/** The Chromium the browser tests drive. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Makes sure every tool is there, installing what is missing where that is possible. Answers the lines to print
 * for what is still missing (empty when all is well).
 */
export async function provisionSystemTools() {
  const absent = async () => {
    const found = await Promise.all(TOOLS.map((tool) => tool.present()));
    return TOOLS.filter((_, index) => !found[index]);
  };
  const missing = await absent();
  if (missing.length === 0) return [];
  if (isRoot && aptDistribution() && aptUpdate()) {
    const packages = missing.map((tool) => availablePackage(tool.packages)).filter(Boolean);
    if (packages.length > 0) aptInstall(packages);
  }
  return (await absent()).map((tool) => tool.missing());
}
