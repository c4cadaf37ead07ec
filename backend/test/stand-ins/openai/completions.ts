import { randomBytes } from 'node:crypto';
import type { ChatMessage, ChatRequest } from './chat-request.ts';
import { minimalInstance } from './schema-instance.ts';

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls';

/** An assistant message given field by field: a refusal, a truncated answer, any content as it is. */
export interface ScriptedMessage {
  readonly scripted: true;
  content: string | null;
  refusal: string | null;
  finishReason: FinishReason;
}

export function scriptedMessage(message: {
  content?: string | null;
  refusal?: string | null;
  finishReason?: FinishReason;
}): ScriptedMessage {
  return {
    scripted: true,
    content: message.content ?? null,
    refusal: message.refusal ?? null,
    finishReason: message.finishReason ?? 'stop',
  };
}

export function refusal(text = "I'm sorry, I can't help with that."): ScriptedMessage {
  return scriptedMessage({ refusal: text });
}

/**
 * What a reply function gives back: a string is the message content as it is (invalid JSON included), a scripted
 * message sets every field, anything else is sent as its JSON text.
 */
export type ReplyValue = string | ScriptedMessage | Record<string, unknown> | unknown[] | number | boolean | null;
export type ReplyFunction = (request: ChatRequest) => ReplyValue | Promise<ReplyValue>;

const isScripted = (value: unknown): value is ScriptedMessage =>
  typeof value === 'object' && value !== null && (value as { scripted?: unknown }).scripted === true;

// What a model following the request's response format would minimally say.
export const defaultReply: ReplyFunction = (request) => {
  const format = request.response_format;
  if (format?.type === 'json_schema') return minimalInstance(format.json_schema.schema ?? {}) as ReplyValue;
  if (format?.type === 'json_object') return {};
  return 'This is a reply from the OpenAI stand-in.';
};

export function toScripted(value: ReplyValue): ScriptedMessage {
  if (isScripted(value)) return value;
  return scriptedMessage({ content: typeof value === 'string' ? value : JSON.stringify(value) });
}

// Roughly four characters a token, as OpenAI's rule of thumb has it.
const tokens = (text: string) => Math.ceil(text.length / 4);

function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  return (message.content ?? []).map((part) => part.text ?? '').join('');
}

function completionId(): string {
  return `chatcmpl-${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** A `chat.completion` object as the API returns it, one choice per `n`. */
export function chatCompletion(request: ChatRequest, message: ScriptedMessage) {
  const promptTokens = request.messages.reduce((sum, m) => sum + 4 + tokens(messageText(m)), 3);
  const completionTokens = tokens(message.content ?? message.refusal ?? '');
  const choices = Array.from({ length: request.n ?? 1 }, (_, index) => ({
    index,
    message: { role: 'assistant', content: message.content, refusal: message.refusal, annotations: [] },
    logprobs: null,
    finish_reason: message.finishReason,
  }));
  return {
    id: completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens * choices.length,
      total_tokens: promptTokens + completionTokens * choices.length,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_standin',
  };
}
