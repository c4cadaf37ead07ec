import { asList, asObject, get, getObject, idOf, NotFoundError, parseObject, post, segment } from '../backend.js';
import { failure, rethrow } from './failure.js';
import { leadIdFor, requireVisible } from './records.js';

// SdrLiveCallController.cls: getLiveCall answers {"status":"not_synced"|"no_call"} or {"status":"live","call",
// "token"}; getEvents and getCall pass the service's CallEvents and Call through once they are known to be objects.

const WRONG_OBJECT = 'Live calls are shown on leads and contacts.';
const BAD_CALL = 'This call cannot be shown. Reload the page to try again.';
const BAD_CURSOR = 'The transcript lost its place. Reload the page to pick it up again.';
const WAIT_SECONDS = 8;
const CALL_ID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CURSOR_SHAPE = /^[A-Za-z0-9_=-]{1,256}$/;
const SUPPORTED = ['Lead', 'Contact'];

export async function getLiveCall({ recordId }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  try {
    const leadId = await leadIdFor(recordId);
    if (leadId === null) return status('not_synced');
    const call = await findLiveCall(leadId);
    if (call === null) return status('no_call');
    const token = parseObject(await post(`/v1/calls/${segment(idOf(call))}/token`, {}));
    return JSON.stringify({ status: 'live', call, token });
  } catch (error) {
    if (error instanceof NotFoundError) return status('no_call');
    return rethrow(error);
  }
}

export async function getEvents({ callId, cursor }) {
  checkCallId(callId);
  if (cursor !== null && cursor !== undefined && !CURSOR_SHAPE.test(cursor)) throw failure(BAD_CURSOR);
  try {
    const query = { waitSeconds: String(WAIT_SECONDS), cursor: cursor ?? null };
    return checkedObject(await get(`/v1/calls/${segment(callId)}/events`, query));
  } catch (error) {
    return rethrow(error);
  }
}

export async function getCall({ callId }) {
  checkCallId(callId);
  try {
    return checkedObject(await get(`/v1/calls/${segment(callId)}`));
  } catch (error) {
    return rethrow(error);
  }
}

function checkCallId(callId) {
  if (typeof callId !== 'string' || !CALL_ID_SHAPE.test(callId)) throw failure(BAD_CALL);
}

async function findLiveCall(leadId) {
  const calls = asList((await getObject('/v1/calls', { leadId, status: 'live', limit: '1' })).data);
  return calls.length === 0 ? null : asObject(calls[0]);
}

function checkedObject(body) {
  parseObject(body);
  return body;
}

const status = (value) => JSON.stringify({ status: value });
