import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { AssistantAgent } from '../../agents/assistant/setup.ts';
import { decodeCursor } from '../../agents/assistant/call-views.ts';
import { callView } from '../../agents/assistant/call-views.ts';
import { issueCallToken } from '../../agents/assistant/call-token.ts';
import { assertReferencesExist } from '../references.ts';
import { invalid, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function callRoutes(deps: { assistant: AssistantAgent; publicUrl: string | undefined }) {
  const router = Router();
  const { liveCalls } = deps.assistant;

  tenantRoute(router, routes.startCall, async ({ body, tenant }) => {
    const db = tenant.db.client;
    if (body.leadId) await assertReferencesExist(db, 'lead', [{ field: 'body.leadId', id: body.leadId }]);
    if (body.opportunityId)
      await assertReferencesExist(db, 'opportunity', [{ field: 'body.opportunityId', id: body.opportunityId }]);
    if (body.userId) await assertReferencesExist(db, 'user', [{ field: 'body.userId', id: body.userId }]);
    const { call, created } = await liveCalls.start(tenant.db, body, tenant.user?.id ?? null);
    return { status: created ? 201 : 200, body: call };
  });

  tenantRoute(router, routes.listCalls, async ({ query, tenant }) => {
    const rows = await tenant.db.client.call.findMany({
      where: {
        ...(query.leadId ? { leadId: query.leadId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.platform ? { platform: query.platform } : {}),
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
      take: query.limit,
    });
    return { status: 200, body: { data: rows.map(callView) } };
  });

  tenantRoute(router, routes.getCall, async ({ params, tenant }) => {
    const row = await tenant.db.client.call.findFirst({ where: { id: params.id } });
    if (!row) throw notFound('call');
    return { status: 200, body: callView(row) };
  });

  tenantRoute(router, routes.endCall, async ({ params, body, tenant }) => {
    const call = await deps.assistant.endCall(tenant.db, params.id, body.endedAt ? new Date(body.endedAt) : null);
    return { status: 200, body: call };
  });

  tenantRoute(router, routes.addSegments, async ({ params, body, tenant }) => {
    const result = await liveCalls.ingest(tenant.db, params.id, body.segments);
    return { status: 200, body: result };
  });

  tenantRoute(router, routes.getCallEvents, async ({ params, query, tenant, req }) => {
    const after = decodeCursor(query.cursor);
    if (after === null) throw invalid('query.cursor', 'not a cursor this API gave out');
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    const events = await liveCalls.waitForEvents(tenant.db, params.id, after, query.waitSeconds * 1000, abort.signal);
    return { status: 200, body: events };
  });

  tenantRoute(router, routes.createCallToken, async ({ params, tenant }) => {
    const call = await tenant.db.client.call.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!call) throw notFound('call');
    const issued = issueCallToken(deps.assistant.box, { tenantId: tenant.tenantId, callId: call.id }, Date.now());
    const base = deps.publicUrl?.replace(/\/+$/, '') ?? '';
    return {
      status: 201,
      body: {
        token: issued.token,
        expiresAt: new Date(issued.expiresAt).toISOString(),
        streamUrl: `${base}/v1/calls/${encodeURIComponent(call.id)}/events?token=${encodeURIComponent(issued.token)}`,
      },
    };
  });

  return router;
}
