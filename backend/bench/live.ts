import WebSocket from 'ws';
import type { CallEvents } from '@sdr/shared';
import { InProcessEventBus, type EventBus } from '../src/fan-out/event-bus.ts';
import { RedisEventBus } from '../src/fan-out/redis-event-bus.ts';
import { trakwellCard } from '../test/assistant/fixtures.ts';
import { mib, ms, percentile } from './figures.ts';
import { benchService } from './service.ts';

const CALLS = Number(process.env.BENCH_LIVE_CALLS ?? 200);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const PER_SECOND = 2;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What prospects say: every line sets off at least one suggestion (a card item, a competitor, a talk track). */
const LINES = [
  'Honestly Trakwell came in cheaper per vehicle than you.',
  "We're locked into a contract with them until the spring.",
  'The tachograph downloads take us hours every week.',
  "It's too expensive for us right now, to be fair.",
  'I need to check with my boss before we go any further.',
  "We're trialling Trakwell on the vans at the moment.",
];

interface Sample {
  sentAt: number;
  call: number;
}

/**
 * CALLS live calls, each a WebSocket sending PER_SECOND prospect segments a second for SECONDS, into one service
 * on this machine (the load generator shares its two cores). Measured from a segment's send to the first
 * suggestion it prompted arriving back on the socket (the rules path; no LLM), with events carried in process
 * and through Redis. Every segment is then checked: stored once, delivered to its call's socket once.
 */
export async function liveBench(): Promise<void> {
  for (const fanOut of ['in-process', 'redis'] as const) {
    const bus: EventBus = fanOut === 'redis' ? new RedisEventBus(REDIS_URL) : new InProcessEventBus();
    if (bus instanceof RedisEventBus) await bus.ready();
    const service = await benchService();
    const { base, stop } = await service.serve({ bus });
    console.log(
      `live (${fanOut} fan-out): ${CALLS} calls × ${PER_SECOND} segments/s for ${SECONDS} s over WebSocket, ${service.where}`,
    );
    try {
      // Every suggestion may repeat: the figures are for a suggestion per segment.
      await service.db.prisma.tenant.update({
        where: { id: service.tenantId },
        data: { settings: { assistant: { repeatWindowSeconds: 0 } } },
      });
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: service.headers,
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { id: string };
      };
      const competitor = await post('/v1/competitors', { name: 'Trakwell Telematics', aliases: ['Trakwell'] });
      await post('/v1/battlecards', trakwellCard(competitor.id));
      const callIds: string[] = [];
      for (let i = 0; i < CALLS; i += 1)
        callIds.push((await post('/v1/calls', { platform: 'dialer', externalId: `bench-${i}` })).id);

      const sent = new Map<string, Sample>();
      const suggestionLatency: number[] = [];
      const segmentLatency: number[] = [];
      const delivered = new Map<string, number>();
      const suggested = new Set<string>();
      let errors = 0;
      const sockets = await Promise.all(
        callIds.map(
          (callId, call) =>
            new Promise<WebSocket>((resolve, reject) => {
              const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/calls/${callId}/stream`, {
                headers: { Authorization: service.headers.Authorization },
              });
              ws.on('message', (data) => {
                const now = performance.now();
                const message = JSON.parse(data.toString()) as { type: string } & Partial<CallEvents>;
                if (message.type === 'error') errors += 1;
                if (message.type !== 'events') return;
                for (const segment of message.segments ?? []) {
                  const key = `${call}:${segment.segmentId}`;
                  delivered.set(key, (delivered.get(key) ?? 0) + 1);
                  const sample = sent.get(key);
                  if (sample && delivered.get(key) === 1) segmentLatency.push(now - sample.sentAt);
                }
                for (const suggestion of message.suggestions ?? []) {
                  const key = `${call}:${suggestion.segmentId}`;
                  const sample = sent.get(key);
                  if (sample && !suggested.has(key)) {
                    suggested.add(key);
                    suggestionLatency.push(now - sample.sentAt);
                  }
                }
              });
              ws.once('open', () => resolve(ws));
              ws.once('error', reject);
            }),
        ),
      );

      let peak = process.memoryUsage().rss;
      const memory = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
      const started = performance.now();
      const total = SECONDS * PER_SECOND;
      await Promise.all(
        sockets.map(async (ws, call) => {
          // Calls start out of step, as real ones do.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * (1000 / PER_SECOND)));
          const begun = performance.now();
          for (let n = 0; n < total; n += 1) {
            const segmentId = `s${n}`;
            sent.set(`${call}:${segmentId}`, { sentAt: performance.now(), call });
            ws.send(
              JSON.stringify({
                type: 'segment',
                segment: {
                  segmentId,
                  speaker: 'prospect',
                  text: LINES[(n + call) % LINES.length],
                  startMs: n * 500,
                  endMs: n * 500 + 450,
                  final: true,
                },
              }),
            );
            const next = begun + ((n + 1) * 1000) / PER_SECOND;
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
          }
        }),
      );
      // Let the last segments through.
      const deadline = performance.now() + 15_000;
      while (delivered.size < sent.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const elapsed = (performance.now() - started) / 1000;
      clearInterval(memory);
      for (const ws of sockets) ws.close();

      const stored = await service.db.prisma.transcriptSegment.count({ where: { tenantId: service.tenantId } });
      const lost = sent.size - stored;
      const undelivered = [...sent.keys()].filter((key) => !delivered.has(key)).length;
      const duplicated = [...delivered.values()].filter((count) => count > 1).length;
      console.log(
        `  ${sent.size.toLocaleString('en-US')} segments in ${elapsed.toFixed(1)} s (${Math.round(sent.size / elapsed)}/s); ` +
          `stored ${stored.toLocaleString('en-US')}, lost ${lost}, not delivered ${undelivered}, duplicated ${duplicated}, errors ${errors}`,
      );
      console.log(
        `  segment in → suggestion out: p50 ${ms(percentile(suggestionLatency, 50))}, p95 ${ms(percentile(suggestionLatency, 95))}, ` +
          `p99 ${ms(percentile(suggestionLatency, 99))} (${suggestionLatency.length.toLocaleString('en-US')} suggestions)`,
      );
      console.log(
        `  segment in → segment out to watchers: p50 ${ms(percentile(segmentLatency, 50))}, p95 ${ms(percentile(segmentLatency, 95))}, ` +
          `p99 ${ms(percentile(segmentLatency, 99))}; peak RSS ${mib(peak)}`,
      );
    } finally {
      await stop();
      await bus.close();
      await service.close();
    }
  }
}
