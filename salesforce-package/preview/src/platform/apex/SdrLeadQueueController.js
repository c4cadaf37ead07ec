import { asList, asObject, getObject, NotFoundError } from '../backend.js';
import { getRunningUser } from '../session.js';
import { failure, rethrow } from './failure.js';

// SdrLeadQueueController.cls: {"status":"not_on_roster"} or {"status":"ok","queue":LeadQueue}, for the running user.

const TIERS = ['hot', 'warm', 'cold'];
const STATUSES = ['new', 'working', 'nurturing', 'qualified', 'unqualified', 'converted'];
const BAD_TIER = 'Choose a tier of hot, warm or cold, or all tiers.';
const BAD_STATUS = 'Choose a lead status from the list, or all statuses.';
const QUEUE_SIZE = 50;

export async function getMyQueue({ tier, status }) {
  const user = getRunningUser();
  // Salesforce always has a running user; a preview that found none is, to the service, a user not on the roster.
  if (!user || !user.crmUserId) return notOnRoster();
  const query = { crmUserId: user.crmUserId, limit: String(QUEUE_SIZE) };
  if (typeof tier === 'string' && tier.trim() !== '') {
    if (!TIERS.includes(tier)) throw failure(BAD_TIER);
    query.tier = tier;
  }
  if (typeof status === 'string' && status.trim() !== '') {
    if (!STATUSES.includes(status)) throw failure(BAD_STATUS);
    query.status = status;
  }
  try {
    const queue = await getObject('/v1/queue', query);
    asList(queue.data);
    asObject(queue.user);
    return JSON.stringify({ status: 'ok', queue });
  } catch (error) {
    if (error instanceof NotFoundError) return notOnRoster();
    return rethrow(error);
  }
}

const notOnRoster = () => JSON.stringify({ status: 'not_on_roster' });
