import { z } from 'zod';
import { Timestamp } from './common.ts';
import { FieldMapping, FieldMappingsInput } from './settings.ts';
import { CrmObjectKind, CrmMappingFields, CrmMappingScores, ScoreField, ScoredObject } from './crm-fields.ts';

export const FieldMappingView = z
  .object({
    crm: z.enum(['salesforce', 'hubspot']),
    objects: z.partialRecord(
      CrmObjectKind,
      z.object({
        crmObject: z.string().meta({ description: "The CRM's object, e.g. Lead or contacts" }),
        fields: z.record(z.string(), z.string().nullable()),
      }),
    ),
    scores: z.partialRecord(ScoredObject, z.record(ScoreField, z.string().nullable())),
    features: z.array(FieldMapping),
  })
  .meta({
    id: 'FieldMappingView',
    description:
      "Which CRM field feeds each of the suite's fields, where scores are written, and which custom fields feed features. Null: not read or written.",
  });
export type FieldMappingView = z.infer<typeof FieldMappingView>;

export const FieldMappingUpdate = z
  .strictObject({
    fields: CrmMappingFields.optional(),
    scores: CrmMappingScores.optional(),
    features: FieldMappingsInput.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'at least one of fields, scores, features')
  .meta({
    id: 'FieldMappingUpdate',
    description:
      'Changes to the mapping: each field given replaces its mapping (null stops reading or writing it); features, when given, replace the list',
  });
export type FieldMappingUpdate = z.infer<typeof FieldMappingUpdate>;

export const CrmConnectionState = z
  .enum(['not_connected', 'connected', 'reauthorization_required', 'paused', 'error'])
  .meta({ id: 'CrmConnectionState' });

export const CrmConnection = z
  .object({
    crm: z.enum(['salesforce', 'hubspot']),
    status: CrmConnectionState,
    message: z.string().meta({ description: 'What the status means for the admin, in plain words' }),
    authFlow: z.enum(['oauth', 'jwt']).nullable(),
    instanceUrl: z.string().nullable(),
    connectedAt: Timestamp.nullable(),
    lastSyncAt: Timestamp.nullable(),
    backfilledAt: Timestamp.nullable(),
    apiUsage: z.object({ used: z.number().int(), max: z.number().int() }).nullable(),
    pendingWriteBacks: z.number().int().min(0),
    failedWriteBacks: z.number().int().min(0),
  })
  .meta({ id: 'CrmConnection', description: "The tenant's link to its CRM" });
export type CrmConnection = z.infer<typeof CrmConnection>;

export const CrmUserEntry = z
  .object({
    crmUserId: z.string().meta({ description: "The CRM's id for the person (HubSpot owner id, Salesforce user id)" }),
    email: z.string(),
    name: z.string(),
    onRoster: z.boolean().meta({ description: 'Whether a roster user already carries this CRM user id' }),
  })
  .meta({ id: 'CrmUserEntry', description: 'A person who can own records in the CRM' });
export type CrmUserEntry = z.infer<typeof CrmUserEntry>;

export const CrmUserList = z.object({ data: z.array(CrmUserEntry) }).meta({ id: 'CrmUserList' });

export const crmUserListExample: z.infer<typeof CrmUserList> = {
  data: [
    { crmUserId: '4455', email: 'sam@acme.example', name: 'Sam Seller', onRoster: true },
    { crmUserId: '4456', email: 'ana@acme.example', name: 'Ana Admin', onRoster: false },
  ],
};

export const CrmAuthorizeLink = z
  .object({ authorizeUrl: z.url(), expiresAt: Timestamp })
  .meta({ id: 'CrmAuthorizeLink', description: "Open this URL in the admin's browser to authorise the app" });

export const SalesforceJwtConnect = z
  .strictObject({
    username: z.string().trim().min(3).max(255).meta({ description: 'The integration user, e.g. sdr@acme.com' }),
    loginUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({ description: 'A My Domain or sandbox login URL; the configured one when absent' }),
  })
  .meta({ id: 'SalesforceJwtConnect' });

/** One event of a HubSpot webhook delivery (up to 100 per request). */
export const HubSpotWebhookEvent = z
  .looseObject({
    eventId: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    subscriptionId: z.number().int().optional(),
    portalId: z.number().int().positive(),
    appId: z.number().int().optional(),
    occurredAt: z.number().int(),
    subscriptionType: z.string().min(1).max(200),
    attemptNumber: z.number().int().min(0).optional(),
    objectId: z.number().int().optional(),
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().optional(),
    changeSource: z.string().optional(),
    /** Merge events: the records merged away, the surviving one and, for contacts, the id the merge created. */
    mergedObjectIds: z.array(z.number().int()).optional(),
    primaryObjectId: z.number().int().optional(),
    newObjectId: z.number().int().optional(),
  })
  .meta({ id: 'HubSpotWebhookEvent' });
export const HubSpotWebhookBatch = z
  .array(HubSpotWebhookEvent)
  .min(1)
  .max(100)
  .meta({ id: 'HubSpotWebhookBatch', description: 'One webhook delivery: 1 to 100 events' });

export const crmConnectionExample: CrmConnection = {
  crm: 'salesforce',
  status: 'connected',
  message: 'Connected; last sync 2 minutes ago.',
  authFlow: 'oauth',
  instanceUrl: 'https://acme.my.salesforce.com',
  connectedAt: '2026-11-20T10:00:00.000Z',
  lastSyncAt: '2026-11-24T09:28:00.000Z',
  backfilledAt: '2026-11-20T10:09:12.000Z',
  apiUsage: { used: 1840, max: 100000 },
  pendingWriteBacks: 0,
  failedWriteBacks: 0,
};

export const fieldMappingUpdateExample: FieldMappingUpdate = {
  fields: { lead: { source: 'Lead_Source_Detail__c', language: 'Preferred_Language__c' } },
  scores: { deal: { ev: null } },
};
