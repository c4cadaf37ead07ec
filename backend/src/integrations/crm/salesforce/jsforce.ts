import { createRequire } from 'node:module';
import type * as Jsforce from 'jsforce';

const load = createRequire(import.meta.url);

/**
 * jsforce, loaded when a Salesforce org is first used rather than by every start: it takes about a third of a second
 * to load, and most starts (the demo, HubSpot tenants) never need it.
 */
export function jsforce(): typeof Jsforce {
  return load('jsforce') as typeof Jsforce;
}
