import { llmFromConfig, OpenAiLlm } from '../../src/integrations/llm/index.ts';
import { startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai/index.ts';
import { GOOD_SUGGESTION, suggestionRequest } from './support.ts';

let standIn: OpenAiStandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

describe('llmFromConfig', () => {
  it('gives no provider without a config, or with neither a key nor a base URL', () => {
    expect(llmFromConfig(null)).toBeNull();
    expect(llmFromConfig({ model: 'gpt-4o-mini', timeoutMs: 8_000 })).toBeNull();
    expect(llmFromConfig({ apiKey: '  ', baseUrl: '', model: 'gpt-4o-mini', timeoutMs: 8_000 })).toBeNull();
  });

  it('gives OpenAI itself for a key alone', () => {
    const llm = llmFromConfig({ apiKey: 'sk-live', model: 'gpt-4o-mini', timeoutMs: 8_000 });

    expect(llm).toBeInstanceOf(OpenAiLlm);
    expect(llm!.name).toBe('openai:gpt-4o-mini');
  });

  it('talks to a compatible server at the base URL with the configured model and key', async () => {
    standIn = await startOpenAiStandIn({ models: ['llama-3.1-8b'] });
    standIn.reply(() => GOOD_SUGGESTION);
    const llm = llmFromConfig({
      apiKey: standIn.apiKey,
      baseUrl: `${standIn.url}/`,
      model: 'llama-3.1-8b',
      timeoutMs: 8_000,
    });

    expect(llm!.name).toBe('openai-compatible:llama-3.1-8b');
    expect(await llm!.complete(suggestionRequest())).toEqual(GOOD_SUGGESTION);
    expect(standIn.requests[0]!.headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
    expect(standIn.completionRequests()[0]!.model).toBe('llama-3.1-8b');
  });

  it('sends no Authorization header to a server configured without a key', async () => {
    standIn = await startOpenAiStandIn({ requireAuth: false });
    standIn.reply(() => GOOD_SUGGESTION);
    const llm = llmFromConfig({ baseUrl: standIn.url, model: 'gpt-4o-mini', timeoutMs: 8_000 });

    expect(await llm!.complete(suggestionRequest())).toEqual(GOOD_SUGGESTION);
    expect(standIn.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it('takes nothing from the SDK’s own environment variables', async () => {
    standIn = await startOpenAiStandIn();
    standIn.reply(() => GOOD_SUGGESTION);
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPENAI_ORG_ID: 'org-elsewhere',
      OPENAI_PROJECT_ID: 'proj_elsewhere',
      OPENAI_ADMIN_KEY: 'sk-admin-elsewhere',
    });
    try {
      const llm = llmFromConfig({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'gpt-4o-mini', timeoutMs: 0 });
      await llm!.complete(suggestionRequest());
    } finally {
      for (const key of ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_ADMIN_KEY']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }

    const { headers } = standIn.requests[0]!;
    expect(headers).not.toHaveProperty('openai-organization');
    expect(headers).not.toHaveProperty('openai-project');
    expect(headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
  });
});
