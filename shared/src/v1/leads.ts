import { z } from 'zod';
import { CrmId, Cursor, CustomFields, Id, page, PageLimit, Text, Timestamp } from './common.ts';

export const CrmRecordType = z.enum(['lead', 'contact']).meta({ id: 'CrmRecordType' });
export const LeadStatus = z
  .enum(['new', 'working', 'nurturing', 'qualified', 'unqualified', 'converted'])
  .meta({ id: 'LeadStatus' });
export type LeadStatus = z.infer<typeof LeadStatus>;

export const Lead = z
  .object({
    id: Id,
    crmId: CrmId,
    crmType: CrmRecordType,
    firstName: z.string().nullable(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    companyId: Id.nullable(),
    companyName: z.string().nullable(),
    source: z.string().nullable(),
    status: LeadStatus,
    country: z.string().nullable(),
    region: z.string().nullable(),
    language: z.string().nullable(),
    ownerId: Id.nullable(),
    customFields: CustomFields,
    convertedAt: Timestamp.nullable(),
    crmUpdatedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Lead', description: 'A lead or contact as synced from the CRM' });
export type Lead = z.infer<typeof Lead>;

const leadFields = {
  crmType: CrmRecordType.optional(),
  firstName: Text(100).nullish(),
  lastName: Text(100).min(1),
  email: z.email().max(320).nullish(),
  phone: Text(50).nullish(),
  title: Text(255).nullish(),
  companyId: Id.nullish().meta({ description: 'Id of a company of this tenant' }),
  companyName: Text(255).nullish(),
  source: Text(100).nullish(),
  status: LeadStatus.optional(),
  country: Text(100).nullish(),
  region: Text(100).nullish(),
  language: Text(35).nullish().meta({ description: 'BCP 47 language tag, e.g. en or pt-BR' }),
  ownerId: Id.nullish().meta({ description: 'Id of a user of this tenant' }),
  customFields: CustomFields.optional(),
  convertedAt: Timestamp.nullish(),
  crmUpdatedAt: Timestamp.nullish(),
};

export const LeadUpsert = z
  .strictObject({ crmId: CrmId, ...leadFields })
  .meta({ id: 'LeadUpsert', description: 'A lead keyed by its CRM id: created when new, else updated' });
export type LeadUpsert = z.infer<typeof LeadUpsert>;

export const LeadUpsertBody = z
  .union([LeadUpsert, z.array(LeadUpsert).min(1).max(1000)])
  .meta({ id: 'LeadUpsertBody', description: 'One lead, or up to 1,000' });
export type LeadUpsertBody = z.infer<typeof LeadUpsertBody>;

export const LeadUpsertResult = z
  .object({ data: z.array(Lead), created: z.number().int(), updated: z.number().int() })
  .meta({ id: 'LeadUpsertResult' });
export type LeadUpsertResult = z.infer<typeof LeadUpsertResult>;

export const LeadPatch = z
  .strictObject({ ...leadFields, lastName: leadFields.lastName.optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change')
  .meta({ id: 'LeadPatch', description: 'Fields to change; absent fields stay as they are, null clears' });
export type LeadPatch = z.infer<typeof LeadPatch>;

export const LeadSort = z
  .enum(['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'lastName', '-lastName'])
  .meta({ id: 'LeadSort', description: 'Field to sort by; a leading - sorts descending' });
export type LeadSort = z.infer<typeof LeadSort>;

export const LeadListQuery = z.strictObject({
  limit: PageLimit,
  cursor: Cursor.optional(),
  sort: LeadSort.default('-updatedAt'),
  status: LeadStatus.optional(),
  crmId: CrmId.optional().meta({
    description: "The CRM record's id (Salesforce Lead or Contact id, HubSpot contact id): how CRM components find it",
  }),
  ownerId: Id.optional(),
  companyId: Id.optional(),
  source: Text(100).min(1).optional(),
  country: Text(100).min(1).optional(),
  updatedSince: Timestamp.optional(),
  q: Text(200).min(1).optional().meta({ description: 'Matches name, email or company name (case-insensitive)' }),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadPage = page(Lead, 'LeadPage');
export type LeadPage = z.infer<typeof LeadPage>;

export const leadExample: Lead = {
  id: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  crmId: '00Q5g00000AbCdEEAZ',
  crmType: 'lead',
  firstName: 'Priya',
  lastName: 'Raman',
  email: 'priya.raman@northwind-logistics.co.uk',
  phone: '+44 113 496 0321',
  title: 'VP Operations',
  companyId: '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10',
  companyName: 'Northwind Logistics Ltd',
  source: 'Webinar',
  status: 'working',
  country: 'GB',
  region: 'England',
  language: 'en',
  ownerId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  customFields: { Fleet_Size__c: 140 },
  convertedAt: null,
  crmUpdatedAt: '2026-11-20T14:02:11.000Z',
  createdAt: '2026-11-03T10:00:00.000Z',
  updatedAt: '2026-11-20T14:02:11.000Z',
};

export const leadUpsertExample: LeadUpsert = {
  crmId: '00Q5g00000AbCdEEAZ',
  firstName: 'Priya',
  lastName: 'Raman',
  email: 'priya.raman@northwind-logistics.co.uk',
  title: 'VP Operations',
  companyName: 'Northwind Logistics Ltd',
  source: 'Webinar',
  country: 'GB',
};
