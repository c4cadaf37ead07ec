import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Zoom's webhook signature: `x-zm-signature: v0=<hex HMAC-SHA256(secret token, message)>` where the message is
 * `v0:{x-zm-request-timestamp}:{raw body}`.
 * Checked on the raw bytes Zoom sent: re-serialising parsed JSON changes them and breaks the comparison.
 */
export const MAX_AGE_MS = 5 * 60_000;
/** Clocks drift: a timestamp this far ahead of ours is still accepted. */
const FUTURE_TOLERANCE_MS = 60_000;
/**
 * Zoom sends the timestamp in seconds; some tooling (Zoom's own RTMS mock server among it) sends milliseconds. Any
 * value this large cannot be seconds before the year 33658, so it is read as milliseconds.
 */
const MILLISECONDS_FROM = 1e12;

export interface ZoomSignedRequest {
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

export type ZoomSignatureVerdict =
  { valid: true } | { valid: false; reason: 'missing' | 'malformed timestamp' | 'stale' | 'future' | 'mismatch' };

const hmacHex = (secret: string, message: string) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

export function computeZoomSignature(secretToken: string, timestamp: string, rawBody: string): string {
  return `v0=${hmacHex(secretToken, `v0:${timestamp}:${rawBody}`)}`;
}

/** The `encryptedToken` Zoom expects back for an `endpoint.url_validation` challenge. */
export function encryptToken(secretToken: string, plainToken: string): string {
  return hmacHex(secretToken, plainToken);
}

export function timestampMs(timestamp: string): number {
  const value = Number(timestamp);
  return value >= MILLISECONDS_FROM ? value : value * 1000;
}

export function verifyZoomSignature(
  secretToken: string,
  request: ZoomSignedRequest,
  now: number,
): ZoomSignatureVerdict {
  if (!request.signature || !request.timestamp) return { valid: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(request.timestamp)) return { valid: false, reason: 'malformed timestamp' };
  const at = timestampMs(request.timestamp);
  if (now - at > MAX_AGE_MS) return { valid: false, reason: 'stale' };
  if (at - now > FUTURE_TOLERANCE_MS) return { valid: false, reason: 'future' };
  const expected = Buffer.from(computeZoomSignature(secretToken, request.timestamp, request.rawBody));
  const given = Buffer.from(request.signature);
  // timingSafeEqual needs equal lengths; a length mismatch says nothing about the secret.
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? { valid: true } : { valid: false, reason: 'mismatch' };
}
