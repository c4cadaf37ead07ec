import { z } from 'zod';

/** Identifier of a record inside a tenant (server-generated UUIDs, or the CRM's own ids for crmId fields). */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Free text from a person or a CRM: trimmed and bounded; NUL, which PostgreSQL text cannot hold, is refused. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters');

/** Id of a record in the CRM (Salesforce 15/18-char ids, HubSpot numeric ids, ...). */
export const CrmId = z.string().trim().min(1).max(255);

/** An instant in ISO 8601 with an offset, e.g. 2026-11-24T09:30:00.000Z. */
export const Timestamp = z.iso.datetime({ offset: true });

/** ISO 4217 currency code. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
  .meta({ example: 'USD' });

export const Money = z
  .object({ amount: z.number().finite(), currency: Currency })
  .meta({ id: 'Money', description: 'An amount of money in a currency' });
export type Money = z.infer<typeof Money>;

/** Values a CRM custom field can take once flattened: the admin maps them to features. */
export const CustomFieldValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);
export const CustomFields = z
  .record(z.string().min(1).max(255), CustomFieldValue)
  .refine((fields) => Object.keys(fields).length <= 500, 'at most 500 custom fields')
  .meta({ id: 'CustomFields', description: 'CRM custom fields by API name' });
export type CustomFields = z.infer<typeof CustomFields>;

/** An entry of a problem's `errors`: which field was wrong and why. */
export const FieldError = z
  .object({
    field: z.string().meta({ description: 'Path of the field, e.g. `body.leads.3.email` or `query.cursor`' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as returned with `application/problem+json` for every error. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;

/** Opaque cursor for keyset pagination; only ever built by the server. */
export const Cursor = z.string().min(1).max(1024);

export const PageLimit = z.coerce.number().int().min(1).max(200).default(50);

/** A page of results with the cursor of the next page (null on the last page). */
export function page<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ data: z.array(item), nextCursor: Cursor.nullable() })
    .meta({ id: name, description: `A page of ${name.replace(/Page$/, '')} records` });
}

export const IdParams = z.strictObject({ id: Id });
