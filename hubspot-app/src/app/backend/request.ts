import { hubspot } from '@hubspot/ui-extensions';
import { BACKEND_URL, HUBSPOT_API_PREFIX } from './address.ts';

/** hubspot.fetch gives up after 15 s and refuses requests and answers over 1 MB; the cards stay within both. */
export const TIMEOUT_MS = 15_000;
export const MAX_BYTES = 1_000_000;

export const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
export const BUSY = 'The SDR service is busy. Try again in a moment.';
export const NOT_INSTALLED =
  'This HubSpot account is not connected to the SDR service yet. Ask your HubSpot admin to finish the setup.';
export const NOT_FOUND = 'The SDR service has no record of this yet.';
export const REFUSED = 'The SDR service could not accept this request.';
export const TOO_LARGE = 'This is too large to send in one go. Try a smaller change.';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed call, worded for the person using HubSpot; `status` null when the service gave no answer at all. */
export class BackendError extends Error {
  readonly status: number | null;
  readonly fieldErrors: FieldProblem[];

  constructor(message: string, status: number | null, fieldErrors: FieldProblem[] = []) {
    super(message);
    this.name = 'BackendError';
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

/** Anything a call threw, as the error a card can show: only `backend` words its failures for the user. */
export function asBackendError(error: unknown): BackendError {
  return error instanceof BackendError ? error : new BackendError(UNREACHABLE, null);
}

/** The account is not connected (or no longer is): asking again cannot help until an admin acts. */
export function isDisconnected(error: unknown): boolean {
  return error instanceof BackendError && (error.status === 401 || error.status === 403);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: Record<string, unknown>;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    if (value !== null && value !== undefined) params.set(name, String(value));
  const search = params.toString();
  return `${BACKEND_URL}${HUBSPOT_API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

/** The problem+json the service answers with (RFC 9457), as far as it can be read. */
function problemOf(text: string): { detail: string | null; errors: FieldProblem[] } {
  try {
    const problem = JSON.parse(text) as { detail?: unknown; errors?: unknown };
    const errors = Array.isArray(problem.errors)
      ? problem.errors.filter(
          (entry): entry is FieldProblem =>
            typeof entry === 'object' &&
            entry !== null &&
            typeof (entry as FieldProblem).field === 'string' &&
            typeof (entry as FieldProblem).message === 'string',
        )
      : [];
    return { detail: typeof problem.detail === 'string' && problem.detail.trim() ? problem.detail : null, errors };
  } catch {
    return { detail: null, errors: [] };
  }
}

/**
 * One call to the SDR service through hubspot.fetch, which signs it with the app's secret and adds the portal and
 * user; the service checks the signature and works out the rest. Every failure is a BackendError a card can show.
 */
export async function backend<T>(path: string, options: RequestOptions = {}): Promise<T> {
  if (options.body && JSON.stringify(options.body).length > MAX_BYTES) throw new BackendError(TOO_LARGE, null);
  let response: Response;
  try {
    response = await hubspot.fetch(urlOf(path, options.query), {
      method: options.method ?? 'GET',
      timeout: TIMEOUT_MS,
      ...(options.body ? { body: options.body } : {}),
    });
  } catch {
    throw new BackendError(UNREACHABLE, null);
  }
  const text = await response.text().catch(() => '');
  if (response.ok) {
    if (text.length > MAX_BYTES) throw new BackendError(UNREACHABLE, response.status);
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      // Not the service's JSON: a proxy or a captive page answered instead.
      throw new BackendError(UNREACHABLE, response.status);
    }
  }
  const problem = problemOf(text);
  if (response.status === 401 || response.status === 403) throw new BackendError(NOT_INSTALLED, response.status);
  if (response.status === 404) throw new BackendError(NOT_FOUND, 404);
  if (response.status === 429) throw new BackendError(BUSY, 429);
  if (response.status >= 400 && response.status < 500)
    throw new BackendError(problem.detail ?? REFUSED, response.status, problem.errors);
  throw new BackendError(UNREACHABLE, response.status);
}
