import { asList, getObject, NotFoundError } from '../backend.js';
import { failure, rethrow } from './failure.js';
import { requireVisible } from './records.js';

// SdrBattlecardController.cls: {"status":"not_synced"}, {"status":"ok","inPlay":…} or {"status":"ok","results":…}.

const WRONG_OBJECT = 'Battlecards are shown on leads, contacts, opportunities and accounts.';
const NO_QUERY = 'Type a few words to search the battlecards.';
const QUERY_TOO_LONG = 'Search with 200 characters or fewer.';
const MAX_QUERY_LENGTH = 200;
const SEARCH_LIMIT = 10;
const SUPPORTED = ['Lead', 'Contact', 'Opportunity', 'Account'];

export async function getCardsInPlay({ recordId }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  try {
    return ok('inPlay', await getList('/v1/battlecards/in-play', { crmId: recordId }));
  } catch (error) {
    if (error instanceof NotFoundError) return JSON.stringify({ status: 'not_synced' });
    return rethrow(error);
  }
}

export async function searchCards({ query }) {
  const words = typeof query === 'string' ? query.trim() : '';
  if (words === '') throw failure(NO_QUERY);
  if (words.length > MAX_QUERY_LENGTH) throw failure(QUERY_TOO_LONG);
  try {
    return ok('results', await getList('/v1/battlecards/search', { q: words, limit: String(SEARCH_LIMIT) }));
  } catch (error) {
    return rethrow(error);
  }
}

async function getList(path, query) {
  const answer = await getObject(path, query);
  asList(answer.data);
  return answer;
}

const ok = (name, answer) => JSON.stringify({ status: 'ok', [name]: answer });
