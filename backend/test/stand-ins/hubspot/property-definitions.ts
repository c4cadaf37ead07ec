import type { ObjectType } from './object-types.ts';

// The shapes of HubSpot's v3 property and property group definitions.

export interface PropertyOption {
  label: string;
  value: string;
  description?: string;
  displayOrder: number;
  hidden: boolean;
}

export interface ModificationMetadata {
  archivable: boolean;
  readOnlyDefinition: boolean;
  readOnlyValue: boolean;
  readOnlyOptions?: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  hasUniqueValue: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined?: boolean;
  showCurrencySymbol?: boolean;
  referencedObjectType?: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  modificationMetadata: ModificationMetadata;
}

export interface PropertyGroupDefinition {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] as const;
export const FIELD_TYPES = [
  'textarea',
  'text',
  'date',
  'file',
  'number',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'calculation_equation',
  'html',
  'phonenumber',
] as const;

type Spec = {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: Array<[value: string, label: string]>;
  readOnlyValue?: boolean;
  hasUniqueValue?: boolean;
  externalOptions?: boolean;
  referencedObjectType?: string;
  showCurrencySymbol?: boolean;
  formField?: boolean;
};

const text = (name: string, label: string, groupName: string, extra: Partial<Spec> = {}): Spec => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName,
  ...extra,
});
const enumeration = (
  name: string,
  label: string,
  groupName: string,
  options: Array<[string, string]>,
  fieldType = 'radio',
): Spec => ({ name, label, type: 'enumeration', fieldType, groupName, options });
const datetime = (name: string, label: string, groupName: string, readOnlyValue = false): Spec => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  groupName,
  readOnlyValue,
});
const number = (name: string, label: string, groupName: string, extra: Partial<Spec> = {}): Spec => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  groupName,
  ...extra,
});

const objectId = (groupName: string): Spec =>
  number('hs_object_id', 'Record ID', groupName, {
    description: "The unique ID for this record. This value is set automatically by HubSpot and can't be modified.",
    readOnlyValue: true,
    hasUniqueValue: true,
    formField: false,
  });
const owner = (groupName: string): Spec => ({
  name: 'hubspot_owner_id',
  label: 'Owner',
  type: 'enumeration',
  fieldType: 'select',
  groupName,
  externalOptions: true,
  referencedObjectType: 'OWNER',
});

const LIFECYCLE_STAGES: Array<[string, string]> = [
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
];

const LEAD_STATUSES: Array<[string, string]> = [
  ['NEW', 'New'],
  ['OPEN', 'Open'],
  ['IN_PROGRESS', 'In Progress'],
  ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'],
  ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'],
  ['CONNECTED', 'Connected'],
  ['BAD_TIMING', 'Bad Timing'],
];

// A common subset of the company industry values (HubSpot's list is longer).
const INDUSTRIES: Array<[string, string]> = [
  'ACCOUNTING',
  'AIRLINES_AVIATION',
  'APPAREL_FASHION',
  'AUTOMOTIVE',
  'BANKING',
  'BIOTECHNOLOGY',
  'BROADCAST_MEDIA',
  'BUILDING_MATERIALS',
  'CHEMICALS',
  'COMPUTER_HARDWARE',
  'COMPUTER_NETWORKING',
  'COMPUTER_SOFTWARE',
  'CONSTRUCTION',
  'CONSUMER_ELECTRONICS',
  'CONSUMER_GOODS',
  'CONSUMER_SERVICES',
  'DEFENSE_SPACE',
  'E_LEARNING',
  'EDUCATION_MANAGEMENT',
  'ENTERTAINMENT',
  'ENVIRONMENTAL_SERVICES',
  'FINANCIAL_SERVICES',
  'FOOD_BEVERAGES',
  'GOVERNMENT_ADMINISTRATION',
  'HOSPITAL_HEALTH_CARE',
  'HOSPITALITY',
  'HUMAN_RESOURCES',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'INSURANCE',
  'INTERNET',
  'INVESTMENT_BANKING',
  'LEGAL_SERVICES',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  'MANAGEMENT_CONSULTING',
  'MARKETING_AND_ADVERTISING',
  'MEDICAL_DEVICES',
  'NONPROFIT_ORGANIZATION_MANAGEMENT',
  'OIL_ENERGY',
  'PHARMACEUTICALS',
  'REAL_ESTATE',
  'RETAIL',
  'STAFFING_AND_RECRUITING',
  'TELECOMMUNICATIONS',
  'UTILITIES',
  'WHOLESALE',
].map((value) => [value, value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ')]);

const DEAL_STAGES: Array<[string, string]> = [
  ['appointmentscheduled', 'Appointment Scheduled'],
  ['qualifiedtobuy', 'Qualified To Buy'],
  ['presentationscheduled', 'Presentation Scheduled'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In'],
  ['contractsent', 'Contract Sent'],
  ['closedwon', 'Closed Won'],
  ['closedlost', 'Closed Lost'],
];

// HubSpot's default call outcomes. `hs_call_disposition` holds one of these ids (or the id of an outcome the account
// added), not the label.
export const CALL_DISPOSITIONS = {
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  leftLiveMessage: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
  leftVoicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  noAnswer: '73a0d17f-1163-4015-bdd5-ec830791da20',
  wrongNumber: '17b47fee-58de-441e-a44c-c6300d46f273',
} as const;

const CALL_STATUSES: Array<[string, string]> = [
  ['BUSY', 'Busy'],
  ['CALLING_CRM_USER', 'Calling CRM user'],
  ['CANCELED', 'Canceled'],
  ['COMPLETED', 'Completed'],
  ['CONNECTING', 'Connecting'],
  ['FAILED', 'Failed'],
  ['IN_PROGRESS', 'In progress'],
  ['NO_ANSWER', 'No answer'],
  ['QUEUED', 'Queued'],
  ['RINGING', 'Ringing'],
];

const engagementStamps = (): Spec[] => [
  datetime('hs_createdate', 'Create date', 'engagement', true),
  datetime('hs_lastmodifieddate', 'Last modified date', 'engagement', true),
  objectId('engagement'),
];

const SPECS: Record<ObjectType, Spec[]> = {
  contacts: [
    text('email', 'Email', 'contactinformation', { hasUniqueValue: true, description: "A contact's email address" }),
    text('firstname', 'First Name', 'contactinformation', { description: "A contact's first name" }),
    text('lastname', 'Last Name', 'contactinformation', { description: "A contact's last name" }),
    text('jobtitle', 'Job Title', 'contactinformation', { description: "A contact's job title" }),
    text('company', 'Company Name', 'contactinformation', { description: 'Name of the contact’s company' }),
    text('phone', 'Phone Number', 'contactinformation', { fieldType: 'phonenumber' }),
    text('mobilephone', 'Mobile Phone Number', 'contactinformation', { fieldType: 'phonenumber' }),
    text('website', 'Website URL', 'contactinformation'),
    text('city', 'City', 'contactinformation'),
    text('state', 'State/Region', 'contactinformation'),
    text('country', 'Country/Region', 'contactinformation'),
    text('industry', 'Industry', 'contactinformation'),
    text('annualrevenue', 'Annual Revenue', 'contactinformation'),
    enumeration('lifecyclestage', 'Lifecycle Stage', 'contactinformation', LIFECYCLE_STAGES),
    enumeration('hs_lead_status', 'Lead Status', 'sales_properties', LEAD_STATUSES),
    owner('sales_properties'),
    datetime('createdate', 'Create Date', 'contactinformation'),
    datetime('lastmodifieddate', 'Last Modified Date', 'contactinformation', true),
    objectId('contactinformation'),
  ],
  companies: [
    text('name', 'Company name', 'companyinformation', { description: 'The name of the company or organization.' }),
    text('domain', 'Company Domain Name', 'companyinformation', { hasUniqueValue: true }),
    text('website', 'Website URL', 'companyinformation'),
    text('phone', 'Phone Number', 'companyinformation', { fieldType: 'phonenumber' }),
    text('city', 'City', 'companyinformation'),
    text('state', 'State/Region', 'companyinformation'),
    text('country', 'Country/Region', 'companyinformation'),
    enumeration('industry', 'Industry', 'companyinformation', INDUSTRIES, 'select'),
    number('numberofemployees', 'Number of Employees', 'companyinformation'),
    number('annualrevenue', 'Annual Revenue', 'companyinformation', { showCurrencySymbol: true }),
    enumeration('lifecyclestage', 'Lifecycle Stage', 'companyinformation', LIFECYCLE_STAGES),
    owner('companyinformation'),
    datetime('createdate', 'Create Date', 'companyinformation'),
    datetime('hs_lastmodifieddate', 'Last Modified Date', 'companyinformation', true),
    objectId('companyinformation'),
  ],
  deals: [
    text('dealname', 'Deal Name', 'dealinformation'),
    enumeration('dealstage', 'Deal Stage', 'dealinformation', DEAL_STAGES),
    enumeration('pipeline', 'Pipeline', 'dealinformation', [['default', 'Sales Pipeline']], 'select'),
    number('amount', 'Amount', 'dealinformation', { showCurrencySymbol: true }),
    datetime('closedate', 'Close Date', 'dealinformation'),
    enumeration('dealtype', 'Deal Type', 'dealinformation', [
      ['newbusiness', 'New Business'],
      ['existingbusiness', 'Existing Business'],
    ]),
    text('description', 'Deal Description', 'dealinformation', { fieldType: 'textarea' }),
    owner('dealinformation'),
    datetime('createdate', 'Create Date', 'dealinformation'),
    datetime('hs_lastmodifieddate', 'Last Modified Date', 'dealinformation', true),
    objectId('dealinformation'),
  ],
  notes: [
    text('hs_note_body', 'Note body', 'engagement', { fieldType: 'html' }),
    datetime('hs_timestamp', 'Activity date', 'engagement'),
    owner('engagement'),
    text('hs_attachment_ids', 'Attached file IDs', 'engagement'),
    ...engagementStamps(),
  ],
  tasks: [
    text('hs_task_subject', 'Task Title', 'engagement'),
    text('hs_task_body', 'Task notes', 'engagement', { fieldType: 'html' }),
    enumeration('hs_task_status', 'Task status', 'engagement', [
      ['NOT_STARTED', 'Not started'],
      ['IN_PROGRESS', 'In progress'],
      ['WAITING', 'Waiting'],
      ['COMPLETED', 'Completed'],
      ['DEFERRED', 'Deferred'],
    ]),
    enumeration('hs_task_priority', 'Priority', 'engagement', [
      ['NONE', 'None'],
      ['LOW', 'Low'],
      ['MEDIUM', 'Medium'],
      ['HIGH', 'High'],
    ]),
    enumeration('hs_task_type', 'Task type', 'engagement', [
      ['CALL', 'Call'],
      ['EMAIL', 'Email'],
      ['TODO', 'To-do'],
    ]),
    datetime('hs_timestamp', 'Due date', 'engagement'),
    owner('engagement'),
    ...engagementStamps(),
  ],
  calls: [
    datetime('hs_timestamp', 'Activity date', 'engagement'),
    text('hs_call_title', 'Call Title', 'engagement'),
    text('hs_call_body', 'Call notes', 'engagement', { fieldType: 'html' }),
    enumeration('hs_call_direction', 'Call direction', 'engagement', [
      ['INBOUND', 'Inbound'],
      ['OUTBOUND', 'Outbound'],
    ]),
    text('hs_call_disposition', 'Call outcome', 'engagement', {
      description: 'The id of the call outcome, e.g. f240bbac-87c9-4f6e-bf70-924b57d47db7 for Connected',
    }),
    number('hs_call_duration', 'Call duration', 'engagement', {
      description: 'The duration of the call in milliseconds',
    }),
    enumeration('hs_call_status', 'Call status', 'engagement', CALL_STATUSES, 'select'),
    text('hs_call_from_number', 'From number', 'engagement'),
    text('hs_call_to_number', 'To number', 'engagement'),
    text('hs_call_recording_url', 'Recording URL', 'engagement'),
    owner('engagement'),
    ...engagementStamps(),
  ],
  emails: [
    datetime('hs_timestamp', 'Activity date', 'engagement'),
    text('hs_email_subject', 'Email subject', 'engagement'),
    text('hs_email_text', 'Email body', 'engagement', { fieldType: 'textarea' }),
    text('hs_email_html', 'Email HTML body', 'engagement', { fieldType: 'html' }),
    enumeration('hs_email_direction', 'Email direction', 'engagement', [
      ['EMAIL', 'Sent by owner'],
      ['INCOMING_EMAIL', 'Reply from contact'],
      ['FORWARDED_EMAIL', 'Forwarded'],
    ]),
    enumeration(
      'hs_email_status',
      'Email send status',
      'engagement',
      [
        ['BOUNCED', 'Bounced'],
        ['FAILED', 'Failed'],
        ['SCHEDULED', 'Scheduled'],
        ['SENDING', 'Sending'],
        ['SENT', 'Sent'],
      ],
      'select',
    ),
    text('hs_email_headers', 'Email headers', 'engagement', { fieldType: 'textarea' }),
    text('hs_attachment_ids', 'Attached file IDs', 'engagement'),
    owner('engagement'),
    ...engagementStamps(),
  ],
  meetings: [
    datetime('hs_timestamp', 'Activity date', 'engagement'),
    text('hs_meeting_title', 'Meeting name', 'engagement'),
    text('hs_meeting_body', 'Meeting description', 'engagement', { fieldType: 'html' }),
    text('hs_internal_meeting_notes', 'Internal meeting notes', 'engagement', { fieldType: 'html' }),
    datetime('hs_meeting_start_time', 'Meeting start time', 'engagement'),
    datetime('hs_meeting_end_time', 'Meeting end time', 'engagement'),
    enumeration(
      'hs_meeting_outcome',
      'Meeting outcome',
      'engagement',
      [
        ['SCHEDULED', 'Scheduled'],
        ['COMPLETED', 'Completed'],
        ['RESCHEDULED', 'Rescheduled'],
        ['NO_SHOW', 'No show'],
        ['CANCELED', 'Canceled'],
      ],
      'select',
    ),
    text('hs_meeting_location', 'Meeting location', 'engagement'),
    text('hs_meeting_external_url', 'External URL', 'engagement'),
    text('hs_attachment_ids', 'Attached file IDs', 'engagement'),
    owner('engagement'),
    ...engagementStamps(),
  ],
};

const GROUPS: Record<ObjectType, Array<[name: string, label: string]>> = {
  contacts: [
    ['contactinformation', 'Contact information'],
    ['sales_properties', 'Sales properties'],
  ],
  companies: [['companyinformation', 'Company information']],
  deals: [['dealinformation', 'Deal information']],
  notes: [['engagement', 'Engagement']],
  tasks: [['engagement', 'Engagement']],
  calls: [['engagement', 'Engagement']],
  emails: [['engagement', 'Engagement']],
  meetings: [['engagement', 'Engagement']],
};

export function defaultPropertyGroups(objectType: ObjectType): PropertyGroupDefinition[] {
  return GROUPS[objectType].map(([name, label], displayOrder) => ({ name, label, displayOrder, archived: false }));
}

export function defaultProperties(objectType: ObjectType, at: Date): PropertyDefinition[] {
  const stamp = at.toISOString();
  return SPECS[objectType].map((spec, displayOrder) => ({
    name: spec.name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType,
    groupName: spec.groupName,
    description: spec.description ?? '',
    options: (spec.options ?? []).map(([value, label], order) => ({
      label,
      value,
      description: '',
      displayOrder: order,
      hidden: false,
    })),
    displayOrder,
    hidden: false,
    formField: spec.formField ?? true,
    hasUniqueValue: spec.hasUniqueValue ?? false,
    calculated: false,
    externalOptions: spec.externalOptions ?? false,
    hubspotDefined: true,
    ...(spec.showCurrencySymbol === undefined ? {} : { showCurrencySymbol: spec.showCurrencySymbol }),
    ...(spec.referencedObjectType === undefined ? {} : { referencedObjectType: spec.referencedObjectType }),
    archived: false,
    createdAt: stamp,
    updatedAt: stamp,
    modificationMetadata: {
      archivable: false,
      readOnlyDefinition: true,
      readOnlyValue: spec.readOnlyValue ?? false,
    },
  }));
}
