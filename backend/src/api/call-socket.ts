import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { TranscriptSegmentBatch, TranscriptSegmentUpsert } from '@sdr/shared';
import type { PrismaClient } from '../db/generated/client.ts';
import { TenantDb } from '../db/tenant-db.ts';
import { encodeCursor } from '../agents/assistant/call-views.ts';
import { AgentProblem } from '../agents/agent-problem.ts';
import type { AssistantAgent } from '../agents/assistant/setup.ts';
import type { Logger } from '../logger.ts';
import { authoriseCall } from './call-auth.ts';
import { fieldErrors } from './problems.ts';

/**
 * `/v1/calls/:id/stream`: a WebSocket per call for dialers and transcription bridges that send segments as they
 * are recognised and want the suggestions back on the same connection. Messages are JSON:
 * - in: `{"type":"segments","ref":"…","segments":[…]}` (up to 500, as in `POST /v1/calls/:id/segments`);
 * - out: `{"type":"ack","ref":"…","added":…,"replaced":…,"unchanged":…}` per batch, `{"type":"events",…}` for every
 *   update of the call (the long-poll's shape, from whichever replica stored it), `{"type":"error",…}` for a bad
 *   message (the connection stays open).
 * A client that stops reading is disconnected (1013) once a megabyte waits for it; the transcript is safe in the
 * database and a reconnect resumes from its cursor.
 */

const PATH = /^\/v1\/calls\/([A-Za-z0-9_.:-]{1,64})\/stream$/;
const MAX_MESSAGE_BYTES = 1 << 20;
const MAX_BUFFERED_BYTES = 1 << 20;

const Incoming = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('segments'),
    ref: z.string().max(128).optional(),
    segments: TranscriptSegmentBatch.shape.segments,
  }),
  z.strictObject({ type: z.literal('segment'), ref: z.string().max(128).optional(), segment: TranscriptSegmentUpsert }),
]);

export function attachCallSockets(
  server: Server,
  deps: { prisma: PrismaClient; assistant: AssistantAgent; logger: Logger; maxBufferedBytes?: number },
): { close(): Promise<void> } {
  const maxBuffered = deps.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return;
    const callId = match[1]!;
    void (async () => {
      const tenantId = await authoriseCall(
        { prisma: deps.prisma, box: deps.assistant.box },
        url.searchParams.get('token'),
        req.headers.authorization,
        callId,
      );
      if (!tenantId) return refuse(socket, 401, 'Unauthorized');
      const tenant = new TenantDb(deps.prisma, tenantId, 'call-socket');
      const call = await tenant.client.call.findFirst({ where: { id: callId }, select: { id: true } });
      if (!call) return refuse(socket, 404, 'Not Found');
      wss.handleUpgrade(req, socket, head, (ws) => void serve(ws, tenant, callId));
    })().catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'call socket upgrade failed');
      refuse(socket, 500, 'Internal Server Error');
    });
  };
  server.on('upgrade', onUpgrade);

  async function serve(ws: WebSocket, tenant: TenantDb, callId: string) {
    const send = (message: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) return ws.close(1013, 'not reading');
      ws.send(JSON.stringify(message));
    };
    const unsubscribe = await deps.assistant.liveCalls.subscribe(tenant.tenantId, callId, (update) => {
      const { seq, ...events } = update;
      send({ type: 'events', ...events, cursor: encodeCursor(seq) });
    });
    ws.on('close', () => void unsubscribe());
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ type: 'error', status: 400, detail: 'Send JSON text messages' });
      let parsed: z.infer<typeof Incoming>;
      try {
        const result = Incoming.safeParse(JSON.parse(data.toString('utf8')));
        if (!result.success)
          return send({
            type: 'error',
            status: 400,
            detail: 'Invalid message',
            errors: fieldErrors('message', result.error),
          });
        parsed = result.data;
      } catch {
        return send({ type: 'error', status: 400, detail: 'Messages must be JSON' });
      }
      const segments = parsed.type === 'segments' ? parsed.segments : [parsed.segment];
      const ref = parsed.ref;
      deps.assistant.liveCalls.ingest(tenant, callId, segments).then(
        (result) =>
          send({
            type: 'ack',
            ...(ref ? { ref } : {}),
            added: result.added,
            replaced: result.replaced,
            unchanged: result.unchanged,
          }),
        (error: unknown) => {
          if (error instanceof AgentProblem)
            return send({ type: 'error', ...(ref ? { ref } : {}), status: error.status, detail: error.message });
          deps.logger.error({ err: error, callId }, 'segments not stored');
          send({
            type: 'error',
            ...(ref ? { ref } : {}),
            status: 500,
            detail: 'The segments could not be stored; send them again',
          });
        },
      );
    });
  }

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'server stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
