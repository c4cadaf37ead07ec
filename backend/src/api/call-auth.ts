import type { PrismaClient } from '../db/generated/client.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { readCallToken } from '../agents/assistant/call-token.ts';
import { verifyApiKey } from '../tenancy/api-keys.ts';

/**
 * The tenant a call's stream or socket is opened for: a call token for that call (`?token=`, for clients that
 * cannot send headers) or the tenant's API key; null when neither holds.
 */
export async function authoriseCall(
  deps: { prisma: PrismaClient; box: SecretBox },
  token: string | null,
  authorization: string | undefined,
  callId: string,
): Promise<string | null> {
  if (token) {
    const call = readCallToken(deps.box, token, Date.now());
    return call && call.callId === callId ? call.tenantId : null;
  }
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match?.[1]) return null;
  return (await verifyApiKey(deps.prisma, match[1]))?.tenantId ?? null;
}
