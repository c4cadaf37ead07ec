import type { TenantSettings } from '@sdr/shared';
import { BUILT_IN_FEATURES, customFeatures, type FeatureDefinition } from './features.ts';
import { icpMatches } from './icp-model.ts';
import type { LeadContext } from './lead-context.ts';

/**
 * The features of one tenant: the built-in ones, the CRM fields it maps, and — once it has an ideal customer
 * profile — the profile's fit as a feature of its own, so a learnt model can tell how much the admin's judgement
 * is worth next to the raw attributes.
 */
export function tenantFeatures(settings: TenantSettings, samples: LeadContext[]): FeatureDefinition[] {
  const base = [...BUILT_IN_FEATURES, ...customFeatures(settings.fieldMapping, samples)];
  const weights = settings.scoring.icpWeights;
  if (weights.length === 0) return base;
  const fit: FeatureDefinition = {
    key: 'icp.fit',
    label: 'Fit with the ideal customer profile',
    kind: 'numeric',
    value: (context, asOf) => icpMatches(weights, base, context, asOf).reduce((sum, match) => sum + match.weight, 0),
    show: (value) => (value === null ? 'unknown' : `${Number(value) > 0 ? '+' : ''}${value} ICP points`),
  };
  return [...base, fit];
}
