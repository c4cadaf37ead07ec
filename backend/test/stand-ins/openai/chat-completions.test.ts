import OpenAI, { AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { refusal, scriptedMessage, startOpenAiStandIn, type OpenAiStandIn } from './index.ts';

const Suggestion = z.object({
  headline: z.string(),
  steps: z.array(z.object({ say: z.string(), why: z.string() })),
  confidence: z.number().min(0).max(1),
  tone: z.enum(['warm', 'direct']),
  followUp: z.string().nullable(),
});

let standIn: OpenAiStandIn;
let client: OpenAI;

beforeEach(async () => {
  standIn = await startOpenAiStandIn();
  client = new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url, maxRetries: 0, logLevel: 'off' });
});

afterEach(async () => {
  await standIn.close();
});

async function failureOf(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

const hello = [{ role: 'user' as const, content: 'Hello' }];

describe('OpenAI stand-in: chat completions', () => {
  it('answers in the documented chat.completion shape and records the request', async () => {
    standIn.reply(() => 'Hi there');

    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });

    expect(completion).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi there', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: expect.objectContaining({
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        total_tokens: completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
      }),
      service_tier: 'default',
      system_fingerprint: expect.any(String),
    });
    expect(Math.abs(completion.created - Date.now() / 1000)).toBeLessThan(5);
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      body: { model: 'gpt-4o-mini', messages: hello },
    });
    expect(standIn.requests[0]!.headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
    expect(standIn.completionRequests()).toEqual([{ model: 'gpt-4o-mini', messages: hello }]);
  });

  it('by default answers a json_schema request with a minimal value the schema accepts, which the SDK parses', async () => {
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: hello,
      response_format: zodResponseFormat(Suggestion, 'call_suggestion'),
    });

    const parsed = completion.choices[0]!.message.parsed;
    expect(parsed).toEqual({ headline: '', steps: [], confidence: 0, tone: 'warm', followUp: '' });
    expect(standIn.completionRequests()[0]!.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'call_suggestion', strict: true, schema: { type: 'object' } },
    });
  });

  it('passes the request to the reply function and sends objects as their JSON text', async () => {
    standIn.reply((request) => ({ echoed: request.messages.length, model: request.model }));

    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: hello });

    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ echoed: 1, model: 'gpt-4o' });
  });

  it('gives one choice per n', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: hello, n: 2 });

    expect(completion.choices.map((c) => c.index)).toEqual([0, 1]);
  });

  it('sends refusals and scripted finish reasons as the API does', async () => {
    standIn.reply(() => refusal('I cannot help with that.'));
    const refused = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });
    standIn.reply(() => scriptedMessage({ content: '{"headline": "cut o', finishReason: 'length' }));
    const cut = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });

    expect(refused.choices[0]!.message).toMatchObject({ content: null, refusal: 'I cannot help with that.' });
    expect(cut.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: '{"headline": "cut o' } });
  });

  it('restores the default reply when reply() is called without a function', async () => {
    standIn.reply(() => 'custom');
    standIn.reply();

    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });

    expect(completion.choices[0]!.message.content).toBe('This is a reply from the OpenAI stand-in.');
  });
});

describe('OpenAI stand-in: authentication', () => {
  it('answers a missing key with 401 and the API error body', async () => {
    const response = await fetch(`${standIn.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: hello }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining("You didn't provide an API key"),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('answers a wrong key with 401 invalid_api_key, the key masked', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-1234', baseURL: standIn.url, maxRetries: 0, logLevel: 'off' });

    const error = await failureOf(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: hello }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error', param: null });
    expect(error.message).toContain('Incorrect API key provided: sk-**********1234.');
    expect(standIn.requests[0]!.status).toBe(401);
  });

  it('serves without a key when started with requireAuth: false', async () => {
    const open = await startOpenAiStandIn({ requireAuth: false });
    const response = await fetch(`${open.url}/models`);
    await open.close();

    expect(response.status).toBe(200);
  });
});

describe('OpenAI stand-in: request validation', () => {
  const badRequest = async (body: Record<string, unknown>) => {
    const error = await failureOf(client.chat.completions.create(body as never));
    expect(error).toBeInstanceOf(BadRequestError);
    // The SDK prefixes the status to the message; the body's own words are in `error.error`.
    return { ...(error.error as { message: string }), param: error.param, code: error.code, type: error.type };
  };

  it('requires a model and messages', async () => {
    expect(await badRequest({ messages: hello })).toMatchObject({
      message: expect.stringContaining('you must provide a model parameter'),
      type: 'invalid_request_error',
    });
    expect(await badRequest({ model: 'gpt-4o-mini' })).toMatchObject({
      param: 'messages',
      code: 'missing_required_parameter',
    });
    expect(await badRequest({ model: 'gpt-4o-mini', messages: [] })).toMatchObject({
      param: 'messages',
      code: 'empty_array',
    });
    expect(await badRequest({ model: 'gpt-4o-mini', messages: 'Hello' })).toMatchObject({
      param: 'messages',
      code: 'invalid_type',
    });
  });

  it('checks each message’s role and content', async () => {
    expect(await badRequest({ model: 'gpt-4o-mini', messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({
      param: 'messages[0].role',
      code: 'invalid_value',
    });
    expect(await badRequest({ model: 'gpt-4o-mini', messages: [{ role: 'user' }] })).toMatchObject({
      param: 'messages[0].content',
      code: 'missing_required_parameter',
    });
    expect(
      await badRequest({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text' }] }] }),
    ).toMatchObject({ param: 'messages[0].content[0].text' });
  });

  it('answers a body that is not JSON with the API’s parse error', async () => {
    const response = await fetch(`${standIn.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standIn.apiKey}`, 'content-type': 'application/json' },
      body: '{"model": "gpt-4o-mini",',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('We could not parse the JSON body'), type: 'invalid_request_error' },
    });
    expect(standIn.requests[0]).toMatchObject({ rawBody: '{"model": "gpt-4o-mini",', body: undefined, status: 400 });
  });

  it('checks response_format and the json_schema name', async () => {
    expect(await badRequest({ model: 'gpt-4o-mini', messages: hello, response_format: { type: 'xml' } })).toMatchObject(
      { param: 'response_format.type', code: 'invalid_value' },
    );
    expect(
      await badRequest({
        model: 'gpt-4o-mini',
        messages: hello,
        response_format: { type: 'json_schema', json_schema: { name: 'has spaces', schema: {} } },
      }),
    ).toMatchObject({ param: 'response_format.json_schema.name' });
    expect(
      await badRequest({ model: 'gpt-4o-mini', messages: hello, response_format: { type: 'json_object' } }),
    ).toMatchObject({ message: expect.stringContaining("must contain the word 'json'"), param: 'messages' });
  });

  it('holds strict schemas to the Structured Outputs subset', async () => {
    const strict = (schema: Record<string, unknown>) =>
      badRequest({
        model: 'gpt-4o-mini',
        messages: hello,
        response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
      });

    expect(await strict({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] })).toMatchObject({
      message:
        "Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be " +
        'supplied and to be false.',
      param: 'response_format',
    });
    expect(
      await strict({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'number' } },
        required: ['a'],
        additionalProperties: false,
      }),
    ).toMatchObject({ message: expect.stringContaining("an array including every key in properties. Missing 'b'.") });
    expect(
      await strict({
        type: 'object',
        properties: { inner: { type: 'object', properties: {}, required: [] } },
        required: ['inner'],
        additionalProperties: false,
      }),
    ).toMatchObject({ message: expect.stringContaining("In context=('properties', 'inner'), 'additionalProperties'") });
    expect(await strict({ type: 'string' })).toMatchObject({
      message: expect.stringContaining('schema must be a JSON Schema of \'type: "object"\''),
    });

    // The same schema without `strict` is taken as it is.
    const loose = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: hello,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    });
    expect(JSON.parse(loose.choices[0]!.message.content!)).toEqual({ a: '' });
  });

  it('checks numeric ranges and refuses streams', async () => {
    expect(await badRequest({ model: 'gpt-4o-mini', messages: hello, temperature: 3 })).toMatchObject({
      param: 'temperature',
      code: 'decimal_above_max_value',
    });
    expect(await badRequest({ model: 'gpt-4o-mini', messages: hello, stream: true })).toMatchObject({
      param: 'stream',
    });
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await failureOf(client.chat.completions.create({ model: 'gpt-9-imaginary', messages: hello }));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
    expect(error.message).toContain('The model `gpt-9-imaginary` does not exist or you do not have access to it.');
  });
});

describe('OpenAI stand-in: models and unknown routes', () => {
  it('lists and retrieves its models', async () => {
    const listed = [];
    for await (const model of client.models.list()) listed.push(model);
    const one = await client.models.retrieve('gpt-4o');

    expect(listed.map((m) => m.id)).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1']);
    expect(listed[0]).toEqual({ id: 'gpt-4o-mini', object: 'model', created: expect.any(Number), owned_by: 'system' });
    expect(one.id).toBe('gpt-4o');
    expect(await failureOf(client.models.retrieve('nope'))).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers an unknown route with 404 Invalid URL', async () => {
    const response = await fetch(`${standIn.url}/engines`, { headers: { authorization: `Bearer ${standIn.apiKey}` } });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: 'Invalid URL (GET /v1/engines)' } });
  });
});
