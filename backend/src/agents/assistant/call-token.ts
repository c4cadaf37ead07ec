import type { SecretBox } from '../../security/secret-box.ts';

/**
 * A credential for one call's event stream, for clients that cannot send the API key: a browser's EventSource
 * sends no headers, so the Salesforce component asks Apex (which holds the key) for one of these and puts it in
 * the URL. Signed, bound to one tenant and call, and short-lived; a stream already open outlives it, and a client
 * whose reconnect is refused asks for a new one.
 */
export const CALL_TOKEN_TTL_MS = 15 * 60_000;

interface CallTokenPayload {
  use: 'call-stream';
  tenantId: string;
  callId: string;
  expiresAt: number;
}

export function issueCallToken(box: SecretBox, call: { tenantId: string; callId: string }, now: number) {
  const payload: CallTokenPayload = { use: 'call-stream', ...call, expiresAt: now + CALL_TOKEN_TTL_MS };
  return { token: box.sign(JSON.stringify(payload), 'call-stream'), expiresAt: payload.expiresAt };
}

export function readCallToken(box: SecretBox, token: string, now: number): { tenantId: string; callId: string } | null {
  const raw = box.verify(token, 'call-stream');
  if (!raw) return null;
  try {
    const payload = JSON.parse(raw) as Partial<CallTokenPayload>;
    if (payload.use !== 'call-stream' || typeof payload.tenantId !== 'string' || typeof payload.callId !== 'string')
      return null;
    return (payload.expiresAt ?? 0) > now ? { tenantId: payload.tenantId, callId: payload.callId } : null;
  } catch {
    return null;
  }
}
