import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../../db/generated/client.ts';
import type { Logger } from '../../logger.ts';
import { issueApiKey, revokeApiKey, verifyApiKey } from '../../tenancy/api-keys.ts';

const KEY_NAME = 'demo';

/**
 * The key saved in `keyFile` when it still works for the tenant; otherwise a new one, saved in its place, after
 * revoking any other demo keys so only the saved one is live.
 */
export async function ensureApiKey(
  prisma: PrismaClient,
  tenantId: string,
  keyFile: string,
  logger: Logger,
): Promise<string> {
  const saved = await readKeyFile(keyFile);
  if (saved) {
    const verified = await verifyApiKey(prisma, saved);
    if (verified?.tenantId === tenantId) return saved;
  }
  const stale = await prisma.apiKey.findMany({
    where: { tenantId, name: KEY_NAME, revokedAt: null },
    select: { id: true },
  });
  for (const key of stale) await revokeApiKey(prisma, tenantId, key.id);
  const { apiKey } = await issueApiKey(prisma, tenantId, KEY_NAME);
  await writeKeyFile(keyFile, apiKey);
  if (saved !== null || stale.length > 0)
    logger.warn({ tenantId, keyFile, revoked: stale.length }, 'demo API key was missing or invalid; issued a new one');
  return apiKey;
}

async function readKeyFile(keyFile: string): Promise<string | null> {
  try {
    return (await readFile(keyFile, 'utf8')).trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written to a private temporary file and renamed, so the key is never readable by others nor half-written. */
async function writeKeyFile(keyFile: string, apiKey: string): Promise<void> {
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const temporary = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${apiKey}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temporary, keyFile);
}
