import { LlmError, LlmRequestError, LlmUnavailableError, OpenAiLlm } from '../../src/integrations/llm/index.ts';
import { startOpenAiStandIn } from '../stand-ins/openai/index.ts';
import { GOOD_SUGGESTION, harness, rejectionOf, suggestionRequest, type Harness } from './support.ts';

let h: Harness | undefined;

async function start(...args: Parameters<typeof harness>): Promise<Harness> {
  h = await harness(...args);
  h.standIn.reply(() => GOOD_SUGGESTION);
  return h;
}

afterEach(async () => {
  await h?.standIn.close();
  h = undefined;
});

describe('LLM provider failures', () => {
  it('rides out one 503 with the SDK’s retry', async () => {
    const { standIn, llm } = await start({ maxRetries: 1 });
    standIn.failNext({ status: 503 });

    expect(await llm.complete(suggestionRequest())).toEqual(GOOD_SUGGESTION);
    expect(standIn.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('reports a lasting 500 as LlmUnavailableError after the configured retries', async () => {
    const { standIn, llm } = await start({ maxRetries: 2 });
    standIn.failNext({ status: 500, times: 10 });

    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ task: 'call-suggestion', reason: 'server', status: 500 });
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('reports a lasting 429 as rate-limited after one retry by default', async () => {
    const { standIn, llm } = await start();
    standIn.failNext({ status: 429, retryAfterSeconds: 0, times: 10 });

    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ reason: 'rate-limited', status: 429 });
    expect(standIn.requests).toHaveLength(2);
  });

  it('waits as retry-after says before retrying a 429', async () => {
    const { standIn, llm } = await start();
    standIn.failNext({ status: 429, retryAfterSeconds: 1 });

    const started = Date.now();
    expect(await llm.complete(suggestionRequest())).toEqual(GOOD_SUGGESTION);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const [first, second] = standIn.requests;
    expect(second!.receivedAt.getTime() - first!.receivedAt.getTime()).toBeGreaterThanOrEqual(950);
  });

  it('gives up at the deadline, retries included', async () => {
    const { standIn, llm } = await start({ timeoutMs: 300, maxRetries: 3 });
    standIn.failNext({ delayMs: 5_000, times: 10 });

    const started = Date.now();
    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('takes a request’s own timeout over the adapter’s', async () => {
    const { standIn, llm } = await start({ timeoutMs: 10_000 });
    standIn.failNext({ delayMs: 5_000 });

    const started = Date.now();
    await expect(llm.complete(suggestionRequest({ timeoutMs: 200 }))).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a wrong API key as unavailable for auth, without retrying', async () => {
    const { standIn } = await start();
    const llm = new OpenAiLlm({ apiKey: 'sk-not-the-key', baseUrl: standIn.url, model: 'gpt-4o-mini', maxRetries: 2 });

    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ reason: 'auth', status: 401 });
    expect(standIn.requests.map((r) => r.status)).toEqual([401]);
  });

  it('reports an unreachable server as a network failure', async () => {
    const standIn = await startOpenAiStandIn();
    await standIn.close();
    const llm = new OpenAiLlm({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'gpt-4o-mini', maxRetries: 0 });

    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ reason: 'network', status: undefined });
  });

  it('reports a request the provider refuses as LlmRequestError', async () => {
    const { standIn } = await start();
    const llm = new OpenAiLlm({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'gpt-9-imaginary' });

    const error = await rejectionOf(llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
    expect(standIn.requests).toHaveLength(1);
  });

  it('hands the caller’s own abort back as it is', async () => {
    const { standIn, llm } = await start();
    standIn.failNext({ delayMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error('the call ended');

    const pending = rejectionOf(llm.complete(suggestionRequest({ signal: controller.signal })));
    setTimeout(() => controller.abort(reason), 100);

    const error = await pending;
    expect(error).toBe(reason);
    expect(error).not.toBeInstanceOf(LlmError);
  });

  it('does not call at all with an already aborted signal', async () => {
    const { standIn, llm } = await start();

    await expect(llm.complete(suggestionRequest({ signal: AbortSignal.abort() }))).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(standIn.requests).toHaveLength(0);
  });
});
