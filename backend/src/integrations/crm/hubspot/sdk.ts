import { createRequire } from 'node:module';
import type * as HubSpotSdk from '@hubspot/api-client';

const load = createRequire(import.meta.url);

/** HubSpot's SDK, loaded when a portal is first used rather than by every start. */
export function hubspotSdk(): typeof HubSpotSdk {
  return load('@hubspot/api-client') as typeof HubSpotSdk;
}
