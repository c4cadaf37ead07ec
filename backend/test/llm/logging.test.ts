import { pino } from 'pino';
import { harness, GOOD_SUGGESTION, rejectionOf, suggestionRequest, type Harness } from './support.ts';

const SECRET = 'prospect said their budget is 40k';

let h: Harness;
let lines: Record<string, unknown>[];

beforeEach(async () => {
  lines = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  h = await harness({ logger, maxRetries: 0 });
});

afterEach(async () => {
  await h.standIn.close();
});

describe('LLM logging', () => {
  it('logs each answered call with its task, attempts and tokens', async () => {
    h.standIn.reply(() => GOOD_SUGGESTION);

    await h.llm.complete(suggestionRequest({ data: { note: SECRET } }));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 20,
        msg: 'llm call answered',
        component: 'llm',
        model: 'gpt-4o-mini',
        task: 'call-suggestion',
        attempt: 1,
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
      }),
    ]);
  });

  it('warns of failures and unusable replies without their text', async () => {
    h.standIn.reply(() => ({ opener: SECRET }));
    await rejectionOf(h.llm.complete(suggestionRequest({ data: { note: SECRET } })));
    h.standIn.failNext({ status: 500 });
    await rejectionOf(h.llm.complete(suggestionRequest({ data: { note: SECRET } })));

    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'llm reply unusable'],
      [40, 'llm reply unusable'],
      [40, 'llm call failed'],
    ]);
    expect(lines[0]).toMatchObject({ problem: 'schema', issues: expect.any(Array) });
    expect(lines[2]).toMatchObject({ err: { type: 'LlmUnavailableError', reason: 'server', status: 500 } });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
