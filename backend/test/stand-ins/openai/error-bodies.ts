// OpenAI's error envelope: `{ error: { message, type, param, code } }`, with `param` and `code` null when they do
// not apply. Messages follow the API's own wording, so SDK errors read as they would in production.

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

// Thrown by the stand-in's handlers; the HTTP layer turns it into the response the API would send.
export class OpenAiApiError extends Error {
  readonly status: number;
  readonly body: OpenAiErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: OpenAiErrorBody, headers: Record<string, string> = {}) {
    super(body.error.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function errorBody(
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null) {
  return new OpenAiApiError(400, errorBody(message, 'invalid_request_error', param, code));
}

export function missingApiKey(): OpenAiApiError {
  return new OpenAiApiError(
    401,
    errorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer " +
        "auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're " +
        'accessing the API from your browser and are prompted for a username and password. You can obtain an API ' +
        'key from https://platform.openai.com/account/api-keys.',
      'invalid_request_error',
    ),
  );
}

// The API echoes a wrong key with its middle masked.
function masked(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export function incorrectApiKey(key: string): OpenAiApiError {
  return new OpenAiApiError(
    401,
    errorBody(
      `Incorrect API key provided: ${masked(key)}. You can find your API key at ` +
        'https://platform.openai.com/account/api-keys.',
      'invalid_request_error',
      null,
      'invalid_api_key',
    ),
  );
}

export function modelNotFound(model: string): OpenAiApiError {
  return new OpenAiApiError(
    404,
    errorBody(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      null,
      'model_not_found',
    ),
  );
}

export function invalidUrl(method: string, path: string): OpenAiApiError {
  return new OpenAiApiError(404, errorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error'));
}

export function unparsableBody(): OpenAiApiError {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP " +
      'library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have ' +
      'trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)',
  );
}

export function rateLimitBody(model: string, retryAfterSeconds: number): OpenAiErrorBody {
  return errorBody(
    `Rate limit reached for ${model} in organization org-standin on requests per min (RPM): Limit 500, Used 500, ` +
      `Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits ` +
      'to learn more.',
    'requests',
    null,
    'rate_limit_exceeded',
  );
}

export function serverErrorBody(status: number): OpenAiErrorBody {
  if (status === 503) {
    return errorBody('The engine is currently overloaded, please try again later.', 'server_error');
  }
  return errorBody('The server had an error while processing your request. Sorry about that!', 'server_error');
}
