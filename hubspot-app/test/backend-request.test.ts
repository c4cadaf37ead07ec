import {
  backend,
  BackendError,
  BUSY,
  MAX_BYTES,
  NOT_INSTALLED,
  TIMEOUT_MS,
  TOO_LARGE,
  UNREACHABLE,
} from '../src/app/backend/request.ts';
import { BACKEND_URL } from '../src/app/backend/address.ts';
import { FakeFetch } from './support/fake-fetch.ts';

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch();
  fake.install();
});

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('calls to the SDR service through hubspot.fetch', () => {
  it('goes to the service under /hubspot, with the query sorted, the time limit set and the answer parsed', async () => {
    fake.on('GET', '/v1/leads', { status: 200, body: { data: [], nextCursor: null } });
    const page = await backend('/v1/leads', { query: { limit: 5, crmId: '101', skipped: undefined } });
    expect(page).toEqual({ data: [], nextCursor: null });
    const [call] = fake.calls;
    expect(`${call!.url.origin}${call!.url.pathname}`).toBe(`${BACKEND_URL}/hubspot/v1/leads`);
    expect(call!.url.search).toBe('?crmId=101&limit=5');
    expect(call!.timeout).toBe(TIMEOUT_MS);
  });

  it('sends bodies as objects and refuses one over the 1 MB limit without sending it', async () => {
    fake.on('PATCH', '/v1/settings', { status: 200, body: { ok: true } });
    await backend('/v1/settings', { method: 'PATCH', body: { research: { autoResearch: true } } });
    expect(fake.calls[0]!.body).toEqual({ research: { autoResearch: true } });
    const tooBig = await failure(backend('/v1/settings', { method: 'PATCH', body: { note: 'x'.repeat(MAX_BYTES) } }));
    expect(tooBig.message).toBe(TOO_LARGE);
    expect(fake.calls).toHaveLength(1);
  });

  it.each([
    [401, NOT_INSTALLED],
    [403, NOT_INSTALLED],
    [429, BUSY],
    [500, UNREACHABLE],
    [503, UNREACHABLE],
  ])('words a %i for people', async (status, message) => {
    fake.on('GET', '/v1/queue', { status, body: { title: 'x', detail: 'internal detail' } });
    const error = await failure(backend('/v1/queue'));
    expect(error.message).toBe(message);
    expect(error.status).toBe(status);
  });

  it("passes a refusal's detail and field problems on", async () => {
    fake.on('PUT', '/v1/settings/field-mapping', {
      status: 400,
      body: {
        detail: 'fields.lead.email: unknown field',
        errors: [{ field: 'body.fields.lead.email', message: 'unknown field' }, 'junk'],
      },
    });
    const error = await failure(backend('/v1/settings/field-mapping', { method: 'PUT', body: {} }));
    expect(error.message).toBe('fields.lead.email: unknown field');
    expect(error.fieldErrors).toEqual([{ field: 'body.fields.lead.email', message: 'unknown field' }]);
  });

  it('treats a network failure and an unreadable answer as the service being unreachable', async () => {
    fake.on('GET', '/v1/queue', 'network-error');
    expect((await failure(backend('/v1/queue'))).message).toBe(UNREACHABLE);
    fake.on('GET', '/v1/queue', () => ({ status: 200, body: undefined }));
    expect(await backend('/v1/queue')).toBeUndefined();
  });
});
