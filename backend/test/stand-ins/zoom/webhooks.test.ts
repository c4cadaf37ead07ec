import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zoomWebhookSender } from './index.ts';

const secretToken = 'standin-webhook-secret';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An endpoint that records what it gets and answers the validation challenge as `answer` says. */
async function endpoint(answer: (body: { payload: { plainToken: string } }) => unknown) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const parsed = JSON.parse(body) as { event: string; payload: { plainToken: string } };
      if (parsed.event !== 'endpoint.url_validation') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(parsed)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zoom`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const hmac = (text: string) => createHmac('sha256', secretToken).update(text).digest('hex');

describe('Zoom webhook sender stand-in', () => {
  it('signs the raw body as v0:{timestamp in seconds}:{body} with the secret token, in Zoom headers', async () => {
    const target = await endpoint(() => ({}));
    try {
      const now = 1_790_000_000_123;
      const sender = zoomWebhookSender({ url: target.url, secretToken, now: () => now });
      const delivery = await sender.send('meeting.started', { account_id: 'acc', object: { uuid: 'u' } });
      expect(delivery.status).toBe(204);
      const [request] = target.received;
      expect(request!.headers['x-zm-request-timestamp']).toBe('1790000000');
      expect(request!.headers['x-zm-signature']).toBe(`v0=${hmac(`v0:1790000000:${request!.body}`)}`);
      expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(request!.body)).toEqual({
        event: 'meeting.started',
        payload: { account_id: 'acc', object: { uuid: 'u' } },
        event_ts: now,
      });
    } finally {
      await target.close();
    }
  });

  it('changes the body after signing, or drops headers, when a test asks', async () => {
    const target = await endpoint(() => ({}));
    try {
      const sender = zoomWebhookSender({ url: target.url, secretToken });
      await sender.send(
        'x',
        {},
        { tamper: (raw) => raw.replace('"x"', '"y"'), headers: { 'x-zm-signature': undefined } },
      );
      const [request] = target.received;
      expect(JSON.parse(request!.body).event).toBe('y');
      expect(request!.headers['x-zm-signature']).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it('judges the URL validation answer as Zoom does', async () => {
    const right = await endpoint(({ payload }) => ({
      plainToken: payload.plainToken,
      encryptedToken: hmac(payload.plainToken),
    }));
    const wrong = await endpoint(({ payload }) => ({ plainToken: payload.plainToken, encryptedToken: 'nope' }));
    try {
      const good = await zoomWebhookSender({ url: right.url, secretToken }).validateUrl();
      expect(good.valid).toBe(true);
      expect(JSON.parse(right.received[0]!.body)).toMatchObject({
        event: 'endpoint.url_validation',
        payload: { plainToken: good.plainToken },
      });
      expect((await zoomWebhookSender({ url: wrong.url, secretToken }).validateUrl()).valid).toBe(false);
    } finally {
      await right.close();
      await wrong.close();
    }
  });
});
