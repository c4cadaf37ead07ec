import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../db/generated/client.ts';

/**
 * API keys look like `sdr_<tenantId>_<keyId>_<secret>`. The tenant and key ids let the key be found by primary key
 * (tenantId leads it) without a global index; only the SHA-256 of the 256-bit random secret is stored, and it is
 * compared in constant time.
 */
const PREFIX = 'sdr';
const KEY_PATTERN = /^sdr_([0-9a-f-]{36})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  keyId: string;
  apiKey: string;
}

export interface VerifiedKey {
  tenantId: string;
  keyId: string;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest();

/** Anything that can write API keys: the client, or a transaction of it. */
type KeyWriter = Pick<PrismaClient, 'apiKey'>;

// Recording every use would turn each read into a write; once an hour is enough to spot keys nobody uses.
const LAST_USED_RESOLUTION_MS = 3_600_000;

export async function issueApiKey(prisma: KeyWriter, tenantId: string, name = 'default'): Promise<IssuedKey> {
  const keyId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  await prisma.apiKey.create({ data: { tenantId, id: keyId, name, secretHash: hash(secret).toString('hex') } });
  return { keyId, apiKey: `${PREFIX}_${tenantId}_${keyId}_${secret}` };
}

/**
 * Keys verified in the last few seconds, by the hash of the whole key: a CRM component sends the same key with every
 * request, and a database read per request for it costs as much as a score. A revocation in this process takes
 * effect at once; in other processes within the TTL.
 */
const VERIFIED_TTL_MS = 10_000;
// Bounded: every key in use within the TTL fits, and a flood of distinct keys cannot grow the process.
const verified = new LRUCache<string, VerifiedKey>({ max: 10_000, ttl: VERIFIED_TTL_MS });

/** The tenant and key of a valid, unrevoked key; null for anything else (unknown, malformed, revoked, wrong secret). */
export async function verifyApiKey(prisma: PrismaClient, apiKey: string): Promise<VerifiedKey | null> {
  const cacheKey = hash(apiKey).toString('base64');
  const hit = verified.get(cacheKey);
  if (hit) return hit;
  const key = await verifyUncached(prisma, apiKey);
  if (key) verified.set(cacheKey, key);
  else verified.delete(cacheKey);
  return key;
}

async function verifyUncached(prisma: PrismaClient, apiKey: string): Promise<VerifiedKey | null> {
  const match = KEY_PATTERN.exec(apiKey);
  if (!match) return null;
  const [, tenantId, keyId, secret] = match as unknown as [string, string, string, string];
  const row = await prisma.apiKey.findUnique({ where: { tenantId_id: { tenantId, id: keyId } } });
  // Compare even when no row exists, so timing does not tell a known key id from an unknown one.
  const expected = row ? Buffer.from(row.secretHash, 'hex') : Buffer.alloc(32);
  const matches = timingSafeEqual(hash(secret), expected);
  if (!row || !matches || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
    await prisma.apiKey.update({ where: { tenantId_id: { tenantId, id: keyId } }, data: { lastUsedAt: now } });
  return { tenantId, keyId };
}

export async function revokeApiKey(prisma: PrismaClient, tenantId: string, keyId?: string): Promise<number> {
  for (const [cacheKey, entry] of verified.entries())
    if (entry.tenantId === tenantId && (!keyId || entry.keyId === keyId)) verified.delete(cacheKey);
  const result = await prisma.apiKey.updateMany({
    where: { tenantId, revokedAt: null, ...(keyId ? { id: keyId } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
