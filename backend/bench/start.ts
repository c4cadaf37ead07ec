import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuCalibration } from './calibration.ts';
import { percentile } from './figures.ts';

const repoDir = fileURLToPath(new URL('../../', import.meta.url));
const LATER_STARTS = 5;

interface Start {
  /** From running `npm start` until /healthz answered 200. */
  healthzMs: number;
  /** What the service said about its own start (from its log line). */
  phases: Record<string, number> | null;
}

/**
 * `npm start` as a user runs it, from the repository root: the first start on an empty data folder (migrations,
 * the demo seeded, scored and routed) and later starts on the same folder, each timed until /healthz answers. The
 * Prisma client and the preview were made by `npm install`; the start only checks they are current.
 */
export async function startBench(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sdr-start-bench-'));
  try {
    console.log(`npm start until /healthz answers (embedded database in a new folder)`);
    console.log(`  ${cpuCalibration().line}`);
    const first = await timedStart(dataDir);
    console.log(`  first start (migrate, seed, score, route): ${seconds(first.healthzMs)}${phases(first)}`);
    const later: Start[] = [];
    for (let i = 0; i < LATER_STARTS; i += 1) later.push(await timedStart(dataDir));
    const times = later.map((start) => start.healthzMs);
    console.log(
      `  later starts (${LATER_STARTS}): median ${seconds(percentile(times, 50))}, min ${seconds(Math.min(...times))}, max ${seconds(Math.max(...times))}${phases(later[later.length - 1]!)}`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function phases(start: Start): string {
  if (!start.phases) return '';
  const parts = Object.entries(start.phases).map(([name, value]) => `${name} ${seconds(value)}`);
  return ` (in the service: ${parts.join(', ')})`;
}

function timedStart(dataDir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: repoDir,
      detached: true,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        SEED_DEMO: 'true',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        INIT_CWD: repoDir,
      },
    });
    let output = '';
    let polling = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    child.on('error', fail);
    child.on('close', (code) => {
      if (!polling) fail(new Error(`npm start exited with ${code}:\n${output}`));
    });
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url || polling) return;
      polling = true;
      void (async () => {
        for (;;) {
          const answered = await fetch(`${url}/healthz`).then(
            (res) => res.ok,
            () => false,
          );
          if (answered) break;
          await new Promise((done) => setTimeout(done, 20));
        }
        const healthzMs = performance.now() - started;
        const line = output.split('\n').find((text) => text.includes('"service started"'));
        const exited = new Promise((done) => child.on('close', done));
        stop();
        await exited;
        resolve({ healthzMs, phases: line ? (JSON.parse(line) as { ms: Record<string, number> }).ms : null });
      })().catch(fail);
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
  });
}
