import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../security/secret-box.ts';

/**
 * The OAuth `state` parameter: which tenant started the connection, for which CRM, until when. Signed, so a callback
 * cannot be pointed at another tenant, and short-lived, so a leaked link stops working.
 */
export const STATE_TTL_MS = 15 * 60_000;

export interface OAuthState {
  tenantId: string;
  crm: 'salesforce' | 'hubspot';
  expiresAt: number;
}

export function issueState(box: SecretBox, state: Omit<OAuthState, 'expiresAt'>, now: number): string {
  const payload: OAuthState & { nonce: string } = {
    ...state,
    expiresAt: now + STATE_TTL_MS,
    nonce: randomBytes(9).toString('base64url'),
  };
  return box.sign(JSON.stringify(payload), 'oauth-state');
}

export function readState(box: SecretBox, token: string, now: number): OAuthState | null {
  const payload = box.verify(token, 'oauth-state');
  if (!payload) return null;
  const state = JSON.parse(payload) as OAuthState;
  return state.expiresAt > now ? state : null;
}
