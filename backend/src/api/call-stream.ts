import type { RequestHandler } from 'express';
import type { CallEvents } from '@sdr/shared';
import type { PrismaClient } from '../db/generated/client.ts';
import { TenantDb } from '../db/tenant-db.ts';
import { decodeCursor, encodeCursor } from '../agents/assistant/call-views.ts';
import type { AssistantAgent } from '../agents/assistant/setup.ts';
import type { CallUpdate } from '../agents/assistant/live-calls.ts';
import { authoriseCall } from './call-auth.ts';
import { sendProblem } from './problems.ts';

const KEEPALIVE_MS = 15_000;
/** A client this far behind is not reading: it is dropped and reconnects from its last event id. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * `GET /v1/calls/:id/events` with `Accept: text/event-stream`: the call's events as Server-Sent Events. Each event
 * carries the long-poll's page shape and its cursor as the event id, so a reconnecting EventSource resumes with
 * `Last-Event-ID` and misses nothing. Browsers cannot send the API key with EventSource: a call token
 * (`POST /v1/calls/:id/token`) in `?token=` stands in for it. Other requests fall through to the long-poll.
 */
export function callStream(deps: { prisma: PrismaClient; assistant: AssistantAgent }): RequestHandler {
  return async (req, res, next) => {
    // An EventSource asks for text/event-stream alone; anything that takes JSON gets the long-poll.
    if (req.accepts(['application/json', 'text/event-stream']) !== 'text/event-stream') return next();
    const callId = String(req.params.id ?? '');
    const token = typeof req.query.token === 'string' ? req.query.token : null;
    const tenantId = await authoriseCall(
      { prisma: deps.prisma, box: deps.assistant.box },
      token,
      req.get('authorization'),
      callId,
    );
    if (!tenantId)
      return sendProblem(res, 401, 'Send the API key as Authorization: Bearer <key>, or a call token as ?token=');
    const tenant = new TenantDb(deps.prisma, tenantId, 'call-stream');
    const cursor = req.get('last-event-id') ?? (typeof req.query.cursor === 'string' ? req.query.cursor : undefined);
    let after = decodeCursor(cursor);
    if (after === null)
      return sendProblem(res, 400, 'The cursor is not one this API gave out', [
        { field: 'query.cursor', message: 'unknown cursor' },
      ]);
    const { liveCalls } = deps.assistant;
    const exists = await tenant.client.call.findFirst({ where: { id: callId }, select: { id: true } });
    if (!exists) return sendProblem(res, 404, 'No call with this id for your tenant');

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let closed = false;
    let catchingUp = true;
    const pending: CallUpdate[] = [];
    const send = (events: CallEvents) => {
      if (closed) return;
      res.write(`id: ${events.cursor}\nevent: events\ndata: ${JSON.stringify(events)}\n\n`);
      if (res.writableLength > MAX_BUFFERED_BYTES) close();
      if (events.callStatus === 'ended' && events.summary) close();
    };
    /** Pages from the database until caught up: for the start, and when an update shows a gap. */
    const catchUp = async () => {
      for (;;) {
        const page = await liveCalls.eventsAfter(tenant, callId, after!);
        const next = decodeCursor(page.cursor) ?? after!;
        const moved = next > after!;
        if (moved || page.callStatus === 'ended') send(page);
        after = next;
        if (!moved || closed) return;
      }
    };
    const deliver = async (update: CallUpdate) => {
      if (update.seq <= after!) return;
      const first = update.seq - update.segments.length - update.suggestions.length + 1;
      // Updates from other replicas can arrive out of order: a gap is filled from the database.
      if (first > after! + 1 || update.segments.length + update.suggestions.length === 0) return catchUp();
      after = update.seq;
      send({ ...update, cursor: encodeCursor(update.seq) });
    };
    let chain = Promise.resolve();
    const unsubscribe = await liveCalls.subscribe(tenantId, callId, (update) => {
      if (catchingUp) pending.push(update);
      else chain = chain.then(() => deliver(update)).catch(() => close());
    });
    const keepalive = setInterval(() => !closed && res.write(': keepalive\n\n'), KEEPALIVE_MS);
    function close() {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      void unsubscribe();
      res.end();
    }
    req.on('close', close);
    try {
      await catchUp();
      catchingUp = false;
      for (const update of pending.splice(0)) chain = chain.then(() => deliver(update));
      await chain;
    } catch (error) {
      req.log.warn({ err: error, callId }, 'call stream failed');
      close();
    }
  };
}
