import { jest } from '@jest/globals';
import { OpenAiLlm, withFallback } from '../../src/integrations/llm/index.ts';
import {
  GOOD_SUGGESTION,
  harness,
  rejectionOf,
  suggestionRequest,
  type CallSuggestion,
  type Harness,
} from './support.ts';

const RULES: CallSuggestion = {
  opener: 'Thanks for your time today.',
  questions: [],
  sentiment: 'neutral',
  nextStep: null,
};

let h: Harness | undefined;

afterEach(async () => {
  await h?.standIn.close();
  h = undefined;
});

describe('withFallback', () => {
  it('uses the rules when no provider is configured', async () => {
    const fallback = jest.fn(() => RULES);

    expect(await withFallback(null, suggestionRequest(), fallback)).toEqual({ value: RULES, source: 'rules' });
    expect(fallback).toHaveBeenCalledTimes(1);
  });

  it('uses the model’s answer when it delivers, without running the rules', async () => {
    h = await harness();
    h.standIn.reply(() => GOOD_SUGGESTION);
    const fallback = jest.fn(() => RULES);

    expect(await withFallback(h.llm, suggestionRequest(), fallback)).toEqual({ value: GOOD_SUGGESTION, source: 'llm' });
    expect(fallback).not.toHaveBeenCalled();
  });

  it('uses the rules when the provider is down', async () => {
    h = await harness({ maxRetries: 1 });
    h.standIn.failNext({ status: 500, times: 10 });

    expect(await withFallback(h.llm, suggestionRequest(), async () => RULES)).toEqual({
      value: RULES,
      source: 'rules',
    });
    expect(h.standIn.requests).toHaveLength(2);
  });

  it('uses the rules when the provider is too slow', async () => {
    h = await harness({ timeoutMs: 200 });
    h.standIn.failNext({ delayMs: 5_000, times: 10 });

    expect(await withFallback(h.llm, suggestionRequest(), () => RULES)).toEqual({ value: RULES, source: 'rules' });
  });

  it('uses the rules when the answer stays unusable', async () => {
    h = await harness();
    h.standIn.reply(() => ({ nonsense: true }));

    expect(await withFallback(h.llm, suggestionRequest(), () => RULES)).toEqual({ value: RULES, source: 'rules' });
  });

  it('uses the rules when the key is wrong or the server gone', async () => {
    h = await harness();
    const wrongKey = new OpenAiLlm({ apiKey: 'sk-wrong', baseUrl: h.standIn.url, model: 'gpt-4o-mini' });
    const gone = new OpenAiLlm({
      apiKey: h.standIn.apiKey,
      baseUrl: h.standIn.url,
      model: 'gpt-4o-mini',
      maxRetries: 0,
    });
    const wrong = await withFallback(wrongKey, suggestionRequest(), () => RULES);
    await h.standIn.close();
    h = undefined;

    expect(wrong.source).toBe('rules');
    expect((await withFallback(gone, suggestionRequest(), () => RULES)).source).toBe('rules');
  });

  it('lets the caller’s abort and the fallback’s own failure through', async () => {
    h = await harness();
    h.standIn.failNext({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = rejectionOf(withFallback(h.llm, suggestionRequest({ signal: controller.signal }), () => RULES));
    setTimeout(() => controller.abort(new Error('hung up')), 50);

    expect(await pending).toMatchObject({ message: 'hung up' });
    await expect(
      withFallback(null, suggestionRequest(), () => {
        throw new Error('rules broke');
      }),
    ).rejects.toThrow('rules broke');
  });
});
