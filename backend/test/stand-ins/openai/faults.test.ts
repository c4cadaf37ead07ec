import OpenAI, { APIConnectionError, InternalServerError, RateLimitError } from 'openai';
import { startOpenAiStandIn, type OpenAiStandIn } from './index.ts';

let standIn: OpenAiStandIn;

beforeEach(async () => {
  standIn = await startOpenAiStandIn();
});

afterEach(async () => {
  await standIn.close();
});

const sdk = (options: { maxRetries?: number; timeout?: number } = {}) =>
  new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url, maxRetries: 0, logLevel: 'off', ...options });

const ask = (client: OpenAI) =>
  client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('The call succeeded');
}

describe('OpenAI stand-in: planned failures', () => {
  it('answers 429 with retry-after and the rate-limit body', async () => {
    standIn.failNext({ status: 429, retryAfterSeconds: 7 });

    const error = (await failureOf(ask(sdk()))) as RateLimitError;

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests', param: null });
    expect(error.message).toContain('Rate limit reached for gpt-4o-mini');
  });

  it('answers 500 and 503 with server_error bodies, then serves normally', async () => {
    standIn.failNext({ status: 500 });
    standIn.failNext({ status: 503 });
    const client = sdk();

    const first = (await failureOf(ask(client))) as InternalServerError;
    const second = (await failureOf(ask(client))) as InternalServerError;
    const third = await ask(client);

    expect(first).toBeInstanceOf(InternalServerError);
    expect(first).toMatchObject({ status: 500, type: 'server_error' });
    expect(second).toMatchObject({ status: 503, type: 'server_error' });
    expect(third.choices).toHaveLength(1);
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 503, 200]);
  });

  it('repeats a failure `times` times, which the SDK’s retries meet', async () => {
    standIn.failNext({ status: 500, times: 2 });

    const completion = await ask(sdk({ maxRetries: 2 }));

    expect(completion.object).toBe('chat.completion');
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('sends a string body as it is, as a proxy’s error page would be', async () => {
    standIn.failNext({ status: 502, body: '<html><body>Bad gateway</body></html>' });

    const response = await fetch(`${standIn.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standIn.apiKey}`, 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe('<html><body>Bad gateway</body></html>');
  });

  it('answers late with delayMs, and records the request while it waits', async () => {
    standIn.failNext({ delayMs: 2_000 });

    const started = Date.now();
    const error = await failureOf(ask(sdk({ timeout: 200 })));

    // A timeout, which under jest's VM contexts the SDK cannot tell from other connection failures.
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]!.status).toBe(0);
  });

  it('serves planned content instead of the reply function’s', async () => {
    standIn.failNext({ content: 'not json at all' });

    const completion = await ask(sdk());

    expect(completion.choices[0]!.message.content).toBe('not json at all');
  });

  it('leaves unauthenticated requests to the 401, keeping the fault for the next one', async () => {
    standIn.failNext({ status: 500 });
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: standIn.url, maxRetries: 0, logLevel: 'off' });

    await failureOf(ask(wrong));
    const error = await failureOf(ask(sdk()));

    expect(standIn.requests.map((r) => r.status)).toEqual([401, 500]);
    expect(error).toBeInstanceOf(InternalServerError);
  });

  it('drops planned failures on clearFaults', async () => {
    standIn.failNext({ status: 500, times: 3 });
    standIn.clearFaults();

    expect((await ask(sdk())).object).toBe('chat.completion');
  });
});
