import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot's request signature v3, checked for webhooks and for `hubspot.fetch` calls from the app's cards.
 * Written out rather than taken from the SDK's `Signature.isValid`: that one throws on stale timestamps, accepts
 * timestamps from the future, compares with `===` (leaking timing) and skips the URI decoding HubSpot applies.
 */
export const MAX_AGE_MS = 5 * 60_000;
/** Clocks drift: a timestamp this little ahead of ours is still accepted. */
const FUTURE_TOLERANCE_MS = 5_000;

/** The characters HubSpot decodes in the URI before signing; every other escape stays as sent. */
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function signedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED[escape.toUpperCase()] ?? escape);
}

export interface SignedRequest {
  method: string;
  /** The full public URI HubSpot called, scheme, host and query included. */
  uri: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

export type SignatureVerdict =
  { valid: true } | { valid: false; reason: 'missing' | 'malformed timestamp' | 'stale' | 'future' | 'mismatch' };

export function computeSignature(secret: string, request: Omit<SignedRequest, 'signature'>): string {
  return createHmac('sha256', secret)
    .update(`${request.method.toUpperCase()}${signedUri(request.uri)}${request.rawBody}${request.timestamp ?? ''}`)
    .digest('base64');
}

export function verifySignature(secret: string, request: SignedRequest, now: number): SignatureVerdict {
  if (!request.signature || !request.timestamp) return { valid: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(request.timestamp)) return { valid: false, reason: 'malformed timestamp' };
  const at = Number(request.timestamp);
  if (now - at > MAX_AGE_MS) return { valid: false, reason: 'stale' };
  if (at - now > FUTURE_TOLERANCE_MS) return { valid: false, reason: 'future' };
  const expected = Buffer.from(computeSignature(secret, request));
  const given = Buffer.from(request.signature);
  // timingSafeEqual needs equal lengths; a length mismatch says nothing about the secret.
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? { valid: true } : { valid: false, reason: 'mismatch' };
}
