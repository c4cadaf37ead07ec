import {
  CrmObjectKind,
  ScoredObject,
  type FieldMappingUpdate,
  type FieldMappingView,
  type TenantSettings,
} from '@sdr/shared';
import { DEFAULT_MAPPINGS, type CrmMapping } from './default-mapping.ts';

export type CrmKind = 'salesforce' | 'hubspot';

/** The tenant's mapping: its CRM's defaults with the admin's changes over them. */
export function effectiveMapping(crm: CrmKind, settings: TenantSettings): CrmMapping {
  const base = DEFAULT_MAPPINGS[crm];
  const overrides = settings.crmMapping;
  const fields: CrmMapping['fields'] = {};
  for (const object of CrmObjectKind.options)
    if (base.objects[object]) fields[object] = { ...base.fields[object], ...overrides.fields[object] };
  const scores = Object.fromEntries(
    ScoredObject.options.map((object) => [object, { ...base.scores[object], ...overrides.scores[object] }]),
  ) as CrmMapping['scores'];
  return { objects: base.objects, fields, scores };
}

export function mappingView(crm: CrmKind, settings: TenantSettings): FieldMappingView {
  const mapping = effectiveMapping(crm, settings);
  const objects: FieldMappingView['objects'] = {};
  for (const object of CrmObjectKind.options) {
    const described = mapping.objects[object];
    if (described) objects[object] = { crmObject: described.name, fields: mapping.fields[object] ?? {} };
  }
  const scores = Object.fromEntries(
    ScoredObject.options.filter((object) => mapping.objects[object]).map((object) => [object, mapping.scores[object]]),
  ) as FieldMappingView['scores'];
  return { crm, objects, scores, features: settings.fieldMapping };
}

/**
 * Problems with an update for this CRM, as `{ field, message }` for the problem response: objects the CRM does
 * not sync here (HubSpot has no lead object in the sync).
 */
export function mappingProblems(crm: CrmKind, update: FieldMappingUpdate): { field: string; message: string }[] {
  const base = DEFAULT_MAPPINGS[crm];
  const problems: { field: string; message: string }[] = [];
  for (const section of ['fields', 'scores'] as const)
    for (const object of Object.keys(update[section] ?? {}) as CrmObjectKind[])
      if (!base.objects[object])
        problems.push({
          field: `body.${section}.${object}`,
          message: `${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} records of this kind are not synced`,
        });
  return problems;
}

/** The stored overrides after an update: each given field replaces its own entry, nothing else moves. */
export function applyMappingUpdate(
  settings: TenantSettings,
  update: FieldMappingUpdate,
): Pick<TenantSettings, 'crmMapping' | 'fieldMapping'> {
  const fields = { ...settings.crmMapping.fields } as Record<string, Record<string, string | null>>;
  for (const [object, map] of Object.entries(update.fields ?? {})) fields[object] = { ...fields[object], ...map };
  const scores = { ...settings.crmMapping.scores } as Record<string, Record<string, string | null>>;
  for (const [object, map] of Object.entries(update.scores ?? {})) scores[object] = { ...scores[object], ...map };
  return {
    crmMapping: { fields, scores } as TenantSettings['crmMapping'],
    fieldMapping: update.features ?? settings.fieldMapping,
  };
}
