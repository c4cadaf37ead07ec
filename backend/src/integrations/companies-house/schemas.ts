/**
 * The Companies House Public Data API's answers, as far as this service reads them. Objects are loose (fields the
 * API adds later pass through untouched) and fields the API documents as optional are optional; what a reader
 * relies on (names, numbers, statuses, ISO dates) is checked, so a broken answer fails here instead of becoming a
 * wrong fact. Lists default to empty where the API leaves them out when there is nothing to list.
 *
 * Field names are the API's own (snake_case), so the API reference reads straight onto these types:
 * https://developer-specs.company-information.service.gov.uk/companies-house-public-data-api/reference
 */
import { z } from 'zod';

const IsoDate = z.iso.date();
// Some day/month fields come as strings in one answer and numbers in another.
const NumberLike = z.union([z.number(), z.string()]);

export const Address = z.looseObject({
  premises: z.string().optional(),
  address_line_1: z.string().optional(),
  address_line_2: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string().optional(),
  care_of: z.string().optional(),
  po_box: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

// ---- Company profile: GET /company/{company_number} ----

export const CompanyProfile = z.looseObject({
  company_name: z.string().min(1),
  company_number: z.string().min(1),
  /** `active`, `dissolved`, `liquidation`, `administration`, `receivership`, `voluntary-arrangement`,
   * `converted-closed`, `insolvency-proceedings`, `registered`, `removed`, `closed`, `open`… (api-enumerations). */
  company_status: z.string().min(1),
  /** e.g. `active-proposal-to-strike-off`, `transferred-from-uk`. */
  company_status_detail: z.string().optional(),
  /** Documented as required, but absent on some overseas entities. */
  date_of_creation: IsoDate.optional(),
  date_of_cessation: IsoDate.optional(),
  /** `ltd`, `plc`, `llp`, `private-unlimited`, `oversea-company`… */
  type: z.string().min(1),
  /** `england-wales`, `scotland`, `northern-ireland`, `wales`, `united-kingdom`… */
  jurisdiction: z.string().optional(),
  sic_codes: z.array(z.string()).default([]),
  registered_office_address: Address.optional(),
  accounts: z
    .looseObject({
      next_due: IsoDate.optional(),
      next_made_up_to: IsoDate.optional(),
      overdue: z.boolean().optional(),
      accounting_reference_date: z.looseObject({ day: NumberLike, month: NumberLike }).optional(),
      last_accounts: z
        .looseObject({
          made_up_to: IsoDate.optional(),
          period_start_on: IsoDate.optional(),
          period_end_on: IsoDate.optional(),
          /** `full`, `group`, `small`, `micro-entity`, `dormant`, `null` (none filed)… */
          type: z.string().optional(),
        })
        .optional(),
      next_accounts: z
        .looseObject({
          due_on: IsoDate.optional(),
          overdue: z.boolean().optional(),
          period_start_on: IsoDate.optional(),
          period_end_on: IsoDate.optional(),
        })
        .optional(),
    })
    .optional(),
  confirmation_statement: z
    .looseObject({
      next_due: IsoDate.optional(),
      next_made_up_to: IsoDate.optional(),
      last_made_up_to: IsoDate.optional(),
      overdue: z.boolean().optional(),
    })
    .optional(),
  has_charges: z.boolean().default(false),
  has_insolvency_history: z.boolean().default(false),
  has_been_liquidated: z.boolean().optional(),
  registered_office_is_in_dispute: z.boolean().optional(),
  undeliverable_registered_office_address: z.boolean().optional(),
  previous_company_names: z
    .array(z.looseObject({ name: z.string(), effective_from: IsoDate.optional(), ceased_on: IsoDate.optional() }))
    .default([]),
  links: z
    .looseObject({
      self: z.string().optional(),
      officers: z.string().optional(),
      filing_history: z.string().optional(),
      charges: z.string().optional(),
      insolvency: z.string().optional(),
      persons_with_significant_control: z.string().optional(),
      persons_with_significant_control_statements: z.string().optional(),
    })
    .optional(),
  etag: z.string().optional(),
});
export type CompanyProfile = z.infer<typeof CompanyProfile>;

// ---- Search: GET /search/companies ----

export const CompanySearchItem = z.looseObject({
  company_number: z.string().min(1),
  title: z.string(),
  company_status: z.string().optional(),
  company_type: z.string().optional(),
  date_of_creation: IsoDate.optional(),
  date_of_cessation: IsoDate.optional(),
  address: Address.optional(),
  address_snippet: z.string().optional(),
  description: z.string().optional(),
  description_identifier: z.array(z.string()).optional(),
  snippet: z.string().optional(),
  links: z.looseObject({ self: z.string().optional() }).optional(),
  kind: z.string().optional(),
});
export type CompanySearchItem = z.infer<typeof CompanySearchItem>;

export const CompanySearchResult = z.looseObject({
  items: z.array(CompanySearchItem).default([]),
  total_results: z.number().int().min(0).optional(),
  items_per_page: z.number().int().min(0).optional(),
  start_index: z.number().int().min(0).optional(),
  page_number: z.number().int().optional(),
  kind: z.string().optional(),
});
export type CompanySearchResult = z.infer<typeof CompanySearchResult>;

// ---- Officers: GET /company/{company_number}/officers ----

export const Officer = z.looseObject({
  /** Surname first for people ("FRAY, Shelley Ann"); a company name for corporate officers. */
  name: z.string().min(1),
  /** `director`, `secretary`, `llp-member`, `corporate-director`, `llp-designated-member`… */
  officer_role: z.string().min(1),
  /** Absent for appointments made before the register's records begin (see `appointed_before`). */
  appointed_on: IsoDate.optional(),
  appointed_before: IsoDate.optional(),
  resigned_on: IsoDate.optional(),
  nationality: z.string().optional(),
  occupation: z.string().optional(),
  country_of_residence: z.string().optional(),
  date_of_birth: z.looseObject({ month: z.number().int().optional(), year: z.number().int() }).optional(),
  address: Address.optional(),
  links: z
    .looseObject({
      self: z.string().optional(),
      officer: z.looseObject({ appointments: z.string().optional() }).optional(),
    })
    .optional(),
});
export type Officer = z.infer<typeof Officer>;

export const OfficerList = z.looseObject({
  items: z.array(Officer).default([]),
  total_results: z.number().int().min(0).optional(),
  active_count: z.number().int().min(0).optional(),
  resigned_count: z.number().int().min(0).optional(),
  inactive_count: z.number().int().min(0).optional(),
  items_per_page: z.number().int().min(0).optional(),
  start_index: z.number().int().min(0).optional(),
  etag: z.string().optional(),
  kind: z.string().optional(),
});
export type OfficerList = z.infer<typeof OfficerList>;

// ---- Persons with significant control: GET /company/{company_number}/persons-with-significant-control ----

export const PersonWithSignificantControl = z.looseObject({
  /** Absent for super-secure PSCs, whose details are withheld. */
  name: z.string().optional(),
  /** `individual-person-with-significant-control`, `corporate-entity-person-with-significant-control`,
   * `legal-person-person-with-significant-control`, `super-secure-person-with-significant-control`… */
  kind: z.string().min(1),
  /** `ownership-of-shares-75-to-100-percent`, `voting-rights-25-to-50-percent`,
   * `right-to-appoint-and-remove-directors`… */
  natures_of_control: z.array(z.string()).default([]),
  notified_on: IsoDate.optional(),
  ceased_on: IsoDate.optional(),
  ceased: z.boolean().optional(),
  nationality: z.string().optional(),
  country_of_residence: z.string().optional(),
  address: Address.optional(),
  identification: z.looseObject({}).optional(),
  links: z.looseObject({ self: z.string().optional() }).optional(),
  etag: z.string().optional(),
});
export type PersonWithSignificantControl = z.infer<typeof PersonWithSignificantControl>;

export const PscList = z.looseObject({
  items: z.array(PersonWithSignificantControl).default([]),
  total_results: z.number().int().min(0).optional(),
  active_count: z.number().int().min(0).optional(),
  ceased_count: z.number().int().min(0).optional(),
  items_per_page: z.number().int().min(0).optional(),
  start_index: z.number().int().min(0).optional(),
  links: z.looseObject({}).optional(),
});
export type PscList = z.infer<typeof PscList>;

// ---- Filing history: GET /company/{company_number}/filing-history ----

export const FilingHistoryItem = z.looseObject({
  date: IsoDate,
  /** `accounts`, `confirmation-statement`, `officers`, `address`, `capital`, `mortgage`, `insolvency`,
   * `incorporation`, `gazette`, `resolution`… */
  category: z.string().min(1),
  /** The form: `AA`, `CS01`, `AP01`, `TM01`, `AD01`, `MR01`… */
  type: z.string().optional(),
  /** A key into the api-enumerations `filing_history_descriptions`, filled in from `description_values`. */
  description: z.string(),
  description_values: z.record(z.string(), z.unknown()).optional(),
  subcategory: z.union([z.string(), z.array(z.string())]).optional(),
  action_date: IsoDate.optional(),
  pages: z.number().int().optional(),
  barcode: z.string().optional(),
  transaction_id: z.string().optional(),
  links: z.looseObject({ self: z.string().optional(), document_metadata: z.string().optional() }).optional(),
});
export type FilingHistoryItem = z.infer<typeof FilingHistoryItem>;

export const FilingHistoryList = z.looseObject({
  items: z.array(FilingHistoryItem).default([]),
  total_count: z.number().int().min(0).optional(),
  items_per_page: z.number().int().min(0).optional(),
  start_index: z.number().int().min(0).optional(),
  filing_history_status: z.string().optional(),
});
export type FilingHistoryList = z.infer<typeof FilingHistoryList>;

/** The categories `filingHistory` can filter on (the API's `category` parameter). */
export const FILING_CATEGORIES = [
  'accounts',
  'address',
  'annual-return',
  'capital',
  'change-of-name',
  'confirmation-statement',
  'incorporation',
  'liquidation',
  'miscellaneous',
  'mortgage',
  'officers',
  'resolution',
] as const;
export type FilingCategory = (typeof FILING_CATEGORIES)[number];

// ---- Charges: GET /company/{company_number}/charges ----

export const Charge = z.looseObject({
  /** `outstanding`, `fully-satisfied`, `part-satisfied`, `satisfied`. */
  status: z.string().min(1),
  created_on: IsoDate.optional(),
  delivered_on: IsoDate.optional(),
  satisfied_on: IsoDate.optional(),
  classification: z.looseObject({ type: z.string().optional(), description: z.string() }),
  persons_entitled: z.array(z.looseObject({ name: z.string() })).default([]),
  more_than_four_persons_entitled: z.boolean().optional(),
  charge_code: z.string().optional(),
  charge_number: z.number().int().optional(),
  particulars: z.looseObject({ type: z.string().optional(), description: z.string().optional() }).optional(),
  transactions: z
    .array(
      z.looseObject({
        filing_type: z.string().optional(),
        delivered_on: IsoDate.optional(),
        links: z.looseObject({ filing: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  links: z.looseObject({ self: z.string().optional() }).optional(),
  etag: z.string().optional(),
});
export type Charge = z.infer<typeof Charge>;

export const ChargeList = z.looseObject({
  items: z.array(Charge).default([]),
  total_count: z.number().int().min(0).optional(),
  unfiltered_count: z.number().int().min(0).optional(),
  satisfied_count: z.number().int().min(0).optional(),
  part_satisfied_count: z.number().int().min(0).optional(),
  etag: z.string().optional(),
});
export type ChargeList = z.infer<typeof ChargeList>;

// ---- Insolvency: GET /company/{company_number}/insolvency ----

export const InsolvencyPractitioner = z.looseObject({
  name: z.string().min(1),
  /** `final-liquidator`, `receiver`, `receiver-manager`, `proposed-liquidator`, `provisional-liquidator`,
   * `administrative-receiver`, `practitioner`, `interim-liquidator`. */
  role: z.string().optional(),
  appointed_on: IsoDate.optional(),
  ceased_to_act_on: IsoDate.optional(),
  address: Address.optional(),
});
export type InsolvencyPractitioner = z.infer<typeof InsolvencyPractitioner>;

export const InsolvencyCase = z.looseObject({
  /** `compulsory-liquidation`, `creditors-voluntary-liquidation`, `members-voluntary-liquidation`,
   * `in-administration`, `corporate-voluntary-arrangement`, `administrative-receiver`, `receivership`,
   * `moratorium`… */
  type: z.string().min(1),
  /** A string in the API's answers ("1"); numbers are read as their text. */
  number: NumberLike.transform(String).optional(),
  /** Each date's `type`: `wound-up-on`, `petitioned-on`, `administration-started-on`, `concluded-winding-up-on`,
   * `due-to-be-dissolved-on`, `declaration-solvent-on`… Some cases have none yet. */
  dates: z.array(z.looseObject({ type: z.string().min(1), date: IsoDate })).default([]),
  practitioners: z.array(InsolvencyPractitioner).default([]),
  notes: z.array(z.string()).optional(),
  links: z.looseObject({ charge: z.string().optional() }).optional(),
});
export type InsolvencyCase = z.infer<typeof InsolvencyCase>;

export const CompanyInsolvency = z.looseObject({
  cases: z.array(InsolvencyCase).default([]),
  /** Documented as one string; the register also sends a list (`["liquidation"]`). */
  status: z.union([z.string(), z.array(z.string())]).optional(),
  etag: z.string().optional(),
});
export type CompanyInsolvency = z.infer<typeof CompanyInsolvency>;
