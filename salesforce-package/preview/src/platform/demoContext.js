import { asList, asObject, get, getObject, parseObject, segment } from './backend.js';

// Which record the page shows and who is signed in. In Salesforce the URL and the session say; here the demo data
// does: the lead of the tenant's recorded call and the SDR who made it, unless `?record=<Salesforce id>` names
// another record; on the admin page, the roster's admin.

/** Calls the replay starts carry this prefix in their externalId, so they are never taken for the recording. */
export const REPLAY_PREFIX = 'preview-replay-';

const RECORDED_PLATFORMS = ['dialer', 'zoom', 'teams', 'upload'];

export function isReplay(call) {
  return typeof call.externalId === 'string' && call.externalId.startsWith(REPLAY_PREFIX);
}

// Calls looked at for a transcript; a workspace's newest recorded call is nearly always among the first few.
const CANDIDATES = 5;

/** Every final line of a call, in order, paging through its events without waiting. */
export async function recordedSegments(callId) {
  const segments = [];
  let cursor = null;
  for (;;) {
    const page = await getObject(`/v1/calls/${segment(callId)}/events`, { waitSeconds: '0', cursor });
    const batch = asList(page.segments);
    segments.push(...batch.filter((item) => item.final !== false));
    if (batch.length === 0 || page.cursor === cursor) break;
    cursor = page.cursor;
  }
  return segments.sort((a, b) => a.seq - b.seq);
}

/**
 * The tenant's recorded call: the newest ended call on a lead, not a replay, whose transcript can be read (a call
 * can end without one, as Zoom calls do without transcript credentials). With its lines, or null.
 */
async function findRecordedCall() {
  // Replays are manual calls: asked for platform by platform, however many replays there have been, they never crowd
  // the recording out of the page.
  for (const platform of RECORDED_PLATFORMS) {
    const calls = asList((await getObject('/v1/calls', { status: 'ended', platform, limit: '100' })).data);
    const candidates = calls.filter((call) => call && call.leadId && !isReplay(call)).slice(0, CANDIDATES);
    for (const call of candidates) {
      const lines = await recordedSegments(call.id);
      if (lines.length > 0) return { call, lines };
    }
  }
  return null;
}

async function findLead(recordId, recordedCall) {
  if (recordId) {
    const leads = asList((await getObject('/v1/leads', { crmId: recordId, limit: '1' })).data);
    return leads[0] || null;
  }
  if (recordedCall) return parseObject(await get(`/v1/leads/${segment(recordedCall.leadId)}`));
  const leads = asList((await getObject('/v1/leads', { limit: '1' })).data);
  return leads[0] || null;
}

function findUser(users, recordedCall, lead) {
  const withCrmId = users.filter((user) => user && typeof user.crmUserId === 'string');
  const byId = (id) => withCrmId.find((user) => user.id === id);
  return (recordedCall && byId(recordedCall.userId)) || (lead && byId(lead.ownerId)) || withCrmId[0] || null;
}

/** `{ lead, user, recordedCall }` (the call with its `lines`); lead is null when the record is not in the service. */
export async function loadDemoContext(recordId) {
  const recording = await findRecordedCall();
  const recordedCall = recording ? { ...recording.call, lines: recording.lines } : null;
  const lead = await findLead(recordId, recordedCall);
  const users = asList(asObject(await getObject('/v1/users')).data);
  return { lead, user: findUser(users, recordedCall, lead), recordedCall };
}

// Who opens the SDR Admin tab: in Salesforce, an SDR Admin permission-set holder. The roster says who runs the team.
const ADMIN_ROLES = ['admin', 'manager'];

/**
 * `{ user }` for the admin page: the roster's first admin, else its first manager, else anyone with a Salesforce
 * user id; null when the roster is empty. Their id goes with every request, as Apex sends the running user's.
 */
export async function loadAdminContext() {
  const users = asList(asObject(await getObject('/v1/users')).data).filter(
    (user) => user && typeof user.crmUserId === 'string',
  );
  const byRole = (role) => users.find((user) => user.role === role);
  return { user: ADMIN_ROLES.map(byRole).find(Boolean) || users[0] || null };
}
