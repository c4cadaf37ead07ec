import { z } from 'zod';

/** The kinds of CRM record the suite reads. */
export const CrmObjectKind = z.enum(['lead', 'contact', 'company', 'deal', 'activity']).meta({ id: 'CrmObjectKind' });
export type CrmObjectKind = z.infer<typeof CrmObjectKind>;

/** A person's fields, whether the CRM calls them a lead or a contact. */
const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyName',
  'source',
  'status',
  'country',
  'region',
  'language',
  'owner',
  'convertedAt',
  'createdAt',
  'company',
] as const;

/** The suite's fields of each kind of record, which the field mapping points at CRM fields. */
export const RECORD_FIELDS = {
  // A lead carries its company's firmographics itself (Salesforce); a contact reads them from its company.
  lead: [...PERSON_FIELDS, 'industry', 'employees', 'annualRevenue', 'website'],
  contact: PERSON_FIELDS,
  // The account owner: who routing hands a lead matched to the account.
  company: [
    'name',
    'website',
    'industry',
    'employees',
    'annualRevenue',
    'country',
    'region',
    'city',
    'postcode',
    'owner',
  ],
  deal: [
    'name',
    'stage',
    'amount',
    'currency',
    'closeDate',
    'isClosed',
    'isWon',
    'owner',
    'company',
    'contact',
    'createdAt',
  ],
  activity: ['type', 'subject', 'direction', 'outcome', 'occurredAt', 'who'],
} as const satisfies Record<CrmObjectKind, readonly string[]>;

export const ScoreField = z
  .enum(['ev', 'evAmount', 'risk', 'urgency', 'reasons', 'scoredAt'])
  .meta({ id: 'ScoreField', description: 'A score written back to the CRM' });
export type ScoreField = z.infer<typeof ScoreField>;
export const ScoredObject = z.enum(['lead', 'contact', 'deal']).meta({ id: 'ScoredObject' });
export type ScoredObject = z.infer<typeof ScoredObject>;

/** A CRM field's API name: Salesforce (`Fleet_Size__c`, `Owner.Email` is not a field) and HubSpot (`fleet_size`). */
export const CrmFieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,254}$/, 'an API field name such as Fleet_Size__c or fleet_size')
  .meta({ id: 'CrmFieldName' });

const fieldMap = <K extends CrmObjectKind>(kind: K) =>
  z.partialRecord(z.enum(RECORD_FIELDS[kind]), CrmFieldName.nullable());
const scoreMap = z.partialRecord(ScoreField, CrmFieldName.nullable());

export const CrmMappingFields = z
  .strictObject({
    lead: fieldMap('lead').optional(),
    contact: fieldMap('contact').optional(),
    company: fieldMap('company').optional(),
    deal: fieldMap('deal').optional(),
    activity: fieldMap('activity').optional(),
  })
  .meta({ id: 'CrmMappingFields', description: "CRM fields by the suite's fields, per kind of record" });
export const CrmMappingScores = z
  .strictObject({
    lead: scoreMap.optional(),
    contact: scoreMap.optional(),
    deal: scoreMap.optional(),
  })
  .meta({ id: 'CrmMappingScores', description: 'CRM fields that receive each score, per kind of record' });

/** What a tenant changed from its CRM's default mapping (stored in the settings). */
export const CrmMappingOverrides = z
  .object({ fields: CrmMappingFields.default({}), scores: CrmMappingScores.default({}) })
  .meta({ id: 'CrmMappingOverrides' });
export type CrmMappingOverrides = z.infer<typeof CrmMappingOverrides>;
