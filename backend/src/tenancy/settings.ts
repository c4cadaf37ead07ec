import { defaultTenantSettings, TenantSettings } from '@sdr/shared';
import type { ScopedClient } from '../db/tenant-scope.ts';
import type { ScopedTransaction } from '../db/tenant-db.ts';

/**
 * A tenant's settings: what it stored, section by section over the defaults, so a setting added in a later release
 * has its default for tenants that never set it. A stored section that no longer validates falls back whole to its
 * default rather than breaking scoring.
 */
export async function readSettings(db: ScopedClient | ScopedTransaction): Promise<TenantSettings> {
  const tenant = await db.tenant.findFirst({ select: { settings: true } });
  const stored = (tenant?.settings ?? {}) as Partial<Record<keyof TenantSettings, unknown>>;
  const merged = { ...defaultTenantSettings } as Record<string, unknown>;
  for (const section of Object.keys(defaultTenantSettings) as (keyof TenantSettings)[]) {
    const value = stored[section];
    if (value === undefined) continue;
    const candidate =
      Array.isArray(value) || typeof value !== 'object' || value === null
        ? value
        : { ...(defaultTenantSettings[section] as object), ...(value as object) };
    const check = TenantSettings.shape[section].safeParse(candidate);
    if (check.success) merged[section] = check.data;
  }
  return merged as TenantSettings;
}
