import { randomUUID } from 'node:crypto';
import { SegmentWrites, type SegmentWrite } from '../../src/agents/assistant/segment-writes.ts';
import type { Database } from '../../src/db/connect.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { databaseLabel, migratedDatabase } from '../support/database.ts';

const metrics = { talkRatio: null, longestMonologueMs: 0, questions: 0, words: { rep: 0, prospect: 0 } };

/** Batches of many calls written at once share commits, and each call still gets its own gapless sequence. */
describe(`grouped segment writes on ${databaseLabel}`, () => {
  let db: Database;
  const tenants: string[] = [];

  beforeAll(async () => {
    db = await migratedDatabase();
    for (const externalId of ['5001', '5002'])
      tenants.push((await createTenant(db.prisma, { crm: 'hubspot', externalId, name: `T${externalId}` })).tenantId);
  });
  afterAll(async () => {
    await db?.close();
  });

  const startCall = async (tenantId: string, status = 'live') => {
    const id = randomUUID();
    await db.prisma.call.create({ data: { tenantId, id, platform: 'dialer', status, startedAt: new Date() } });
    return id;
  };
  const batch = (tenantId: string, callId: string, n: number, text = 'It is too expensive.'): SegmentWrite => ({
    tenantId,
    callId,
    segments: [{ segmentId: `s${n}`, speaker: 'prospect', text, startMs: n * 500, endMs: n * 500 + 400, final: true }],
    drafts: [
      {
        segmentId: `s${n}`,
        kind: 'objection',
        title: 'Price',
        body: 'Ask what they compare it with.',
        source: null,
        signal: { type: 'objection', kind: 'price', match: 'too expensive' },
        topic: `price-${n}`,
      } as unknown as SegmentWrite['drafts'][number],
    ],
    suggestionIds: [randomUUID()],
    metrics: metrics as unknown as SegmentWrite['metrics'],
    stamp: new Date().toISOString(),
  });

  it('writes concurrent batches of many calls in few commits, each call numbered without gaps or repeats', async () => {
    const writes = new SegmentWrites(db.prisma);
    const calls = await Promise.all(Array.from({ length: 40 }, (_, i) => startCall(tenants[i % 2]!)));
    const before = Number((await db.pool.query('SELECT pg_current_xact_id()::text AS id')).rows[0].id);
    // Five rounds, each call's batches one after another (as the live path sends them), all calls at once.
    const lastSeqs = await Promise.all(
      calls.map(async (callId, i) => {
        const seqs: (number | null)[] = [];
        for (let n = 0; n < 5; n += 1) seqs.push(await writes.write(batch(tenants[i % 2]!, callId, n)));
        return seqs;
      }),
    );
    const after = Number((await db.pool.query('SELECT pg_current_xact_id()::text AS id')).rows[0].id);
    // 200 batches; one commit each would be 200 transactions.
    expect(after - before - 1).toBeLessThan(100);
    for (const seqs of lastSeqs) expect(seqs).toEqual([2, 4, 6, 8, 10]);
    for (const [i, callId] of calls.entries()) {
      const segments = await db.prisma.transcriptSegment.findMany({ where: { callId }, orderBy: { seq: 'asc' } });
      const suggestions = await db.prisma.suggestion.findMany({ where: { callId }, orderBy: { seq: 'asc' } });
      expect(segments.map((s) => s.seq)).toEqual([1, 3, 5, 7, 9]);
      expect(suggestions.map((s) => s.seq)).toEqual([2, 4, 6, 8, 10]);
      expect(new Set([...segments, ...suggestions].map((r) => r.tenantId))).toEqual(new Set([tenants[i % 2]]));
      const call = await db.prisma.call.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenants[i % 2]!, id: callId } },
      });
      expect(call.lastSeq).toBe(10);
    }
  });

  it('stores nothing for an ended call and answers null for it alone', async () => {
    const writes = new SegmentWrites(db.prisma);
    const live = await startCall(tenants[0]!);
    const ended = await startCall(tenants[0]!, 'ended');
    const [a, b] = await Promise.all([
      writes.write(batch(tenants[0]!, live, 0)),
      writes.write(batch(tenants[0]!, ended, 0)),
    ]);
    expect(a).toBe(2);
    expect(b).toBeNull();
    expect(await db.prisma.transcriptSegment.count({ where: { callId: ended } })).toBe(0);
  });

  it('fails a batch the database refuses on its own, and writes the others of its group', async () => {
    const writes = new SegmentWrites(db.prisma);
    const calls = await Promise.all(Array.from({ length: 6 }, () => startCall(tenants[1]!)));
    const results = await Promise.allSettled(
      calls.map((callId, i) => writes.write(batch(tenants[1]!, callId, 0, i === 3 ? 'bad \u0000 byte' : 'Fine.'))),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    for (const [i, callId] of calls.entries())
      expect(await db.prisma.transcriptSegment.count({ where: { callId } })).toBe(i === 3 ? 0 : 1);
  });
});
