import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * Where a benchmark's time goes, when BENCH_PROFILE names a folder: a CPU profile of the timed phase (written as
 * `<name>.cpuprofile`, readable in Chrome's DevTools or speedscope, with its heaviest functions printed) and every
 * SQL statement it ran, grouped by text, with count and time as the client saw it. Off by default: both cost time.
 */
const folder = process.env.BENCH_PROFILE;

interface Statement {
  count: number;
  ms: number;
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

function statementText(first: unknown): string {
  const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
  return (text ?? '(prepared)').replace(/\s+/g, ' ').trim();
}

/** Records every statement any pg client in this process sends (Prisma's adapter, the job queue, raw pool queries). */
function traceSql(): { stop: () => Map<string, Statement> } {
  const statements = new Map<string, Statement>();
  const original = pg.Client.prototype.query as unknown as Query;
  (pg.Client.prototype as unknown as { query: Query }).query = function traced(this: pg.Client, ...args: unknown[]) {
    const text = statementText(args[0]);
    const started = performance.now();
    const record = () => {
      const entry = statements.get(text) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started;
      statements.set(text, entry);
    };
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(record, record);
    else record();
    return result;
  };
  return {
    stop: () => {
      (pg.Client.prototype as unknown as { query: Query }).query = original;
      return statements;
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function heaviest(profile: { nodes: ProfileNode[]; samples?: number[] }, top: number): string[] {
  const total = profile.samples?.length ?? profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => `${((100 * hits) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${name}`);
}

/**
 * Runs `work`; with BENCH_PROFILE set, also profiles it and prints its SQL per `units` (requests, leads, segments)
 * so a figure can be read as "statements per request".
 */
export async function profiled<T>(name: string, units: number, work: () => Promise<T>): Promise<T> {
  if (!folder) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const sql = traceSql();
  let statements: Map<string, Statement>;
  try {
    return await work();
  } finally {
    statements = sql.stop();
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  profile of ${name}: ${file}; heaviest functions (self time):`);
    for (const line of heaviest(profile as { nodes: ProfileNode[]; samples?: number[] }, 12))
      console.log(`    ${line}`);
    const rows = [...statements.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const count = rows.reduce((sum, [, s]) => sum + s.count, 0);
    const ms = rows.reduce((sum, [, s]) => sum + s.ms, 0);
    console.log(
      `  SQL of ${name}: ${count.toLocaleString('en-US')} statements (${(count / units).toFixed(2)} per unit), ` +
        `${(ms / units).toFixed(2)} ms per unit as the client waited; by total time:`,
    );
    for (const [text, s] of rows.slice(0, 12))
      console.log(
        `    ${String(s.count).padStart(7)} × ${(s.ms / s.count).toFixed(2).padStart(7)} ms  ${text.slice(0, 150)}`,
      );
  }
}
