import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../db/generated/client.ts';
import { issueApiKey } from './api-keys.ts';

export class TenantInputError extends Error {}

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
      await tx.$executeRaw`SELECT set_config('sdr.actor', 'admin-cli', true)`;
      await tx.tenant.create({ data: { id: tenantId, crm, externalId, name } });
      const { apiKey } = await issueApiKey(tx, tenantId);
      return { tenantId, apiKey };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new TenantInputError(`A tenant for ${crm} ${externalId} already exists`);
    throw error;
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
