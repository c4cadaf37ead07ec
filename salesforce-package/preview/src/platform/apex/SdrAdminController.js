import { BackendError, getObject, parseObject, patch, post, put, segment } from '../backend.js';
import { failure, rethrow } from './failure.js';

// SdrAdminController.cls: every method answers JSON text, {"status":"ok","data":…} with the service's answer, or, when
// the service refused what was sent (400, 409, 422), {"status":"invalid","message","errors":[{field,message}]}, so
// the console can put each problem next to its field. Outages and a rejected key are thrown, as the rep panels'
// are. Apex first checks the SDR Admin permission (SdrAccess.requireAdmin); the preview has no org to ask.

const NOT_JSON = 'The console sent something the SDR service cannot read. Reload the page and try again.';
const NO_ID = 'Choose what to change first.';
const CRM_OBJECTS = ['lead', 'contact', 'company', 'deal', 'activity'];

// ---- Connection

export async function getConnection() {
  return read('/v1/crm/connection');
}

/** A timed round trip to the service: whether it answered, how fast, and the failure in plain words if not. */
export async function testConnection() {
  const started = Date.now();
  const result = {};
  try {
    result.connection = await getObject('/v1/crm/connection');
    result.ok = true;
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    result.ok = false;
    result.message = error.message;
  }
  result.milliseconds = Date.now() - started;
  return ok(result);
}

// ---- Scoring

export async function getSettings() {
  return read('/v1/settings');
}

export async function saveSettings({ patchJson }) {
  return write('PATCH', '/v1/settings', patchJson);
}

export async function listModels() {
  return read('/v1/models');
}

export async function promoteModel({ version }) {
  return write('POST', `/v1/models/${requiredSegment(version)}/promote`, '{}');
}

// ---- Routing

export async function listRuleSets() {
  return read('/v1/routing/rule-sets');
}

/** bodyJson: a RoutingRuleSetCreate ({rules, activate}). */
export async function saveRuleSet({ bodyJson }) {
  return write('POST', '/v1/routing/rule-sets', bodyJson);
}

export async function activateRuleSet({ version }) {
  // An Apex Integer: a whole number, 1 or more.
  const number = version === null || version === undefined ? NaN : Number(version);
  if (!Number.isInteger(number) || number < 1) throw failure(NO_ID);
  return write('POST', `/v1/routing/rule-sets/${number}/activate`, '{}');
}

/** bodyJson: a RoutingSimulationRequest ({rules, leads}); nothing is assigned. */
export async function simulateRouting({ bodyJson }) {
  return write('POST', '/v1/routing/simulate', bodyJson);
}

export async function listUsers() {
  return read('/v1/users');
}

/** userJson: a UserUpsert, keyed by email. */
export async function saveUser({ userJson }) {
  return write('PUT', '/v1/users', userJson);
}

// ---- Battlecards

export async function listCompetitors() {
  return read('/v1/competitors');
}

/** Adds a competitor when competitorId is blank, else changes it. */
export async function saveCompetitor({ competitorId, bodyJson }) {
  if (isBlank(competitorId)) return write('POST', '/v1/competitors', bodyJson);
  return write('PATCH', `/v1/competitors/${segment(competitorId)}`, bodyJson);
}

export async function listBattlecards({ competitorId }) {
  return read('/v1/battlecards', isBlank(competitorId) ? undefined : { competitorId });
}

/** Adds a card (version 1) when battlecardId is blank, else saves the change as the card's next version. */
export async function saveBattlecard({ battlecardId, bodyJson }) {
  if (isBlank(battlecardId)) return write('POST', '/v1/battlecards', bodyJson);
  return write('PATCH', `/v1/battlecards/${segment(battlecardId)}`, bodyJson);
}

// ---- Field mapping

export async function getFieldMapping() {
  return read('/v1/settings/field-mapping');
}

/** bodyJson: a FieldMappingUpdate ({fields, scores, features}, each optional). */
export async function saveFieldMapping({ bodyJson }) {
  return write('PUT', '/v1/settings/field-mapping', bodyJson);
}

/**
 * The CRM's fields of one kind of record, for the mapping's pickers. Apex asks the service too (it lists them from
 * its own connection to the CRM), so the preview answers what Salesforce would: with no CRM connected, the service's
 * refusal, thrown as its sentence.
 */
export async function describeCrmFields({ objectKind }) {
  if (!CRM_OBJECTS.includes(objectKind)) throw failure(NO_ID);
  return read(`/v1/crm/fields/${objectKind}`);
}

// ---- Sending

async function read(path, query) {
  try {
    return ok(await getObject(path, query));
  } catch (error) {
    return rethrow(error);
  }
}

const SENDERS = { POST: post, PUT: put, PATCH: patch };

async function write(method, path, bodyJson) {
  const body = jsonObject(bodyJson);
  try {
    return ok(parseObject(await SENDERS[method](path, body)));
  } catch (error) {
    // SdrBackend.RefusedException: the service refused what was sent, with its problems by field.
    if (error instanceof BackendError && Array.isArray(error.errors)) {
      return JSON.stringify({ status: 'invalid', message: error.message, errors: error.errors });
    }
    return rethrow(error);
  }
}

/** The console's body, which must be a JSON object; parsed here, so only well-formed JSON is sent. */
function jsonObject(bodyJson) {
  if (typeof bodyJson === 'string' && bodyJson.trim() !== '') {
    try {
      const parsed = JSON.parse(bodyJson);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: the console hears as much below.
    }
  }
  throw failure(NOT_JSON);
}

function requiredSegment(value) {
  if (isBlank(value)) throw failure(NO_ID);
  return segment(value);
}

// Apex's String.isBlank: null, empty or only whitespace.
const isBlank = (value) => value === null || value === undefined || String(value).trim() === '';
const ok = (data) => JSON.stringify({ status: 'ok', data });
