import { randomUUID } from 'node:crypto';

export type JsonObject = Record<string, unknown>;

// Thrown by the stand-in's handlers; the HTTP layer turns it into the response HubSpot would send.
export class HubSpotError extends Error {
  readonly status: number;
  readonly body: JsonObject;
  readonly headers: Record<string, string>;

  constructor(status: number, body: JsonObject, headers: Record<string, string> = {}) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function correlationId(): string {
  return randomUUID();
}

// The envelope of HubSpot's v3 API errors.
export function apiError(status: number, category: string, message: string, extra: JsonObject = {}): HubSpotError {
  return new HubSpotError(status, { status: 'error', message, correlationId: correlationId(), category, ...extra });
}

export function validationError(message: string, extra: JsonObject = {}): HubSpotError {
  return apiError(400, 'VALIDATION_ERROR', message, extra);
}

export function objectNotFound(id: string): HubSpotError {
  return apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
    context: { id: [id] },
  });
}

export function unknownObjectType(name: string): HubSpotError {
  return validationError(`Unable to infer object type from: ${name}`);
}

export interface InvalidPropertyValue {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

export function invalidPropertyValues(invalid: readonly InvalidPropertyValue[]): HubSpotError {
  return validationError(`Property values were not valid: ${JSON.stringify(invalid)}`);
}

export function missingScopes(scopes: readonly string[]): HubSpotError {
  return new HubSpotError(403, {
    status: 'error',
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    correlationId: correlationId(),
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: [...scopes] },
      },
    ],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
    category: 'MISSING_SCOPES',
  });
}

// One entry of a batch response's `errors`; the SDK's StandardError model requires `context`, `links` and `errors`.
export interface BatchItemError {
  status: string;
  category: string;
  message: string;
  context: Record<string, string[]>;
  links: Record<string, string>;
  errors: JsonObject[];
  subCategory?: string;
}

export function batchItemError(category: string, message: string, context: Record<string, string[]>): BatchItemError {
  return { status: 'error', category, message, context, links: {}, errors: [] };
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const RATE_LIMIT_MESSAGES: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
};

// The 429 body of HubSpot's usage guidelines: no `category`, but `errorType` and `policyName`.
export function rateLimitBody(policy: RateLimitPolicy): JsonObject {
  return {
    status: 'error',
    message: RATE_LIMIT_MESSAGES[policy],
    errorType: 'RATE_LIMIT',
    correlationId: correlationId(),
    policyName: policy,
    requestId: randomUUID(),
  };
}

// The OAuth token endpoint answers errors in its own shape: `status` names the problem.
export function oauthError(status: string, message: string): HubSpotError {
  return new HubSpotError(400, { status, message, correlationId: correlationId() });
}

// How a batch reports records it could not find (missing, archived or deleted mid-batch).
export function missingRecordsError(singularType: string, ids: string[]): BatchItemError {
  return batchItemError(
    'OBJECT_NOT_FOUND',
    `Could not get some ${singularType.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids },
  );
}
