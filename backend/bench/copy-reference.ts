import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * The database's own floor for moving rows, measured in the same run as a benchmark so that a write path can be given
 * as a share of it ("rescore-all at N % of a plain read-and-COPY of the same rows"): COPY is the fastest way
 * PostgreSQL has to take rows in or out.
 */

/** Reads a query's rows out as COPY text (the reading half of the reference). */
export async function copyOut(pool: pg.Pool, query: string): Promise<{ data: Buffer; ms: number }> {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    const started = performance.now();
    await pipeline(
      client.query(copyTo(`COPY (${query}) TO STDOUT`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    return { data: Buffer.concat(chunks), ms: performance.now() - started };
  } finally {
    client.release();
  }
}

/**
 * COPYs the given COPY text (of `columns`, or of every column for `*`) into a scratch table shaped like `table` (its columns, defaults and indexes; no foreign
 * keys or triggers), in one transaction, and drops it again: the writing half of the reference.
 */
export async function copyIn(pool: pg.Pool, table: string, columns: string, data: Buffer): Promise<number> {
  const client = await pool.connect();
  const scratch = `bench_copy_${table.toLowerCase()}`;
  try {
    await client.query(`DROP TABLE IF EXISTS ${scratch}`);
    await client.query(`CREATE TABLE ${scratch} (LIKE "${table}" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const started = performance.now();
    await client.query('BEGIN');
    const list = columns === '*' ? '' : ` (${columns})`;
    const stream = client.query(copyFrom(`COPY ${scratch}${list} FROM STDIN`));
    await pipeline(
      (async function* () {
        // In 1 MiB pieces, as a client streaming rows would send them.
        for (let at = 0; at < data.length; at += 1 << 20) yield data.subarray(at, at + (1 << 20));
      })(),
      stream,
    );
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${scratch}`).catch(() => {});
    client.release();
  }
}

/** Read-and-COPY of the same rows: `reads` out, then `table`'s rows (chosen by `rows`) into a scratch copy of it. */
export async function readAndCopy(
  pool: pg.Pool,
  reads: string[],
  table: string,
  columns: string,
  rows: string,
): Promise<{ ms: number; rows: number }> {
  let readMs = 0;
  for (const read of reads) readMs += (await copyOut(pool, read)).ms;
  const written = await copyOut(pool, `SELECT ${columns} FROM "${table}" WHERE ${rows}`);
  const count = written.data.reduce((n, byte) => (byte === 10 ? n + 1 : n), 0);
  const writeMs = await copyIn(pool, table, columns, written.data);
  return { ms: readMs + writeMs, rows: count };
}
