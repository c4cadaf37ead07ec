import { createHash } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';

/**
 * What the machine a benchmark ran on can do, measured in the same run and printed beside its figures, so that a
 * figure can be read as a share of the machine's limit and compared across machines:
 * - CPU: a fixed task in one thread, SHA-256 over 256 MiB (native code), and a fixed JavaScript loop (what scoring
 *   and the HTTP stack are made of); best of three each;
 * - database: the commit rate of pgbench's TPC-B-like transaction (update an account, read it back, update a teller
 *   and a branch, append to the history) on the database the benchmark uses, from one client and from eight, for two
 *   seconds each. On a server with fsync this is the disk's flush rate; on in-memory PGlite it is its CPU cost.
 */
export interface Calibration extends CpuCalibration {
  /** Commits per second from one client, and from eight. */
  commits1: number;
  commits8: number;
  line: string;
}

function sha256Rate(): number {
  const block = Buffer.alloc(1 << 20, 7);
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const hash = createHash('sha256');
    for (let i = 0; i < 256; i += 1) hash.update(block);
    hash.digest();
    best = Math.min(best, performance.now() - started);
  }
  return 256 / (best / 1000);
}

/** A loop of float arithmetic, array reads and branches, like a tree walk: iterations per microsecond. */
function jsLoopRate(): number {
  const table = new Float64Array(4096).map((_, i) => Math.sin(i));
  const iterations = 20_000_000;
  let best = Infinity;
  let sink = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    let acc = 0;
    let index = 1;
    for (let i = 0; i < iterations; i += 1) {
      const v = table[index & 4095] as number;
      acc += v > 0 ? v : -v * 0.5;
      index = (index * 1103515245 + 12345) & 0x7fffffff;
    }
    sink += acc;
    best = Math.min(best, performance.now() - started);
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return iterations / (best * 1000);
}

const ACCOUNTS = 10_000;
const TELLERS = 10;

async function prepareTables(pool: pg.Pool): Promise<void> {
  await pool.query(`
    DROP TABLE IF EXISTS bench_accounts, bench_tellers, bench_branches, bench_history;
    CREATE TABLE bench_branches (bid int PRIMARY KEY, bbalance int NOT NULL);
    CREATE TABLE bench_tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance int NOT NULL);
    CREATE TABLE bench_accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance int NOT NULL, filler char(84));
    CREATE TABLE bench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));
    INSERT INTO bench_branches VALUES (1, 0);
    INSERT INTO bench_tellers SELECT t, 1, 0 FROM generate_series(1, ${TELLERS}) t;
    INSERT INTO bench_accounts SELECT a, 1, 0, '' FROM generate_series(1, ${ACCOUNTS}) a;`);
}

async function tpcb(pool: pg.Pool, clients: number, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let commits = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const aid = 1 + Math.floor(Math.random() * ACCOUNTS);
          const tid = 1 + Math.floor(Math.random() * TELLERS);
          const delta = Math.floor(Math.random() * 10_001) - 5000;
          // One round trip per transaction, as pgbench's script is a series of statements of one transaction.
          await client.query(`BEGIN;
            UPDATE bench_accounts SET abalance = abalance + ${delta} WHERE aid = ${aid};
            SELECT abalance FROM bench_accounts WHERE aid = ${aid};
            UPDATE bench_tellers SET tbalance = tbalance + ${delta} WHERE tid = ${tid};
            UPDATE bench_branches SET bbalance = bbalance + ${delta} WHERE bid = 1;
            INSERT INTO bench_history (tid, bid, aid, delta, mtime) VALUES (${tid}, 1, ${aid}, ${delta}, CURRENT_TIMESTAMP);
            COMMIT;`);
          commits += 1;
        }
      } finally {
        client.release();
      }
    }),
  );
  return commits / ((performance.now() - started) / 1000);
}

export interface CpuCalibration {
  sha256MiBps: number;
  /** Iterations of the fixed JavaScript loop per microsecond. */
  jsLoopPerUs: number;
  line: string;
}

/** The CPU part alone (benchmarks without a database print this). */
export function cpuCalibration(): CpuCalibration {
  const sha256MiBps = sha256Rate();
  const jsLoopPerUs = jsLoopRate();
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    sha256MiBps,
    jsLoopPerUs,
    line:
      `machine: ${os.availableParallelism()} cores (${cpu}), Node ${process.version}, ` +
      `SHA-256 ${sha256MiBps.toFixed(0)} MiB/s, JS loop ${jsLoopPerUs.toFixed(0)}/µs in one thread`,
  };
}

/** Calibrates the CPU and the database behind `pool` (its scratch tables are dropped again). */
export async function calibrate(
  pool: pg.Pool,
  where: string,
  options: { seconds?: number } = {},
): Promise<Calibration> {
  const cpu = cpuCalibration();
  await prepareTables(pool);
  try {
    const commits1 = await tpcb(pool, 1, options.seconds ?? 2);
    const commits8 = await tpcb(pool, 8, options.seconds ?? 2);
    return {
      ...cpu,
      commits1,
      commits8,
      line: `${cpu.line}; ${where}: ${Math.round(commits1)} commits/s from 1 client, ${Math.round(commits8)}/s from 8 (TPC-B-like)`,
    };
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_accounts, bench_tellers, bench_branches, bench_history');
  }
}

/** A calibration stays the machine's for this long: benchmarks of one run share it, a long run measures again. */
const REUSE_MS = 5 * 60_000;
const recent = new Map<string, { at: number; calibration: Promise<Calibration> }>();

/** The calibration of the database at `where`, measured at most once per REUSE_MS in this process. */
export function recentCalibration(pool: pg.Pool, where: string): Promise<Calibration> {
  const hit = recent.get(where);
  if (hit && Date.now() - hit.at < REUSE_MS) return hit.calibration;
  const calibration = calibrate(pool, where);
  recent.set(where, { at: Date.now(), calibration });
  return calibration;
}
