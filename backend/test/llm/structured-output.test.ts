import { z } from 'zod';
import { LlmError, LlmOutputError, responseFormat } from '../../src/integrations/llm/index.ts';
import { refusal, scriptedMessage } from '../stand-ins/openai/index.ts';
import { CallSuggestion, GOOD_SUGGESTION, harness, rejectionOf, suggestionRequest, type Harness } from './support.ts';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.standIn.close();
});

describe('LLM structured output', () => {
  it('asks for the strict JSON schema and returns the validated answer', async () => {
    h.standIn.reply(() => GOOD_SUGGESTION);

    const answer = await h.llm.complete(suggestionRequest());

    expect(answer).toEqual(GOOD_SUGGESTION);
    const [sent] = h.standIn.completionRequests();
    expect(sent).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'call_suggestion',
          strict: true,
          schema: {
            type: 'object',
            required: ['opener', 'questions', 'sentiment', 'nextStep'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(h.standIn.requests).toHaveLength(1);
  });

  it('takes the stand-in’s minimal answer when the schema allows it', async () => {
    const Loose = z.object({ summary: z.string(), risks: z.array(z.string()), score: z.number().int().min(1) });

    const answer = await h.llm.complete(suggestionRequest({ schema: Loose as never, schemaName: 'summary' }));

    expect(answer).toEqual({ summary: '', risks: [], score: 1 });
  });

  it('asks once more when the reply breaks the schema, and takes the second answer', async () => {
    let calls = 0;
    h.standIn.reply(() => (++calls === 1 ? { ...GOOD_SUGGESTION, sentiment: 'ecstatic' } : GOOD_SUGGESTION));

    const answer = await h.llm.complete(suggestionRequest());

    expect(answer).toEqual(GOOD_SUGGESTION);
    const [first, second] = h.standIn.completionRequests();
    expect(second).toEqual(first);
  });

  it('gives up with LlmOutputError after a second reply that breaks the schema', async () => {
    // A zod rule the JSON schema cannot carry: an empty opener passes strict mode but not the schema.
    h.standIn.reply(() => ({ ...GOOD_SUGGESTION, opener: '', questions: ['a', 'b', 'c', 'd'] }));

    const error = await rejectionOf(h.llm.complete(suggestionRequest()));

    expect(error).toBeInstanceOf(LlmOutputError);
    expect(error).toMatchObject({ task: 'call-suggestion', problem: 'schema', attempts: 2 });
    expect((error as LlmOutputError).issues.map((i) => i.path)).toEqual([['opener'], ['questions']]);
    expect((error as Error).message).not.toContain('Dana');
    expect(h.standIn.completionRequests()).toHaveLength(2);
  });

  it('treats content that is not JSON the same way', async () => {
    h.standIn.failNext({ content: 'Sure! Here is my suggestion: {"opener": ', times: 2 });

    const error = await rejectionOf(h.llm.complete(suggestionRequest()));

    expect(error).toMatchObject({ problem: 'invalid-json', attempts: 2 });
    expect(h.standIn.completionRequests()).toHaveLength(2);
  });

  it('recovers from a reply cut off at the token limit', async () => {
    let calls = 0;
    h.standIn.reply(() =>
      ++calls === 1 ? scriptedMessage({ content: '{"opener": "Thanks', finishReason: 'length' }) : GOOD_SUGGESTION,
    );

    expect(await h.llm.complete(suggestionRequest())).toEqual(GOOD_SUGGESTION);
    expect(h.standIn.completionRequests()).toHaveLength(2);
  });

  it('counts an empty reply as unusable', async () => {
    h.standIn.failNext({ content: '', times: 2 });

    await expect(h.llm.complete(suggestionRequest())).rejects.toMatchObject({ problem: 'empty', attempts: 2 });
  });

  it('does not ask again after a refusal', async () => {
    h.standIn.reply(() => refusal());

    const error = await rejectionOf(h.llm.complete(suggestionRequest()));

    expect(error).toMatchObject({ problem: 'refusal', attempts: 1 });
    expect(h.standIn.completionRequests()).toHaveLength(1);
  });

  it('throws a schema strict mode cannot express before asking, as a programming error', async () => {
    const Optional = z.object({ opener: z.string(), note: z.string().optional() });

    const error = await rejectionOf(h.llm.complete(suggestionRequest({ schema: Optional as never })));

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(LlmError);
    expect(() => responseFormat(Optional, 'x')).toThrow(/optional/);
    expect(h.standIn.requests).toHaveLength(0);
  });

  it('builds the response format once per schema and name', () => {
    expect(responseFormat(CallSuggestion, 'a')).toBe(responseFormat(CallSuggestion, 'a'));
    expect(responseFormat(CallSuggestion, 'b').json_schema.name).toBe('b');
  });
});
