import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TeamsStandIn } from './index.ts';

/** A subscriber endpoint for the stand-in's own tests: answers validation as told and keeps what it is sent. */
export interface Receiver {
  url: string;
  received: { path: string; query: Record<string, unknown>; body: string; contentType: string | undefined }[];
  /** How to answer a validation request: echo (correct), or a wrong body, status or content type. */
  mode: 'echo' | 'wrong-body' | 'status-500' | 'json';
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [], mode: 'echo' } as unknown as Receiver;
  const app = express();
  app.use(express.text({ type: () => true }));
  app.post('/{*path}', (req, res) => {
    receiver.received.push({
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      body: typeof req.body === 'string' ? req.body : '',
      contentType: req.get('content-type'),
    });
    const token = req.query.validationToken;
    if (typeof token !== 'string') return void res.status(202).end();
    if (receiver.mode === 'status-500') return void res.status(500).end();
    if (receiver.mode === 'json') return void res.json({ token });
    res.type('text/plain').send(receiver.mode === 'wrong-body' ? encodeURIComponent(token) : token);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return receiver;
}

export async function tokenFor(standIn: TeamsStandIn, tenant = standIn.tenantId): Promise<string> {
  const response = await fetch(`${standIn.loginUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: standIn.clientId,
      client_secret: standIn.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export async function graph(
  standIn: TeamsStandIn,
  accessToken: string,
  path: string,
  init: { method?: string; body?: unknown; accept?: string } = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const response = await fetch(path.startsWith('http') ? path : `${standIn.graphUrl}/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(init.accept ? { accept: init.accept } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (VTT, empty): the text is there.
  }
  return { status: response.status, body, text, headers: response.headers };
}

export const inMinutes = (minutes: number, from = Date.now()) => new Date(from + minutes * 60_000).toISOString();
