import type { ScoredObject, ScoreField } from '@sdr/shared';
import type { CrmObject } from './port.ts';

/**
 * Where the suite's fields live in each CRM's standard objects, and where scores are written. An admin overrides
 * any of these per tenant (`/v1/settings/field-mapping`); a field mapped to null is not read or written.
 */

export type ObjectFieldMap = Record<string, string | null>;

export interface CrmMapping {
  /** The CRM's name for each object, and the field that stamps its last change. */
  objects: Partial<Record<CrmObject, { name: string; modifiedField: string }>>;
  fields: Partial<Record<CrmObject, ObjectFieldMap>>;
  scores: Record<ScoredObject, Record<ScoreField, string | null>>;
}

const salesforceScores = {
  ev: 'SDR_EV_Score__c',
  evAmount: 'SDR_EV__c',
  risk: 'SDR_Risk__c',
  urgency: 'SDR_Urgency__c',
  reasons: 'SDR_Reasons__c',
  scoredAt: 'SDR_Scored_At__c',
};

export const SALESFORCE_MAPPING: CrmMapping = {
  objects: {
    company: { name: 'Account', modifiedField: 'SystemModstamp' },
    lead: { name: 'Lead', modifiedField: 'SystemModstamp' },
    contact: { name: 'Contact', modifiedField: 'SystemModstamp' },
    deal: { name: 'Opportunity', modifiedField: 'SystemModstamp' },
    activity: { name: 'Task', modifiedField: 'SystemModstamp' },
  },
  fields: {
    lead: {
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'Email',
      phone: 'Phone',
      title: 'Title',
      companyName: 'Company',
      source: 'LeadSource',
      status: 'Status',
      country: 'Country',
      region: 'State',
      language: null,
      owner: 'OwnerId',
      convertedAt: 'ConvertedDate',
      createdAt: 'CreatedDate',
      company: null,
      industry: 'Industry',
      employees: 'NumberOfEmployees',
      annualRevenue: 'AnnualRevenue',
      website: 'Website',
    },
    contact: {
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'Email',
      phone: 'Phone',
      title: 'Title',
      companyName: null,
      source: 'LeadSource',
      status: null,
      country: 'MailingCountry',
      region: 'MailingState',
      language: null,
      owner: 'OwnerId',
      convertedAt: null,
      createdAt: 'CreatedDate',
      company: 'AccountId',
    },
    company: {
      name: 'Name',
      website: 'Website',
      industry: 'Industry',
      employees: 'NumberOfEmployees',
      annualRevenue: 'AnnualRevenue',
      country: 'BillingCountry',
      region: 'BillingState',
      city: 'BillingCity',
      postcode: 'BillingPostalCode',
      owner: 'OwnerId',
    },
    deal: {
      name: 'Name',
      stage: 'StageName',
      amount: 'Amount',
      currency: null,
      closeDate: 'CloseDate',
      isClosed: 'IsClosed',
      isWon: 'IsWon',
      owner: 'OwnerId',
      company: 'AccountId',
      contact: 'ContactId',
      createdAt: 'CreatedDate',
    },
    activity: {
      type: 'TaskSubtype',
      subject: 'Subject',
      direction: 'CallType',
      outcome: 'CallDisposition',
      occurredAt: 'CreatedDate',
      who: 'WhoId',
    },
  },
  scores: { lead: salesforceScores, contact: salesforceScores, deal: salesforceScores },
};

const hubspotScores = {
  ev: 'sdr_ev',
  evAmount: 'sdr_ev_amount',
  risk: 'sdr_risk',
  urgency: 'sdr_urgency',
  reasons: 'sdr_reasons',
  scoredAt: 'sdr_scored_at',
};

/** HubSpot has no separate lead object in the sync: contacts are the people SDRs work. */
export const HUBSPOT_MAPPING: CrmMapping = {
  objects: {
    company: { name: 'companies', modifiedField: 'hs_lastmodifieddate' },
    contact: { name: 'contacts', modifiedField: 'lastmodifieddate' },
    deal: { name: 'deals', modifiedField: 'hs_lastmodifieddate' },
    // Calls, e-mails and meetings, read as one kind of record (see the HubSpot adapter).
    activity: { name: 'engagements', modifiedField: 'hs_lastmodifieddate' },
  },
  fields: {
    contact: {
      firstName: 'firstname',
      lastName: 'lastname',
      email: 'email',
      phone: 'phone',
      title: 'jobtitle',
      companyName: 'company',
      source: 'hs_analytics_source',
      status: 'hs_lead_status',
      country: 'country',
      region: 'state',
      language: 'hs_language',
      owner: 'hubspot_owner_id',
      convertedAt: 'hs_lifecyclestage_opportunity_date',
      createdAt: 'createdate',
      company: 'associatedcompanyid',
    },
    company: {
      name: 'name',
      website: 'domain',
      industry: 'industry',
      employees: 'numberofemployees',
      annualRevenue: 'annualrevenue',
      country: 'country',
      region: 'state',
      city: 'city',
      postcode: 'zip',
      owner: 'hubspot_owner_id',
    },
    deal: {
      name: 'dealname',
      stage: 'dealstage',
      amount: 'amount',
      currency: 'deal_currency_code',
      closeDate: 'closedate',
      isClosed: 'hs_is_closed',
      isWon: 'hs_is_closed_won',
      owner: 'hubspot_owner_id',
      company: null,
      contact: null,
      createdAt: 'createdate',
    },
    // The touch is linked to its contacts by association, not by a field.
    activity: {
      type: 'type',
      subject: 'subject',
      direction: 'direction',
      outcome: 'outcome',
      occurredAt: 'hs_timestamp',
      who: null,
    },
  },
  scores: { lead: hubspotScores, contact: hubspotScores, deal: hubspotScores },
};

export const DEFAULT_MAPPINGS = { salesforce: SALESFORCE_MAPPING, hubspot: HUBSPOT_MAPPING } as const;
