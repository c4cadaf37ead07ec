import { defineFieldFromSpec } from './schema.ts';
import type { FieldDefinition, FieldSpec, ObjectSpec } from './schema.ts';

/**
 * The standard objects the product reads and writes, with the fields (and picklist values) of a new Enterprise
 * Edition org: enough for SOQL, describe-driven field mapping and validation to behave as they do there.
 */

type Extra = Omit<FieldSpec, 'name' | 'type'> & Partial<FieldDefinition>;

const SPEC_KEYS = new Set([
  'label',
  'length',
  'precision',
  'scale',
  'required',
  'createable',
  'updateable',
  'defaultValue',
  'picklistValues',
  'restrictedPicklist',
  'referenceTo',
  'relationshipName',
  'externalId',
  'unique',
  'inlineHelpText',
]);

function field(name: string, type: FieldSpec['type'], extra: Extra = {}): FieldDefinition {
  const spec: FieldSpec = { name, type };
  const overrides: Partial<FieldDefinition> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) Object.assign(SPEC_KEYS.has(key) ? spec : overrides, { [key]: value });
  }
  return defineFieldFromSpec(spec, overrides);
}

const READ_ONLY = { createable: false, updateable: false } as const;
const SYSTEM = { ...READ_ONLY, required: true, defaultedOnCreate: true } as const;

function head(label: string, withIsDeleted: boolean): FieldDefinition[] {
  return [
    field('Id', 'id', { ...SYSTEM, label: `${label} ID`, idLookup: true }),
    ...(withIsDeleted ? [field('IsDeleted', 'boolean', { ...READ_ONLY, label: 'Deleted' })] : []),
  ];
}

function audit(withOwner: boolean): FieldDefinition[] {
  return [
    ...(withOwner
      ? [
          field('OwnerId', 'reference', {
            label: 'Owner ID',
            referenceTo: ['User'],
            relationshipName: 'Owner',
            required: true,
            defaultedOnCreate: true,
          }),
        ]
      : []),
    field('CreatedDate', 'datetime', { ...SYSTEM, label: 'Created Date' }),
    field('CreatedById', 'reference', {
      ...SYSTEM,
      label: 'Created By ID',
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
    }),
    field('LastModifiedDate', 'datetime', { ...SYSTEM, label: 'Last Modified Date' }),
    field('LastModifiedById', 'reference', {
      ...SYSTEM,
      label: 'Last Modified By ID',
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
    }),
    field('SystemModstamp', 'datetime', { ...SYSTEM, label: 'System Modstamp' }),
  ];
}

const lastActivityDate = () => field('LastActivityDate', 'date', { ...READ_ONLY, label: 'Last Activity' });

const nameParts = () => [
  field('LastName', 'string', { length: 80, required: true, label: 'Last Name' }),
  field('FirstName', 'string', { length: 40, label: 'First Name' }),
  field('Salutation', 'picklist', { length: 40, picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] }),
  field('Name', 'string', { ...READ_ONLY, length: 121, label: 'Full Name', nameField: true, required: true }),
];

const INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const RATINGS = ['Hot', 'Warm', 'Cold'];
export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

const address = (prefix: string) => [
  field(`${prefix}Street`, 'textarea', { label: `${prefix} Street` }),
  field(`${prefix}City`, 'string', { length: 40, label: `${prefix} City` }),
  field(`${prefix}State`, 'string', { length: 80, label: `${prefix} State/Province` }),
  field(`${prefix}PostalCode`, 'string', { length: 20, label: `${prefix} Zip/Postal Code` }),
  field(`${prefix}Country`, 'string', { length: 80, label: `${prefix} Country` }),
];

const lead: ObjectSpec = {
  name: 'Lead',
  label: 'Lead',
  labelPlural: 'Leads',
  keyPrefix: '00Q',
  kind: 'sobject',
  fields: [
    ...head('Lead', true),
    ...nameParts(),
    field('Title', 'string', { length: 128 }),
    field('Company', 'string', { required: true }),
    ...address('').map((f) => ({ ...f, label: f.label.trim() })),
    field('Phone', 'phone', { label: 'Phone' }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('Email', 'email'),
    field('Website', 'url'),
    field('Description', 'textarea', { length: 32000 }),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('Status', 'picklist', {
      required: true,
      defaultValue: 'Open - Not Contacted',
      picklistValues: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
    }),
    field('Industry', 'picklist', { picklistValues: INDUSTRIES }),
    field('Rating', 'picklist', { picklistValues: RATINGS }),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('IsConverted', 'boolean', { ...READ_ONLY, label: 'Converted' }),
    field('ConvertedDate', 'date', { ...READ_ONLY, label: 'Converted Date' }),
    field('ConvertedAccountId', 'reference', { ...READ_ONLY, referenceTo: ['Account'] }),
    field('ConvertedContactId', 'reference', { ...READ_ONLY, referenceTo: ['Contact'] }),
    field('ConvertedOpportunityId', 'reference', { ...READ_ONLY, referenceTo: ['Opportunity'] }),
    field('IsUnreadByOwner', 'boolean', { label: 'Unread By Owner' }),
    ...audit(true),
    lastActivityDate(),
  ],
};

const contact: ObjectSpec = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  kind: 'sobject',
  fields: [
    ...head('Contact', true),
    field('AccountId', 'reference', { label: 'Account ID', referenceTo: ['Account'] }),
    ...nameParts(),
    ...address('Mailing'),
    field('Phone', 'phone', { label: 'Business Phone' }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('Email', 'email'),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('Description', 'textarea', { length: 32000 }),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean', { label: 'Do Not Call' }),
    ...audit(true),
    lastActivityDate(),
  ],
};

const account: ObjectSpec = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  kind: 'sobject',
  fields: [
    ...head('Account', true),
    field('Name', 'string', { required: true, label: 'Account Name', nameField: true }),
    field('Type', 'picklist', {
      label: 'Account Type',
      picklistValues: [
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other',
      ],
    }),
    field('ParentId', 'reference', { label: 'Parent Account ID', referenceTo: ['Account'] }),
    ...address('Billing'),
    field('Phone', 'phone', { label: 'Account Phone' }),
    field('Website', 'url'),
    field('Industry', 'picklist', { picklistValues: INDUSTRIES }),
    field('Rating', 'picklist', { label: 'Account Rating', picklistValues: RATINGS }),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('Description', 'textarea', { length: 32000, label: 'Account Description' }),
    ...audit(true),
    lastActivityDate(),
  ],
};

const opportunity: ObjectSpec = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  kind: 'sobject',
  fields: [
    ...head('Opportunity', true),
    field('AccountId', 'reference', { label: 'Account ID', referenceTo: ['Account'] }),
    field('Name', 'string', { length: 120, required: true, nameField: true }),
    field('Description', 'textarea', { length: 32000 }),
    field('StageName', 'picklist', { label: 'Stage', length: 40, required: true, picklistValues: OPPORTUNITY_STAGES }),
    field('Amount', 'currency'),
    field('Probability', 'percent', { label: 'Probability (%)' }),
    field('CloseDate', 'date', { label: 'Close Date', required: true }),
    field('Type', 'picklist', {
      label: 'Opportunity Type',
      picklistValues: [
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer',
      ],
    }),
    field('NextStep', 'string', { label: 'Next Step' }),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('IsClosed', 'boolean', { ...READ_ONLY, label: 'Closed', calculated: true }),
    field('IsWon', 'boolean', { ...READ_ONLY, label: 'Won', calculated: true }),
    field('ContactId', 'reference', { label: 'Contact ID', referenceTo: ['Contact'] }),
    ...audit(true),
    lastActivityDate(),
  ],
};

const task: ObjectSpec = {
  name: 'Task',
  label: 'Task',
  labelPlural: 'Tasks',
  keyPrefix: '00T',
  kind: 'sobject',
  fields: [
    ...head('Activity', true),
    field('WhoId', 'reference', { label: 'Name ID', referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
    field('WhatId', 'reference', {
      label: 'Related To ID',
      referenceTo: ['Account', 'Opportunity'],
      relationshipName: 'What',
    }),
    field('Subject', 'combobox', { picklistValues: ['Call', 'Send Letter', 'Send Quote', 'Other'] }),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('Status', 'picklist', {
      length: 40,
      required: true,
      defaultValue: 'Not Started',
      picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
    }),
    field('Priority', 'picklist', {
      length: 40,
      required: true,
      defaultValue: 'Normal',
      picklistValues: ['High', 'Normal', 'Low'],
    }),
    field('IsHighPriority', 'boolean', { ...READ_ONLY, label: 'High Priority', calculated: true }),
    field('Description', 'textarea', { length: 32000, label: 'Comments' }),
    field('Type', 'picklist', { length: 40, picklistValues: ['Call', 'Email', 'Meeting', 'Other'] }),
    field('IsClosed', 'boolean', { ...READ_ONLY, label: 'Closed', calculated: true }),
    field('TaskSubtype', 'picklist', { updateable: false, length: 40, picklistValues: ['Task', 'Email', 'Call'] }),
    field('CallDurationInSeconds', 'int', { label: 'Call Duration', precision: 8 }),
    field('CallType', 'picklist', { length: 40, picklistValues: ['Internal', 'Inbound', 'Outbound'] }),
    field('CallDisposition', 'string', { label: 'Call Result' }),
    field('CallObject', 'string', { label: 'Call Object Identifier' }),
    field('CompletedDateTime', 'datetime', { ...READ_ONLY, label: 'Completed Date/Time' }),
    ...audit(true),
  ],
};

const user: ObjectSpec = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  kind: 'sobject',
  deletable: false,
  fields: [
    ...head('User', false),
    field('Username', 'string', { length: 80, required: true, unique: true, idLookup: true }),
    ...nameParts().filter((f) => f.name !== 'Salutation'),
    field('CompanyName', 'string', { length: 80, label: 'Company Name' }),
    field('Department', 'string', { length: 80 }),
    field('Title', 'string', { length: 80 }),
    field('Email', 'email', { length: 128, required: true }),
    field('Alias', 'string', { length: 8, required: true }),
    field('IsActive', 'boolean', { label: 'Active', defaultValue: true }),
    field('TimeZoneSidKey', 'picklist', {
      length: 40,
      label: 'Time Zone',
      required: true,
      defaultValue: 'America/Los_Angeles',
      picklistValues: ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'GMT'],
    }),
    field('LocaleSidKey', 'picklist', {
      length: 40,
      label: 'Locale',
      required: true,
      defaultValue: 'en_US',
      picklistValues: ['en_US', 'en_GB', 'fr_FR', 'de_DE'],
    }),
    field('LanguageLocaleKey', 'picklist', {
      length: 40,
      label: 'Language',
      required: true,
      defaultValue: 'en_US',
      picklistValues: ['en_US', 'fr', 'de'],
    }),
    field('EmailEncodingKey', 'picklist', {
      length: 40,
      label: 'Email Encoding',
      required: true,
      defaultValue: 'UTF-8',
      picklistValues: ['UTF-8', 'ISO-8859-1'],
    }),
    field('ManagerId', 'reference', { label: 'Manager ID', referenceTo: ['User'] }),
    ...audit(false),
  ],
};

export const CALL_EVENT = 'SDR_Call_Event__e';

const callEvent: ObjectSpec = {
  name: CALL_EVENT,
  label: 'SDR Call Event',
  labelPlural: 'SDR Call Events',
  keyPrefix: 'e00',
  kind: 'platformEvent',
  deletable: false,
  fields: [
    ...head('SDR Call Event', false),
    field('ReplayId', 'string', { ...READ_ONLY, label: 'Replay ID' }),
    field('EventUuid', 'string', { ...READ_ONLY, length: 36, label: 'Event UUID' }),
    field('CreatedDate', 'datetime', { ...SYSTEM, label: 'Created Date' }),
    field('CreatedById', 'reference', {
      ...SYSTEM,
      label: 'Created By ID',
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
    }),
    field('Call_Id__c', 'string', { label: 'Call ID' }),
    field('Record_Id__c', 'string', { length: 18, label: 'Record ID' }),
    field('Event_Type__c', 'string', { length: 80, label: 'Event Type' }),
    field('Payload__c', 'textarea', { length: 131072, label: 'Payload' }),
  ],
};

/** The fields the product writes its scores into, on each object it scores. */
export const SCORE_FIELDS: FieldSpec[] = [
  { name: 'SDR_EV__c', type: 'currency', label: 'SDR EV', precision: 16, scale: 2 },
  { name: 'SDR_EV_Score__c', type: 'double', label: 'SDR EV Score', precision: 5, scale: 2 },
  { name: 'SDR_Risk__c', type: 'double', label: 'SDR Risk', precision: 5, scale: 2 },
  { name: 'SDR_Urgency__c', type: 'double', label: 'SDR Urgency', precision: 5, scale: 2 },
  { name: 'SDR_Reasons__c', type: 'textarea', label: 'SDR Reasons', length: 32768 },
  { name: 'SDR_Scored_At__c', type: 'datetime', label: 'SDR Scored At' },
];
export const SCORED_OBJECTS = ['Lead', 'Contact', 'Account', 'Opportunity'];

export function standardObjects(): ObjectSpec[] {
  return [lead, contact, account, opportunity, task, user, callEvent].map((o) => ({ ...o, fields: [...o.fields] }));
}
