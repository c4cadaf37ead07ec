import { z } from 'zod';
import { Id } from './common.ts';

const TenantName = z.string().trim().min(1).max(200).meta({ description: "The org's or portal's name, for people" });
const CurrentApiKey = z.string().min(1).max(200).optional().meta({
  description:
    'For an org or portal already registered: one of its current API keys, proving the caller speaks for it (registering it again issues a fresh key)',
});

/** An org or portal asking to become a tenant; its id's shape depends on the CRM, so a typo is caught here. */
export const TenantRegistration = z
  .discriminatedUnion('crm', [
    z.strictObject({
      crm: z.literal('salesforce'),
      externalId: z
        .string()
        .regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'a Salesforce org id: 00D followed by 12 or 15 characters'),
      name: TenantName,
      currentApiKey: CurrentApiKey,
    }),
    z.strictObject({
      crm: z.literal('hubspot'),
      externalId: z.string().regex(/^\d{1,12}$/, 'a HubSpot portal id: digits'),
      name: TenantName,
      currentApiKey: CurrentApiKey,
    }),
  ])
  .meta({
    id: 'TenantRegistration',
    description: 'A Salesforce org (its org id) or a HubSpot portal (its portal id) to serve',
  });
export type TenantRegistration = z.infer<typeof TenantRegistration>;

export const TenantRegistered = z
  .object({
    tenantId: Id,
    apiKey: z.string().meta({ description: 'Shown once: store it in the CRM (the External Credential in Salesforce)' }),
    created: z
      .boolean()
      .meta({ description: 'False when the org or portal was already a tenant: a new key was issued' }),
  })
  .meta({ id: 'TenantRegistered' });
export type TenantRegistered = z.infer<typeof TenantRegistered>;

export const tenantRegistrationExample: TenantRegistration = {
  crm: 'salesforce',
  externalId: '00D5g000004ACMEEA2',
  name: 'Acme Logistics',
};
