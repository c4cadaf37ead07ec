import { apiKey, getRunningUser } from './session.js';

// What SdrBackend.cls does for every controller, in the browser: same-origin calls to the REST API with the tenant's
// key, and every failure turned into the sentence Apex would show the rep.

export const KEY_REJECTED = "The SDR service did not accept this org's key. Ask your Salesforce admin to reconnect it.";
export const BUSY = 'The SDR service is busy. Try again in a moment.';
export const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
export const NOT_FOUND = 'The SDR service has no record of this.';
export const REFUSED = 'The SDR service could not accept this request.';

export class BackendError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'BackendError';
    this.status = status;
  }
}

/** 404: the backend does not know the thing asked for, which controllers often treat as "not there yet". */
export class NotFoundError extends BackendError {
  constructor(message) {
    super(message, 404);
    this.name = 'NotFoundError';
  }
}

/** Query values are encoded here, sorted and without nulls, as SdrBackend.queryString builds them. */
export function queryString(query) {
  if (!query) return '';
  const pairs = Object.keys(query)
    .sort()
    .filter((name) => query[name] !== null && query[name] !== undefined)
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(query[name]))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * One path segment, encoded as SdrBackend.segment encodes it (Java's URL encoding, a space as %20), for ids the
 * backend chose (they may hold characters such as ':').
 */
export function segment(value) {
  return encodeURIComponent(value).replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function get(path, query, options = {}) {
  return send('GET', path + queryString(query), undefined, options);
}

export function post(path, body, options = {}) {
  return send('POST', path, JSON.stringify(body ?? {}), options);
}

/** PUT a JSON body, as SdrBackend.send('PUT', …) does. */
export function put(path, body, options = {}) {
  return send('PUT', path, JSON.stringify(body ?? {}), options);
}

/** PATCH a JSON body, as SdrBackend.send('PATCH', …) does (the admin console's partial changes). */
export function patch(path, body, options = {}) {
  return send('PATCH', path, JSON.stringify(body ?? {}), options);
}

export async function getObject(path, query, options) {
  return parseObject(await get(path, query, options));
}

export function parseObject(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw unreadable();
  }
  return asObject(value);
}

export function asObject(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw unreadable();
  return value;
}

export function asList(value) {
  if (!Array.isArray(value)) throw unreadable();
  return value;
}

export function idOf(record) {
  if (typeof record.id !== 'string') throw unreadable();
  return record.id;
}

/** An answer that is not the documented shape came from something in front of the backend: it reads as an outage. */
export function unreadable() {
  return new BackendError(UNREACHABLE, 0);
}

function headers(hasBody) {
  const result = { Accept: 'application/json, application/problem+json' };
  const key = apiKey();
  if (key) result.Authorization = `Bearer ${key}`;
  const user = getRunningUser();
  if (user && user.crmUserId) {
    // As SdrBackend: the running Salesforce user, credited by the service when they are on its roster.
    result['X-SDR-Salesforce-User'] = user.crmUserId;
  }
  if (hasBody) result['Content-Type'] = 'application/json';
  return result;
}

async function send(method, path, body, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { method, headers: headers(body !== undefined), body, signal, cache: 'no-store' });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new BackendError(UNREACHABLE, 0);
  }
  const text = await response.text();
  if (response.ok) return text;
  const status = response.status;
  if (status === 404) throw new NotFoundError(problemDetail(text, NOT_FOUND));
  if (status === 401 || status === 403) throw new BackendError(KEY_REJECTED, status);
  if (status === 429) throw new BackendError(BUSY, status);
  if (status >= 400 && status < 500) {
    const refused = new BackendError(problemDetail(text, REFUSED), status);
    // As SdrBackend.RefusedException carries them: the problem's field errors, for a caller that acts on one.
    if (REFUSALS.includes(status)) refused.errors = fieldErrors(text);
    throw refused;
  }
  throw new BackendError(UNREACHABLE, status);
}

const REFUSALS = [400, 409, 422];

/** Only well-formed {field, message} entries, as SdrBackend keeps them. */
function fieldErrors(text) {
  try {
    const problem = JSON.parse(text);
    const errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
    return errors
      .filter((entry) => entry && typeof entry.field === 'string' && typeof entry.message === 'string')
      .map((entry) => ({ field: entry.field, message: abbreviate(entry.message) }));
  } catch {
    return [];
  }
}

function problemDetail(text, fallback) {
  try {
    const problem = JSON.parse(text);
    if (problem && typeof problem.detail === 'string' && problem.detail.trim() !== '') {
      return abbreviate(problem.detail);
    }
  } catch {
    // A proxy's HTML error page: the fallback tells the rep as much.
  }
  return fallback;
}

/** Apex's String.abbreviate(500): what the service wrote, cut to 500 characters with an ellipsis. */
function abbreviate(text) {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
