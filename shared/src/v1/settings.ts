import { z } from 'zod';
import { Currency, Id, Text } from './common.ts';
import { FeatureKey } from './scores.ts';
import { CrmMappingOverrides } from './crm-fields.ts';

/** Refines for schemas that appear both in the stored settings and in a patch. */
const tiersInOrder = (tiers: { hot: number; warm: number }) => tiers.hot > tiers.warm;
const tiersInOrderError = { message: 'hot must be above warm', path: ['hot'] };
const uniqueFeatures = (mappings: { feature: string }[]) =>
  new Set(mappings.map((mapping) => mapping.feature)).size === mappings.length;
const uniqueFeaturesError = { message: 'each feature may be mapped once' };

const IcpValue = z
  .union([
    z.string().max(255),
    z.number().finite(),
    z.boolean(),
    z
      .tuple([z.number().finite().nullable(), z.number().finite().nullable()])
      .refine(([min, max]) => min !== null || max !== null, 'a range needs at least one end')
      .refine(([min, max]) => min === null || max === null || min <= max, 'min must not be above max'),
  ])
  .meta({ description: 'A value to equal, or a [min, max] range with both ends included (null leaves an end open)' });

const icpWeightShape = {
  attribute: FeatureKey,
  value: IcpValue,
  weight: z.number().int().min(-100).max(100).meta({ description: 'Points added to EV when the lead matches' }),
};
export const IcpWeight = z
  .object(icpWeightShape)
  .meta({ id: 'IcpWeight', description: 'A rule of the ideal customer profile, used before a model is trained' });
export type IcpWeight = z.infer<typeof IcpWeight>;
const IcpWeightInput = z.strictObject(icpWeightShape);

const evTiersShape = {
  hot: z.number().int().min(1).max(100).meta({ description: 'Lowest EV that counts as hot' }),
  warm: z.number().int().min(0).max(99).meta({ description: 'Lowest EV that counts as warm; below is cold' }),
};
export const EvTiers = z.object(evTiersShape).refine(tiersInOrder, tiersInOrderError).meta({ id: 'EvTiers' });
export type EvTiers = z.infer<typeof EvTiers>;
const EvTiersInput = z.strictObject(evTiersShape).refine(tiersInOrder, tiersInOrderError);

const fieldMappingShape = {
  crmField: Text(255).min(1).meta({ description: 'API name of the CRM field, e.g. Fleet_Size__c or fleet_size' }),
  feature: FeatureKey,
  label: Text(100).min(1).meta({ description: 'Shown to reps in score reasons' }),
};
export const FieldMapping = z
  .object(fieldMappingShape)
  .meta({ id: 'FieldMapping', description: 'A CRM field the scoring model may learn from' });
export type FieldMapping = z.infer<typeof FieldMapping>;

const scoringShape = {
  conversionWindowDays: z
    .number()
    .int()
    .min(7)
    .max(730)
    .meta({ description: 'Days after creation within which a lead must convert to count as converted' }),
  currency: Currency,
  // An amount only, in `currency`, so the two can never disagree.
  defaultDealValue: z
    .number()
    .finite()
    .min(0)
    .max(1e12)
    .meta({ description: 'Deal value assumed when history gives none, in scoring.currency' }),
  coldStartMinOutcomes: z
    .number()
    .int()
    .min(10)
    .max(1_000_000)
    .meta({ description: 'Labelled outcomes needed before a learned model replaces the ICP rules' }),
};
const routingShape = {
  defaultSlaMinutes: z
    .number()
    .int()
    .min(1)
    .max(10_080)
    .meta({ description: 'Minutes to first touch when a routing rule sets none' }),
  fallbackUserId: Id.nullable().meta({
    description:
      'Who gets a lead when no rule yields an eligible SDR (caps and hours aside); null leaves it unassigned',
  }),
  autoRoute: z.boolean().meta({ description: 'Route new and changed leads without being asked' }),
};
const researchShape = {
  autoResearch: z.boolean().meta({ description: 'Research the company of each new lead without being asked' }),
  ttlDays: z.number().int().min(1).max(365).meta({ description: 'Days a report stays current' }),
};
const assistantShape = {
  repeatWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .meta({ description: 'A suggestion is not shown again on the same call within this many seconds' }),
};

const Mappings = z.array(FieldMapping).max(200).refine(uniqueFeatures, uniqueFeaturesError);
/** Custom fields feeding features, as an admin sends them: each feature once. */
export const FieldMappingsInput = z
  .array(z.strictObject(fieldMappingShape))
  .max(200)
  .refine(uniqueFeatures, uniqueFeaturesError)
  .meta({ id: 'FieldMappingsInput', description: 'CRM custom fields feeding features, each feature once' });

export const TenantSettings = z
  .object({
    scoring: z.object({ ...scoringShape, icpWeights: z.array(IcpWeight).max(200), evTiers: EvTiers }),
    routing: z.object(routingShape),
    research: z.object(researchShape),
    assistant: z.object(assistantShape),
    fieldMapping: Mappings,
    crmMapping: CrmMappingOverrides,
  })
  .meta({ id: 'TenantSettings', description: "A tenant's settings" });
export type TenantSettings = z.infer<typeof TenantSettings>;

export const TenantSettingsPatch = z
  .strictObject({
    scoring: z
      .strictObject({ ...scoringShape, icpWeights: z.array(IcpWeightInput).max(200), evTiers: EvTiersInput })
      .partial()
      .optional(),
    routing: z.strictObject(routingShape).partial().optional(),
    research: z.strictObject(researchShape).partial().optional(),
    assistant: z.strictObject(assistantShape).partial().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'at least one setting to change')
  .meta({
    id: 'TenantSettingsPatch',
    description:
      'Settings to change; absent settings stay as they are, and a list given replaces the whole list. ' +
      'Which CRM fields feed features is changed through /v1/settings/field-mapping, which checks them against the CRM',
  });
export type TenantSettingsPatch = z.infer<typeof TenantSettingsPatch>;

export const defaultTenantSettings: TenantSettings = {
  scoring: {
    conversionWindowDays: 90,
    currency: 'USD',
    defaultDealValue: 25_000,
    coldStartMinOutcomes: 200,
    icpWeights: [],
    evTiers: { hot: 70, warm: 40 },
  },
  routing: { defaultSlaMinutes: 60, fallbackUserId: null, autoRoute: false },
  research: { autoResearch: false, ttlDays: 30 },
  assistant: { repeatWindowSeconds: 300 },
  fieldMapping: [],
  crmMapping: { fields: {}, scores: {} },
};

export const tenantSettingsExample: TenantSettings = {
  scoring: {
    conversionWindowDays: 120,
    currency: 'GBP',
    defaultDealValue: 38_000,
    coldStartMinOutcomes: 200,
    icpWeights: [
      { attribute: 'company.industry', value: 'Logistics', weight: 20 },
      { attribute: 'company.employees', value: [100, 2000], weight: 15 },
      { attribute: 'company.country', value: 'GB', weight: 10 },
      { attribute: 'custom.fleet_size', value: [50, null], weight: 25 },
      { attribute: 'lead.source', value: 'Purchased list', weight: -15 },
    ],
    evTiers: { hot: 70, warm: 40 },
  },
  routing: { defaultSlaMinutes: 30, fallbackUserId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913', autoRoute: true },
  research: { autoResearch: true, ttlDays: 30 },
  assistant: { repeatWindowSeconds: 300 },
  fieldMapping: [
    { crmField: 'Fleet_Size__c', feature: 'custom.fleet_size', label: 'Fleet size' },
    { crmField: 'Current_Provider__c', feature: 'custom.current_provider', label: 'Current tracking provider' },
  ],
  crmMapping: { fields: { lead: { source: 'Lead_Source_Detail__c' } }, scores: {} },
};

export const tenantSettingsPatchExample: TenantSettingsPatch = {
  scoring: { evTiers: { hot: 75, warm: 45 } },
  research: { autoResearch: true },
};
