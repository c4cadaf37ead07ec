import { Prisma, type PrismaClient } from './generated/client.ts';

/**
 * The one place where tenant isolation is applied: a Prisma client extension that adds the caller's tenant to
 * every query on every tenant-owned model, whatever the route, job or agent that issues it.
 * - reads, updates and deletes get `tenantId` added to their filter (a record of another tenant is simply not found);
 * - creates and upserts get `tenantId` set (any other value given is replaced);
 * - moving a record to another tenant is refused.
 * Foreign keys between tenant-owned tables include `tenantId`, so relations followed from a scoped record
 * (include/select, nested writes) stay inside the tenant too.
 */

// Every model but Tenant itself is tenant-owned; the schema test checks that each has tenantId leading its key.
const TENANT_OWNED = new Set<string>(Object.values(Prisma.ModelName).filter((name) => name !== 'Tenant'));

type Args = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scopedWhere(where: unknown, tenantId: string): Record<string, unknown> {
  const base = isRecord(where) ? { ...where } : {};
  // Compound unique keys that lead with tenantId (tenantId_id, tenantId_crmId, ...) are forced to the scope too.
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith('tenantId_') && isRecord(value)) base[key] = { ...value, tenantId };
  }
  return { ...base, tenantId };
}

function scopedData(data: unknown, tenantId: string): unknown {
  if (Array.isArray(data)) return data.map((item) => scopedData(item, tenantId));
  if (!isRecord(data)) return data;
  if ('tenant' in data) throw new TenantScopeError('write tenantId through the scope, not the tenant relation');
  return { ...data, tenantId };
}

function guardUpdate(data: unknown, tenantId: string): unknown {
  if (isRecord(data) && 'tenantId' in data && data.tenantId !== tenantId)
    throw new TenantScopeError('a record cannot be moved to another tenant');
  if (isRecord(data) && 'tenant' in data) throw new TenantScopeError('a record cannot be moved to another tenant');
  return data;
}

export class TenantScopeError extends Error {}

export function scopeArgs(operation: string, args: Args, tenantId: string): Args {
  const next: Args = { ...args };
  switch (operation) {
    case 'create':
    case 'createMany':
    case 'createManyAndReturn':
      next.data = scopedData(args.data, tenantId);
      break;
    case 'upsert':
      next.where = scopedWhere(args.where, tenantId);
      next.create = scopedData(args.create, tenantId);
      next.update = guardUpdate(args.update, tenantId);
      break;
    case 'update':
    case 'updateMany':
    case 'updateManyAndReturn':
      next.where = scopedWhere(args.where, tenantId);
      next.data = guardUpdate(args.data, tenantId);
      break;
    default:
      // find*, count, aggregate, groupBy, delete, deleteMany
      next.where = scopedWhere(args.where, tenantId);
  }
  return next;
}

export function tenantScoped(prisma: PrismaClient, tenantId: string) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (model === 'Tenant') {
            if (operation.startsWith('create') || operation.startsWith('delete') || operation === 'upsert')
              throw new TenantScopeError('tenants are managed outside a tenant scope');
            const own = { ...(args as Args), where: { ...((args as Args).where as Args | undefined), id: tenantId } };
            return query(own as typeof args);
          }
          if (!TENANT_OWNED.has(model)) return query(args);
          return query(scopeArgs(operation, args as Args, tenantId) as typeof args);
        },
      },
    },
  });
}

export type ScopedClient = ReturnType<typeof tenantScoped>;
