import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Checks an OAuth 2.0 JWT bearer assertion as Salesforce does: RS256 signed with the key of a certificate
 * uploaded to the connected app, `iss` the consumer key, `aud` the login URL, `sub` a pre-authorised user and
 * `exp` in the future but no more than three minutes away.
 */

export interface JwtRegistration {
  key: KeyObject;
  username: string;
}

export type JwtVerdict = { ok: true; username: string } | { ok: false; error: string; description: string };

const MAX_VALIDITY_MS = 3 * 60_000;
// Salesforce tolerates a little clock skew between the client and its servers.
const SKEW_MS = 5_000;

export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function verifyJwtAssertion(
  assertion: string,
  registrations: JwtRegistration[],
  expected: { clientId: string; audience: string; now: number },
): JwtVerdict {
  const invalid = (description: string): JwtVerdict => ({ ok: false, error: 'invalid_grant', description });
  const parts = assertion.split('.');
  if (parts.length !== 3) return invalid('invalid assertion');
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (!header || !claims || header.alg !== 'RS256') return invalid('invalid assertion');

  if (claims.iss !== expected.clientId) {
    return { ok: false, error: 'invalid_client_id', description: 'client identifier invalid' };
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && trimSlash(a) === trimSlash(expected.audience))) {
    return invalid('audience is invalid');
  }
  if (typeof claims.exp !== 'number') return invalid('invalid assertion');
  const expiresAt = claims.exp * 1000;
  if (expiresAt <= expected.now - SKEW_MS) return invalid('expired authorization code');
  if (expiresAt > expected.now + MAX_VALIDITY_MS + SKEW_MS) return invalid('invalid assertion');

  const signed = Buffer.from(`${headerPart}.${claimsPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  const trusted = registrations.some((r) => verify('RSA-SHA256', signed, r.key, signature));
  if (!trusted) return invalid('invalid assertion');

  const username = typeof claims.sub === 'string' ? claims.sub : '';
  if (!registrations.some((r) => r.username.toLowerCase() === username.toLowerCase())) {
    return invalid("user hasn't approved this consumer");
  }
  return { ok: true, username };
}
