import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../db/generated/client.ts';
import { issueApiKey, verifyApiKey } from './api-keys.ts';

export class TenantInputError extends Error {}
export class TenantExistsError extends TenantInputError {}

const TenantInput = z.object({
  crm: z.enum(['salesforce', 'hubspot'], { error: '--crm must be salesforce or hubspot' }),
  externalId: z
    .string({ error: '--external-id is required (Salesforce org id or HubSpot portal id)' })
    .trim()
    .min(1, '--external-id is required (Salesforce org id or HubSpot portal id)')
    .max(64),
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(200),
});

export async function createTenant(
  prisma: PrismaClient,
  input: { crm?: string | undefined; externalId?: string | undefined; name?: string | undefined },
  actor = 'admin-cli',
): Promise<{ tenantId: string; apiKey: string }> {
  const parsed = TenantInput.safeParse(input);
  if (!parsed.success) throw new TenantInputError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const { crm, externalId, name } = parsed.data;
  if (crm === 'salesforce' && !/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(externalId))
    throw new TenantInputError('--external-id must be a Salesforce org id (00D followed by 12 or 15 characters)');
  if (crm === 'hubspot' && !/^\d{1,12}$/.test(externalId))
    throw new TenantInputError('--external-id must be a HubSpot portal id (digits)');
  const tenantId = randomUUID();
  try {
    // Tenant and key together, so a failure never leaves a tenant nobody can call.
    return await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('sdr.actor', ${actor}, true)`;
      await tx.tenant.create({ data: { id: tenantId, crm, externalId, name } });
      const { apiKey } = await issueApiKey(tx, tenantId);
      return { tenantId, apiKey };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new TenantExistsError(`A tenant for ${crm} ${externalId} already exists`);
    throw error;
  }
}

/**
 * Registers an org or portal: a new tenant with its first key, or, when it is one already and the caller shows one
 * of its current keys, a fresh key for it (the others stay valid until revoked: an admin reconnecting must not cut
 * off a CRM still using the old key). Org and portal ids are not secret, so the registration token alone never gets
 * a key for a tenant that exists: that would let one customer's admin take over another's workspace.
 */
export async function registerTenant(
  prisma: PrismaClient,
  registration: { crm: 'salesforce' | 'hubspot'; externalId: string; name: string; currentApiKey?: string | undefined },
): Promise<{ tenantId: string; apiKey: string; created: boolean }> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await prisma.tenant.findFirst({
      where: { crm: registration.crm, externalId: registration.externalId },
      select: { id: true },
    });
    if (existing) {
      const shown = registration.currentApiKey ? await verifyApiKey(prisma, registration.currentApiKey) : null;
      if (shown?.tenantId !== existing.id)
        throw new TenantExistsError(
          `${registration.crm} ${registration.externalId} is registered already: send one of its current API keys as currentApiKey, or ask the operator for a new key (npm run admin -- tenant issue-key)`,
        );
      const { apiKey } = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('sdr.actor', 'registration', true)`;
        return issueApiKey(tx, existing.id, 'registration');
      });
      return { tenantId: existing.id, apiKey, created: false };
    }
    try {
      return { ...(await createTenant(prisma, registration, 'registration')), created: true };
    } catch (error) {
      // Two registrations of one org at once: the loser goes the existing-tenant way.
      if (!(error instanceof TenantExistsError) || attempt > 0) throw error;
    }
  }
}

export async function listTenants(prisma: PrismaClient) {
  const tenants = await prisma.tenant.findMany({
    orderBy: { createdAt: 'asc' },
    include: {
      _count: { select: { apiKeys: { where: { revokedAt: null } } } },
      apiKeys: { where: { revokedAt: null, lastUsedAt: { not: null } }, orderBy: { lastUsedAt: 'desc' }, take: 1 },
    },
  });
  return tenants.map((tenant) => ({
    id: tenant.id,
    crm: tenant.crm,
    externalId: tenant.externalId,
    name: tenant.name,
    activeKeys: tenant._count.apiKeys,
    lastKeyUse: tenant.apiKeys[0]?.lastUsedAt?.toISOString() ?? null,
    createdAt: tenant.createdAt.toISOString(),
  }));
}
