import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InProcessEventBus, type EventBus } from '../src/fan-out/event-bus.ts';
import { RedisEventBus } from '../src/fan-out/redis-event-bus.ts';
import { trakwellCard } from '../test/assistant/fixtures.ts';
import { mib, ms, percentile, withPeakMemory } from './figures.ts';
import type { CallersInput, CallersResult } from './live-callers.ts';
import { profiled } from './profile.ts';
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

/**
 * CALLS live calls, each a WebSocket sending PER_SECOND prospect segments a second for SECONDS, into one service
 * on this machine (the load generator shares its two cores). Measured from a segment's send to the first
 * suggestion it prompted arriving back on the socket (the rules path; no LLM), with events carried in process
 * and through Redis. Every segment is then checked: stored once, delivered to its call's socket once.
 */
export interface LiveFigures {
  suggestionP50Ms: number;
  suggestionP95Ms: number;
  commitsPerSegment: number;
  cpuMsPerSegment: number;
  lost: number;
}

export async function liveBench(
  options: { calls?: number; seconds?: number; fanOuts?: ('in-process' | 'redis')[] } = {},
): Promise<LiveFigures> {
  const { calls = CALLS, seconds = SECONDS, fanOuts = ['in-process', 'redis'] } = options;
  let figures: LiveFigures | null = null;
  for (const fanOut of fanOuts) {
    const bus: EventBus = fanOut === 'redis' ? new RedisEventBus(REDIS_URL) : new InProcessEventBus();
    if (bus instanceof RedisEventBus) await bus.ready();
    const service = await benchService();
    const { base, stop } = await service.serve({ bus });
    console.log(
      `live (${fanOut} fan-out): ${calls} calls × ${PER_SECOND} segments/s for ${seconds} s over WebSocket, ${service.where}`,
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
      for (let i = 0; i < calls; i += 1)
        callIds.push((await post('/v1/calls', { platform: 'dialer', externalId: `bench-${i}` })).id);

      const cpuBefore = process.cpuUsage();
      const before = await service.transactions();
      const segments = calls * seconds * PER_SECOND;
      const { value: callers, peak } = await withPeakMemory(() =>
        profiled(
          `live-${fanOut}`,
          segments,
          () =>
            new Promise<CallersResult>((resolve, reject) => {
              const callers = fork(fileURLToPath(new URL('./live-callers.ts', import.meta.url)));
              callers.on('message', (message) => {
                if (message !== 'ready') return resolve(message as CallersResult);
                callers.send({
                  base,
                  authorization: service.headers.Authorization,
                  callIds,
                  lines: LINES,
                  perSecond: PER_SECOND,
                  seconds: seconds,
                } satisfies CallersInput);
              });
              callers.once('error', reject);
              callers.once('exit', (code) =>
                reject(new Error(`the callers' process ended (${code}) without its figures`)),
              );
            }),
        ),
      );
      const cpu = process.cpuUsage(cpuBefore);
      const commits = (await service.transactions()) - before - 1;
      const { sent, elapsedSeconds: elapsed, suggestionLatency, segmentLatency } = callers;
      const stored = await service.db.prisma.transcriptSegment.count({ where: { tenantId: service.tenantId } });
      const lost = sent - stored;
      console.log(
        `  ${sent.toLocaleString('en-US')} segments in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)}/s); ` +
          `stored ${stored.toLocaleString('en-US')}, lost ${lost}, not delivered ${callers.undelivered}, ` +
          `duplicated ${callers.duplicated}, errors ${callers.errors}`,
      );
      console.log(
        `  ${(commits / sent).toFixed(2)} commits per segment (${Math.round(commits / elapsed)}/s, ` +
          `${((100 * commits) / elapsed / service.calibration.commits8).toFixed(0)} % of the database's 8-client commit rate); ` +
          `service CPU ${((cpu.user + cpu.system) / 1e6 / elapsed).toFixed(2)} cores, ` +
          `${(((cpu.user + cpu.system) / sent) * 1e-3).toFixed(2)} ms per segment`,
      );
      console.log(
        `  segment in → suggestion out: p50 ${ms(percentile(suggestionLatency, 50))}, p95 ${ms(percentile(suggestionLatency, 95))}, ` +
          `p99 ${ms(percentile(suggestionLatency, 99))} (${suggestionLatency.length.toLocaleString('en-US')} suggestions)`,
      );
      console.log(
        `  segment in → segment out to watchers: p50 ${ms(percentile(segmentLatency, 50))}, p95 ${ms(percentile(segmentLatency, 95))}, ` +
          `p99 ${ms(percentile(segmentLatency, 99))}; peak RSS ${mib(peak)}`,
      );
      // Figures of the first fan-out (the smoke run's only one); lost counts every segment not stored or delivered.
      figures ??= {
        suggestionP50Ms: percentile(suggestionLatency, 50),
        suggestionP95Ms: percentile(suggestionLatency, 95),
        commitsPerSegment: commits / sent,
        cpuMsPerSegment: ((cpu.user + cpu.system) / sent) * 1e-3,
        lost: lost + callers.undelivered + callers.duplicated + callers.errors,
      };
    } finally {
      await stop();
      await bus.close();
      await service.close();
    }
  }
  return figures!;
}
