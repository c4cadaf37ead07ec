import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CrmConnection } from '@sdr/shared';
import { Backend } from '../src/backend.ts';
import { lightningOrigin } from '../src/lightning-origin.ts';

describe('the service client', () => {
  let server: Server;
  let url: string;
  const answers = new Map<string, { status: number; type: string; body: string } | 'never'>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const answer = answers.get(req.url ?? '');
      if (answer === 'never') return; // keeps the request hanging
      if (!answer) return void res.writeHead(404).end();
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const backend = (timeoutMs = 2_000) => new Backend({ url, apiKey: 'sdr_key', timeoutMs });

  it('reports a service that does not answer in time as one it cannot reach', async () => {
    answers.set('/slow', 'never');
    await expect(backend(200).call('GET', '/slow')).rejects.toMatchObject({
      name: 'UnreachableError',
      message: expect.stringMatching(
        /Cannot reach the SDR service at http:\/\/127\.0\.0\.1:\d+: no answer within 200 ms/,
      ),
    });
  });

  it('turns a problem into a message with its fields, keeping the problem for --json', async () => {
    const problem = {
      type: 'https://sdr.example.com/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'Some fields are wrong',
      errors: [{ field: 'body.crmIds', message: 'too many' }],
    };
    answers.set('/problem', { status: 400, type: 'application/problem+json', body: JSON.stringify(problem) });
    await expect(backend().call('POST', '/problem', { body: {} })).rejects.toMatchObject({
      name: 'BackendProblemError',
      message: expect.stringMatching(
        /400 \(POST \/problem\): Invalid request: Some fields are wrong\n {2}- body\.crmIds: too many/,
      ),
      data: { status: 400, problem },
      exitCode: 2,
    });
  });

  it('says the key was refused on 401', async () => {
    answers.set('/key', {
      status: 401,
      type: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Unknown API key' }),
    });
    await expect(backend().call('GET', '/key')).rejects.toMatchObject({
      name: 'KeyRejectedError',
      actions: [expect.stringMatching(/sf sdr connect/), expect.any(String)],
    });
  });

  it('refuses an answer that is not what the contract says, e.g. a proxy login page', async () => {
    answers.set('/v1/crm/connection', { status: 200, type: 'text/html', body: '<html>Sign in</html>' });
    await expect(backend().get('/v1/crm/connection', CrmConnection)).rejects.toMatchObject({
      name: 'UnexpectedAnswerError',
    });
  });

  it("tells an org's Lightning domain from its instance URL", () => {
    expect(lightningOrigin('https://acme.my.salesforce.com')).toBe('https://acme.lightning.force.com');
    expect(lightningOrigin('https://acme--uat.sandbox.my.salesforce.com/')).toBe(
      'https://acme--uat.sandbox.lightning.force.com',
    );
    expect(lightningOrigin('http://127.0.0.1:8080')).toBeNull();
  });
});
