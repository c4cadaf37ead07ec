import WebSocket from 'ws';
import type { CallEvents } from '@sdr/shared';

/**
 * The callers of the live benchmark, run in a process of their own so that their sockets and JSON cost the service
 * nothing (and the service's CPU figure is its own): each call is a WebSocket sending `perSecond` prospect segments a second for `seconds`, recording
 * when each segment went out, when it came back to watchers and when the first suggestion it prompted arrived.
 */
export interface CallersInput {
  base: string;
  authorization: string;
  callIds: string[];
  lines: string[];
  perSecond: number;
  seconds: number;
}

export interface CallersResult {
  sent: number;
  /** Each segment's number of deliveries, keyed by call and segment, for the lost and duplicated counts. */
  undelivered: number;
  duplicated: number;
  errors: number;
  suggestionLatency: number[];
  segmentLatency: number[];
  elapsedSeconds: number;
}

const input = new Promise<CallersInput>((resolve) =>
  process.once('message', (message) => resolve(message as CallersInput)),
);
// Asked for only once listening: a message sent before a listener exists is lost.
process.send!('ready');
const { base, authorization, callIds, lines, perSecond, seconds } = await input;
const sent = new Map<string, number>();
const delivered = new Map<string, number>();
const suggested = new Set<string>();
const suggestionLatency: number[] = [];
const segmentLatency: number[] = [];
let errors = 0;

const sockets = await Promise.all(
  callIds.map(
    (callId, call) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/calls/${callId}/stream`, {
          headers: { Authorization: authorization },
        });
        ws.on('message', (data) => {
          const now = performance.now();
          const message = JSON.parse(data.toString()) as { type: string } & Partial<CallEvents>;
          if (message.type === 'error') errors += 1;
          if (message.type !== 'events') return;
          for (const segment of message.segments ?? []) {
            const key = `${call}:${segment.segmentId}`;
            delivered.set(key, (delivered.get(key) ?? 0) + 1);
            const sentAt = sent.get(key);
            if (sentAt !== undefined && delivered.get(key) === 1) segmentLatency.push(now - sentAt);
          }
          for (const suggestion of message.suggestions ?? []) {
            const key = `${call}:${suggestion.segmentId}`;
            const sentAt = sent.get(key);
            if (sentAt !== undefined && !suggested.has(key)) {
              suggested.add(key);
              suggestionLatency.push(now - sentAt);
            }
          }
        });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      }),
  ),
);

const started = performance.now();
const total = seconds * perSecond;
await Promise.all(
  sockets.map(async (ws, call) => {
    // Calls start out of step, as real ones do.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * (1000 / perSecond)));
    const begun = performance.now();
    for (let n = 0; n < total; n += 1) {
      const segmentId = `s${n}`;
      sent.set(`${call}:${segmentId}`, performance.now());
      ws.send(
        JSON.stringify({
          type: 'segment',
          segment: {
            segmentId,
            speaker: 'prospect',
            text: lines[(n + call) % lines.length],
            startMs: n * 500,
            endMs: n * 500 + 450,
            final: true,
          },
        }),
      );
      const next = begun + ((n + 1) * 1000) / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  }),
);
// Let the last segments through.
const deadline = performance.now() + 15_000;
while (delivered.size < sent.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const elapsedSeconds = (performance.now() - started) / 1000;
for (const ws of sockets) ws.close();
process.send!(
  {
    sent: sent.size,
    undelivered: [...sent.keys()].filter((key) => !delivered.has(key)).length,
    duplicated: [...delivered.values()].filter((count) => count > 1).length,
    errors,
    suggestionLatency,
    segmentLatency,
    elapsedSeconds,
  } satisfies CallersResult,
  // Disconnected only once the result is out: a large message is still being written when send returns.
  () => process.disconnect(),
);
