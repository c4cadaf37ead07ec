import { z } from 'zod';
import { CrmId, Cursor, CustomFields, Id, page, PageLimit, Text, Timestamp } from './common.ts';

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name such as acme.com');

export const Company = z
  .object({
    id: Id,
    crmId: CrmId.nullable(),
    name: z.string(),
    domain: z.string().nullable(),
    website: z.string().nullable(),
    industry: z.string().nullable(),
    employees: z.number().int().nullable(),
    annualRevenue: z.number().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    companyNumber: z.string().nullable().meta({ description: 'National register number (UK Companies House)' }),
    ownerId: Id.nullable().meta({
      description:
        "The account owner: a user of this tenant, from the CRM's account owner field (Salesforce Account.OwnerId, " +
        'HubSpot hubspot_owner_id); null when there is none, or the CRM names someone not on the roster',
    }),
    customFields: CustomFields,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;

export const CompanyUpsert = z
  .strictObject({
    crmId: CrmId,
    name: Text(255).min(1),
    domain: Domain.nullish(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullish(),
    industry: Text(255).nullish(),
    employees: z.number().int().min(0).max(10_000_000).nullish(),
    annualRevenue: z.number().min(0).max(1e15).nullish(),
    country: Text(100).nullish(),
    region: Text(100).nullish(),
    city: Text(100).nullish(),
    postcode: Text(20).nullish(),
    companyNumber: Text(20).nullish(),
    ownerId: Id.nullish().meta({ description: 'Id of a user of this tenant: the account owner' }),
    customFields: CustomFields.optional(),
  })
  .meta({ id: 'CompanyUpsert', description: 'A company keyed by its CRM id: created when new, else updated' });
export type CompanyUpsert = z.infer<typeof CompanyUpsert>;

export const CompanyUpsertBody = z
  .union([CompanyUpsert, z.array(CompanyUpsert).min(1).max(1000)])
  .meta({ id: 'CompanyUpsertBody', description: 'One company, or up to 1,000' });

export const CompanyListQuery = z.strictObject({
  limit: PageLimit,
  cursor: Cursor.optional(),
  q: Text(200).min(1).optional().meta({ description: 'Matches name or domain (case-insensitive)' }),
  domain: Domain.optional(),
  crmId: CrmId.optional().meta({
    description: "The company synced from this CRM record (e.g. a Salesforce Account's id)",
  }),
});
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;

export const CompanyPage = page(Company, 'CompanyPage');
export const CompanyUpsertResult = z
  .object({ data: z.array(Company), created: z.number().int(), updated: z.number().int() })
  .meta({ id: 'CompanyUpsertResult' });

export const companyExample: Company = {
  id: '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10',
  crmId: '0015g00000XyZabAAB',
  name: 'Northwind Logistics Ltd',
  domain: 'northwind-logistics.co.uk',
  website: 'https://northwind-logistics.co.uk',
  industry: 'Logistics',
  employees: 420,
  annualRevenue: 58000000,
  country: 'GB',
  region: 'England',
  city: 'Leeds',
  postcode: 'LS1 4AP',
  companyNumber: '08123456',
  ownerId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  customFields: { Tier__c: 'Mid-Market' },
  createdAt: '2026-10-02T08:15:00.000Z',
  updatedAt: '2026-11-20T14:02:11.000Z',
};
