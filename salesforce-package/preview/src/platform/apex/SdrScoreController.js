import { getObject, NotFoundError, post, segment } from '../backend.js';
import { rethrow } from './failure.js';
import { leadIdFor, requireVisible } from './records.js';

// SdrScoreController.cls: {"status":"not_synced"} or {"status":"scored","score":LeadScore}, as JSON text.

const WRONG_OBJECT = 'Scores are shown on leads and contacts.';
const SUPPORTED = ['Lead', 'Contact'];

export async function getScore({ recordId }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  try {
    const leadId = await leadIdFor(recordId);
    return leadId === null ? notSynced() : scored(await fetchScore(leadId));
  } catch (error) {
    if (error instanceof NotFoundError) return notSynced();
    return rethrow(error);
  }
}

export async function rescore({ recordId }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  try {
    const leadId = await leadIdFor(recordId);
    if (leadId === null) return notSynced();
    await post('/v1/scores', { leadIds: [leadId], store: true });
    return scored(await fetchScore(leadId));
  } catch (error) {
    if (error instanceof NotFoundError) return notSynced();
    return rethrow(error);
  }
}

function fetchScore(leadId) {
  return getObject(`/v1/leads/${segment(leadId)}/score`);
}

const notSynced = () => JSON.stringify({ status: 'not_synced' });
const scored = (score) => JSON.stringify({ status: 'scored', score });
