import { LRUCache } from 'lru-cache';

/**
 * How many tenants' worth of derived state (parsed scoring models, account and battlecard indexes, settings) one
 * process keeps. A service holding a thousand tenants must not hold a thousand of each: the least recently used
 * tenant's entry is dropped and rebuilt from the database when it is next needed, which the caches already do after
 * any change. Large enough that the tenants active in any minute stay cached.
 */
export const TENANTS_CACHED = 200;

/** A per-tenant cache bounded to TENANTS_CACHED entries (least recently used first out). */
export function tenantCache<V extends object>(): LRUCache<string, V> {
  return new LRUCache<string, V>({ max: TENANTS_CACHED });
}
