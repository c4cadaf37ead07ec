import { readJson, UnreadableResponse } from 'c/sdrErrors';
// Turns what SdrLeadQueueController returns into what the template shows, so the template stays free of logic
// and the wording of deadlines and times can be read in one place.

const TIER_LABELS = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// 'all' rather than '' because a combobox shows its placeholder, not the option, for an empty value.
export const ALL = 'all';

export const TIER_OPTIONS = [
  { label: 'All tiers', value: ALL },
  { label: 'Hot', value: 'hot' },
  { label: 'Warm', value: 'warm' },
  { label: 'Cold', value: 'cold' },
];

// The queue holds only leads not yet converted, so "Converted" would always come back empty and is left out.
export const STATUS_OPTIONS = [
  { label: 'All statuses', value: ALL },
  { label: 'New', value: 'new' },
  { label: 'Working', value: 'working' },
  { label: 'Nurturing', value: 'nurturing' },
  { label: 'Qualified', value: 'qualified' },
  { label: 'Unqualified', value: 'unqualified' },
];

export const UNREADABLE_MESSAGE = 'The SDR service sent a queue this page cannot read. Try again in a minute.';
export const LOAD_FAILED = 'Something went wrong loading your leads. Try again in a minute.';

/**
 * The controller returns a JSON string; parse it here so that a malformed payload surfaces as a readable
 * message instead of a JavaScript error in the rep's face.
 * @returns {{ status: 'not_on_roster' } | { status: 'ok', queue: object }}
 */
export function parseResponse(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  if (response && response.status === 'not_on_roster') {
    return { status: 'not_on_roster' };
  }
  if (response && response.status === 'ok' && isQueue(response.queue)) {
    return { status: 'ok', queue: response.queue };
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

function isQueue(queue) {
  return (
    !!queue &&
    Array.isArray(queue.data) &&
    queue.data.every(
      (item) =>
        !!item &&
        !!item.lead &&
        typeof item.lead.id === 'string' &&
        typeof item.lead.crmId === 'string' &&
        typeof item.lead.name === 'string' &&
        typeof item.priority === 'number',
    )
  );
}

/**
 * "12 min", "2 h 5 min", "3 d": short enough for a table cell. Deadlines keep their minutes past the hour, since
 * they plan the next call; how long ago something happened only needs the largest unit (coarse).
 */
export function duration(ms, coarse = false) {
  if (ms < MINUTE) {
    return 'less than a minute';
  }
  if (ms < HOUR) {
    return `${Math.floor(ms / MINUTE)} min`;
  }
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes > 0 && !coarse ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${Math.floor(ms / DAY)} d`;
}

/**
 * The first-touch deadline as a rep needs it now. A pending deadline that has passed is still "pending" in the
 * service until its SLA job marks it missed, so the clock here, not the state, decides "overdue".
 */
export function slaView(sla, now) {
  if (!sla) {
    return { text: 'no deadline', state: 'none', className: 'sla sla_none', isLate: false };
  }
  if (sla.state === 'pending') {
    const left = Date.parse(sla.dueAt) - now;
    if (left > 0) {
      return { text: `due in ${duration(left)}`, state: 'due', className: 'sla sla_due', isLate: false };
    }
    return { text: `overdue by ${duration(-left)}`, state: 'overdue', className: 'sla sla_late', isLate: true };
  }
  if (sla.state === 'missed') {
    return { text: 'missed', state: 'missed', className: 'sla sla_late', isLate: true };
  }
  // met and closed: nothing left to do for this deadline.
  return { text: sla.state, state: sla.state, className: 'sla sla_done', isLate: false };
}

/** When the lead was last touched, relative to now; "never" matters, it is the first touch the SLA waits for. */
export function lastTouchText(lastTouchAt, now) {
  if (!lastTouchAt) {
    return 'never';
  }
  // A clock a little ahead of the rep's would otherwise say "in 1 min".
  const ago = Math.max(0, now - Date.parse(lastTouchAt));
  return ago < MINUTE ? 'just now' : `${duration(ago, true)} ago`;
}

function priorityText(priority) {
  return Number.isInteger(priority) ? String(priority) : priority.toFixed(1);
}

function subtitle(lead) {
  return [lead.title, lead.companyName].filter((part) => typeof part === 'string' && part.trim() !== '').join(', ');
}

/** One row of the table per queue item, in the service's order (it already sorts by priority, then deadline). */
export function toRows(queue, now, recordUrls = {}) {
  return queue.data.map((item) => {
    const { lead, score } = item;
    const sla = slaView(item.sla, now);
    const tier = score ? TIER_LABELS[score.evTier] || score.evTier : '';
    return {
      key: lead.id,
      name: lead.name,
      title: lead.title || '',
      company: lead.companyName || '',
      subtitle: subtitle(lead),
      url: recordUrls[lead.crmId],
      hasScore: !!score,
      tier,
      tierClass: score ? `tier tier_${score.evTier}` : 'tier',
      ev: score ? score.ev : null,
      money: score ? score.expectedValue.amount : null,
      currency: score ? score.expectedValue.currency : null,
      urgency: score ? score.urgency : null,
      priority: priorityText(item.priority),
      sla,
      lastTouch: lastTouchText(item.lastTouchAt, now),
      openLabel: `Open ${lead.name}`,
      logCallLabel: `Log a call with ${lead.name}`,
    };
  });
}

/** The Salesforce object a lead was synced from: the service keeps Leads and Contacts alike as leads. */
export function objectApiNameOf(crmType) {
  return crmType === 'contact' ? 'Contact' : 'Lead';
}

/** The Lightning page of the Salesforce record the lead was synced from. */
export function recordPage(crmId, objectApiName) {
  return {
    type: 'standard__recordPage',
    attributes: { recordId: crmId, objectApiName, actionName: 'view' },
  };
}
