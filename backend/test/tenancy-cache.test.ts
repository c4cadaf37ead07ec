import { TENANTS_CACHED, tenantCache } from '../src/tenancy/tenant-cache.ts';

describe('per-tenant caches', () => {
  it('keep the most recently used tenants and drop the least recently used beyond the bound', () => {
    const cache = tenantCache<{ tenant: number }>();
    for (let i = 0; i < TENANTS_CACHED; i += 1) cache.set(`t${i}`, { tenant: i });
    // Tenant 0 is used again, so tenant 1 is now the least recently used.
    expect(cache.get('t0')).toEqual({ tenant: 0 });
    cache.set('new', { tenant: -1 });
    expect(cache.size).toBe(TENANTS_CACHED);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t0')).toEqual({ tenant: 0 });
    expect(cache.get('new')).toEqual({ tenant: -1 });
  });
});
