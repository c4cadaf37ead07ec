import { z } from 'zod';
import { CrmId, Cursor, Id, Money, page, PageLimit, Timestamp } from './common.ts';

export const Opportunity = z
  .object({
    id: Id,
    crmId: CrmId.nullable(),
    name: z.string(),
    leadId: Id.nullable().meta({ description: 'The lead the opportunity came from, when known' }),
    companyId: Id.nullable(),
    ownerId: Id.nullable(),
    stage: z.string().meta({ description: "The CRM's stage name, as configured in the org or portal" }),
    amount: Money.nullable(),
    // A CRM close date is a calendar day with no time or zone, so it is not a Timestamp.
    closeDate: z.iso.date().nullable().meta({ description: 'Expected or actual close date (YYYY-MM-DD)' }),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    competitors: z.array(z.string()).meta({ description: 'Competitors named on the deal' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Opportunity', description: 'An opportunity (Salesforce) or deal (HubSpot) as synced from the CRM' });
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityListQuery = z.strictObject({
  limit: PageLimit,
  cursor: Cursor.optional(),
  crmId: CrmId.optional().meta({
    description: 'The deal synced from this CRM record (a Salesforce Opportunity or HubSpot deal id)',
  }),
  leadId: Id.optional(),
  companyId: Id.optional(),
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'true: only deals not yet closed; false: only closed ones' }),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const OpportunityPage = page(Opportunity, 'OpportunityPage');

export const opportunityExample: Opportunity = {
  id: '3e9a7b41-5c2d-4f80-9e16-b7d4a0c8f255',
  crmId: '0065g00000LmNoPAAV',
  name: 'Northwind Logistics - Fleet Tracking (140 vans)',
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  companyId: '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10',
  ownerId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  stage: 'Discovery',
  amount: { amount: 38000, currency: 'GBP' },
  closeDate: '2027-02-26',
  isClosed: false,
  isWon: false,
  competitors: ['Trakwell Telematics'],
  createdAt: '2026-11-21T09:12:00.000Z',
  updatedAt: '2026-11-23T16:40:05.000Z',
};
