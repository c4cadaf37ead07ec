// The CRM object types the stand-in serves, and the per-type facts HubSpot documents for them.

export const OBJECT_TYPES = [
  'contacts',
  'companies',
  'deals',
  'notes',
  'tasks',
  'calls',
  'emails',
  'meetings',
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

// HubSpot accepts the plural name, the singular name or the object type id in paths.
const ALIASES: Record<string, ObjectType> = {
  contacts: 'contacts',
  contact: 'contacts',
  '0-1': 'contacts',
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  deals: 'deals',
  deal: 'deals',
  '0-3': 'deals',
  notes: 'notes',
  note: 'notes',
  '0-46': 'notes',
  tasks: 'tasks',
  task: 'tasks',
  '0-27': 'tasks',
  calls: 'calls',
  call: 'calls',
  '0-48': 'calls',
  emails: 'emails',
  email: 'emails',
  '0-49': 'emails',
  meetings: 'meetings',
  meeting: 'meetings',
  '0-47': 'meetings',
};

export function resolveObjectType(name: string): ObjectType | undefined {
  return ALIASES[name.toLowerCase()];
}

export const OBJECT_TYPE_IDS: Record<ObjectType, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  notes: '0-46',
  tasks: '0-27',
  calls: '0-48',
  emails: '0-49',
  meetings: '0-47',
};

export const SINGULAR: Record<ObjectType, string> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  notes: 'note',
  tasks: 'task',
  calls: 'call',
  emails: 'email',
  meetings: 'meeting',
};

// Contacts keep their modification time in `lastmodifieddate`; every other object uses `hs_lastmodifieddate`,
// and engagements (notes, tasks, calls, emails, meetings) carry `hs_createdate` instead of `createdate`.
export const TIMESTAMP_PROPERTIES: Record<ObjectType, { created: string; modified: string }> = {
  contacts: { created: 'createdate', modified: 'lastmodifieddate' },
  companies: { created: 'createdate', modified: 'hs_lastmodifieddate' },
  deals: { created: 'createdate', modified: 'hs_lastmodifieddate' },
  notes: { created: 'hs_createdate', modified: 'hs_lastmodifieddate' },
  tasks: { created: 'hs_createdate', modified: 'hs_lastmodifieddate' },
  calls: { created: 'hs_createdate', modified: 'hs_lastmodifieddate' },
  emails: { created: 'hs_createdate', modified: 'hs_lastmodifieddate' },
  meetings: { created: 'hs_createdate', modified: 'hs_lastmodifieddate' },
};

// What reads and searches return when the caller names no properties.
export const DEFAULT_RETURNED_PROPERTIES: Record<ObjectType, readonly string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

// The text properties a search `query` looks in.
export const QUERY_SEARCHED_PROPERTIES: Record<ObjectType, readonly string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
  calls: ['hs_call_title', 'hs_call_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
};

// Engagements are timeline entries: HubSpot requires their timestamp on create.
export const REQUIRED_ON_CREATE: Record<ObjectType, readonly string[]> = {
  contacts: [],
  companies: [],
  deals: [],
  notes: ['hs_timestamp'],
  tasks: ['hs_timestamp'],
  calls: ['hs_timestamp'],
  emails: ['hs_timestamp'],
  meetings: ['hs_timestamp'],
};

// Distinct id ranges per type, so an id of one type used as another's is a miss, as it would be in a real portal.
export const FIRST_ID: Record<ObjectType, number> = {
  contacts: 1001,
  companies: 2_000_001,
  deals: 3_000_001,
  notes: 4_000_001,
  tasks: 5_000_001,
  calls: 6_000_001,
  emails: 7_000_001,
  meetings: 8_000_001,
};
