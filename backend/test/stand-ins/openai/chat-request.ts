import { invalidRequest, unparsableBody } from './error-bodies.ts';
import { strictSchemaViolation } from './strict-schema.ts';

export interface ContentPart {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';
  content?: string | ContentPart[] | null;
  [key: string]: unknown;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; strict?: boolean | null; schema?: Record<string, unknown>; description?: string };
    };

// A request body that passed the checks below.
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  response_format?: ResponseFormat;
  n?: number;
  [key: string]: unknown;
}

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;
const FORMAT_TYPES = ['json_object', 'json_schema', 'text'] as const;
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The API's names for JSON types in its "expected X, but got Y" messages.
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

export function invalidType(param: string, expected: string, value: unknown) {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${jsonType(value)} instead.`,
    param,
    'invalid_type',
  );
}

export function missing(param: string) {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function invalidValue(param: string, value: unknown, supported: readonly string[]) {
  const listed = supported.map((s) => `'${s}'`);
  const options = `${listed.slice(0, -1).join(', ')}, and ${listed.at(-1)}`;
  return invalidRequest(`Invalid value: '${String(value)}'. Supported values are: ${options}.`, param, 'invalid_value');
}

function checkContent(message: Record<string, unknown>, param: string): void {
  const { role, content } = message;
  const optional = (role === 'assistant' && (message.tool_calls || message.function_call)) || role === 'function';
  if (content === undefined || content === null) {
    if (!optional) throw missing(`${param}.content`);
    return;
  }
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) throw invalidType(`${param}.content`, 'one of a string or array of objects', content);
  for (const [index, part] of content.entries()) {
    const partParam = `${param}.content[${index}]`;
    if (!isObject(part)) throw invalidType(partParam, 'an object', part);
    if (typeof part.type !== 'string') throw missing(`${partParam}.type`);
    if (part.type === 'text' && typeof part.text !== 'string') throw missing(`${partParam}.text`);
  }
}

function checkResponseFormat(format: unknown, messages: ChatMessage[]): void {
  if (!isObject(format)) throw invalidType('response_format', 'an object', format);
  if (format.type === undefined) throw missing('response_format.type');
  if (!FORMAT_TYPES.includes(format.type as never)) {
    throw invalidValue('response_format.type', format.type, FORMAT_TYPES);
  }
  if (format.type === 'json_object') {
    const text = messages
      .map((m) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join(' ')))
      .join(' ');
    if (!/json/i.test(text)) {
      throw invalidRequest(
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        'messages',
      );
    }
  }
  if (format.type !== 'json_schema') return;
  const { json_schema: definition } = format;
  if (definition === undefined) throw missing('response_format.json_schema');
  if (!isObject(definition)) throw invalidType('response_format.json_schema', 'an object', definition);
  if (definition.name === undefined) throw missing('response_format.json_schema.name');
  if (typeof definition.name !== 'string') {
    throw invalidType('response_format.json_schema.name', 'a string', definition.name);
  }
  if (!SCHEMA_NAME.test(definition.name)) {
    throw invalidRequest(
      `Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches ` +
        `the pattern '^[a-zA-Z0-9_-]+$' with at most 64 characters.`,
      'response_format.json_schema.name',
      'invalid_value',
    );
  }
  if (definition.schema !== undefined && !isObject(definition.schema)) {
    throw invalidType('response_format.json_schema.schema', 'an object', definition.schema);
  }
  if (definition.strict !== undefined && definition.strict !== null && typeof definition.strict !== 'boolean') {
    throw invalidType('response_format.json_schema.strict', 'a boolean', definition.strict);
  }
  if (definition.strict === true) {
    const violation = strictSchemaViolation(definition.name, definition.schema);
    if (violation) throw violation;
  }
}

function checkNumber(body: Record<string, unknown>, param: string, min: number, max: number, integer: boolean) {
  const value = body[param];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
    throw invalidType(param, integer ? 'an integer' : 'a decimal', value);
  }
  const kind = integer ? 'integer' : 'decimal';
  if (value < min) {
    throw invalidRequest(
      `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param,
      `${kind}_below_min_value`,
    );
  }
  if (value > max) {
    throw invalidRequest(
      `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      param,
      `${kind}_above_max_value`,
    );
  }
}

/** Checks a Chat Completions request body the way the API does, throwing the API's 400 for the first problem. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw unparsableBody();
  if (body.model === undefined || body.model === null || body.model === '') {
    throw invalidRequest('you must provide a model parameter');
  }
  if (typeof body.model !== 'string') throw invalidType('model', 'a string', body.model);
  if (body.messages === undefined) throw missing('messages');
  if (!Array.isArray(body.messages)) throw invalidType('messages', 'an array of objects', body.messages);
  if (body.messages.length === 0) {
    throw invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  for (const [index, message] of body.messages.entries()) {
    const param = `messages[${index}]`;
    if (!isObject(message)) throw invalidType(param, 'an object', message);
    if (message.role === undefined) throw missing(`${param}.role`);
    if (!ROLES.includes(message.role as never)) throw invalidValue(`${param}.role`, message.role, ROLES);
    checkContent(message, param);
    if (message.role === 'tool' && typeof message.tool_call_id !== 'string') throw missing(`${param}.tool_call_id`);
  }
  const messages = body.messages as ChatMessage[];
  if (body.response_format !== undefined && body.response_format !== null) {
    checkResponseFormat(body.response_format, messages);
  }
  checkNumber(body, 'temperature', 0, 2, false);
  checkNumber(body, 'top_p', 0, 1, false);
  checkNumber(body, 'n', 1, 128, true);
  checkNumber(body, 'max_tokens', 1, Number.MAX_SAFE_INTEGER, true);
  checkNumber(body, 'max_completion_tokens', 1, Number.MAX_SAFE_INTEGER, true);
  if (body.stream === true) {
    throw invalidRequest('The stand-in does not serve streamed completions.', 'stream', 'unsupported_value');
  }
  return body as ChatRequest;
}
