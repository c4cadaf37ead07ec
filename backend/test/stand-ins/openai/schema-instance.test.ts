import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { minimalInstance } from './index.ts';

const schemaOf = (schema: z.ZodType, props?: Parameters<typeof zodResponseFormat>[2]) =>
  zodResponseFormat(schema, 'answer', props).json_schema.schema;

describe('OpenAI stand-in: the default reply', () => {
  it.each([
    ['strings and bounds', z.object({ code: z.string().min(3), count: z.number().int().min(2).max(9) })],
    ['exclusive bounds', z.object({ score: z.number().gt(0).lt(1), rank: z.number().int().positive() })],
    [
      'enums, literals and nulls',
      z.object({ tone: z.enum(['warm', 'direct']), kind: z.literal('call'), note: z.string().nullable() }),
    ],
    ['arrays with a minimum', z.object({ steps: z.array(z.object({ say: z.string() })).min(2) })],
    ['formats', z.object({ at: z.iso.datetime(), email: z.email(), id: z.uuid(), link: z.url() })],
    [
      'discriminated unions',
      z.object({
        next: z.discriminatedUnion('type', [
          z.object({ type: z.literal('call'), when: z.string() }),
          z.object({ type: z.literal('email'), subject: z.string() }),
        ]),
      }),
    ],
  ])('satisfies the zod schema: %s', (_name, schema) => {
    expect(schema.safeParse(minimalInstance(schemaOf(schema))).success).toBe(true);
  });

  it('follows references to shared definitions', () => {
    const Person = z.object({ name: z.string().min(1), title: z.string().nullable() });
    const schema = z.object({ caller: Person, callee: Person });

    const value = minimalInstance(schemaOf(schema, { schemaDefinitions: { Person } }));

    expect(schema.safeParse(value).success).toBe(true);
    expect(value).toEqual({ caller: { name: 'x', title: '' }, callee: { name: 'x', title: '' } });
  });

  it('leaves out properties a non-strict schema does not require', () => {
    const value = minimalInstance({
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'string' } },
      required: ['a'],
    });

    expect(value).toEqual({ a: false });
  });
});
