/**
 * Structured output on both ends: the zod schema goes out as a strict JSON schema (`response_format`), and what comes
 * back is checked against the zod schema again, since a compatible server may not enforce the schema, and zod
 * checks more than the JSON schema says (refinements, lengths).
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import type { z } from 'zod';
import type { OutputIssue, OutputProblem } from './errors.ts';

const formats = new WeakMap<z.ZodType, Map<string, ResponseFormatJSONSchema>>();

/**
 * The `response_format` for a schema. A schema strict mode cannot express (an optional field that is not also
 * nullable, a record, a date, a transform, a root that is not an object) throws here: that is a bug in the calling
 * feature, not provider trouble, so it is not turned into a fallback. A feature's tests should call this on its
 * schema, since without a provider configured nothing else will.
 */
export function responseFormat(schema: z.ZodType, name: string): ResponseFormatJSONSchema {
  let byName = formats.get(schema);
  const known = byName?.get(name);
  if (known) return known;
  // The helper's result carries hidden parsing hooks for `.parse()`; a plain copy is what goes over the wire.
  const { json_schema } = zodResponseFormat(schema, name);
  const format: ResponseFormatJSONSchema = { type: 'json_schema', json_schema: { ...json_schema } };
  if (!byName) formats.set(schema, (byName = new Map()));
  byName.set(name, format);
  return format;
}

export interface ReplyChoice {
  finish_reason: string;
  message: { content: string | null; refusal?: string | null };
}

export type ReadReply<T> =
  { ok: true; value: T } | { ok: false; problem: OutputProblem; retryable: boolean; issues: OutputIssue[] };

const unusable = (problem: OutputProblem, retryable: boolean, issues: OutputIssue[] = []) =>
  ({ ok: false, problem, retryable, issues }) as const;

/**
 * The answer in a completion's first choice, or why there is none. Refusals are final: asking again gets the
 * same refusal. Anything else malformed may come out right on a second sample.
 */
export function readReply<T>(choice: ReplyChoice | undefined, schema: z.ZodType<T>): ReadReply<T> {
  if (!choice) return unusable('empty', true);
  if (choice.message.refusal) return unusable('refusal', false);
  if (choice.finish_reason === 'content_filter') return unusable('content-filter', false);
  if (choice.finish_reason === 'length') return unusable('truncated', true);
  const content = choice.message.content;
  if (content === null || content.trim() === '') return unusable('empty', true);
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return unusable('invalid-json', true);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
      message: issue.message,
    }));
    return unusable('schema', true, issues);
  }
  return { ok: true, value: parsed.data };
}
