import {
  asList,
  asObject,
  BackendError,
  get,
  getObject,
  idOf,
  NotFoundError,
  parseObject,
  post,
  put,
  segment,
  unreadable,
} from '../backend.js';
import { failure, rethrow } from './failure.js';
import { objectOf, requireVisible } from './records.js';

// SdrResearchController.cls: getResearch and chooseRegisterEntry answer {"status":"not_synced"|"no_company"} or
// {"status":"ok","company":{"id","name"},"report":ResearchReport}; getReport answers {"status":"ok","report":…}.

const WRONG_OBJECT = 'Company research is shown on leads, contacts, accounts and opportunities.';
const BAD_REPORT = 'This report cannot be shown. Refresh the research to start again.';
const REPORT_GONE = 'This report is no longer there. Refresh the research to start again.';
const BAD_COMPANY_NUMBER = 'Choose one of the companies listed.';
const REPORT_ID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const COMPANY_NUMBER_SHAPE = /^[A-Za-z0-9]{1,8}$/;
const LEAD_FIELD = 'body.leadId';
const SUPPORTED = ['Lead', 'Contact', 'Account', 'Opportunity'];

export async function getResearch({ recordId, refresh }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  try {
    const subject = await subjectFor(recordId);
    if (subject === null) return status('not_synced');
    if (!subject.leadId && !subject.companyId) return status('no_company');
    return ok(subject, await requestResearch(subject, refresh === true));
  } catch (error) {
    if (error instanceof NotFoundError) return status('not_synced');
    // The service refuses a lead without a company, naming the lead among its field errors.
    if (error instanceof BackendError && namesTheLead(error)) return status('no_company');
    return rethrow(error);
  }
}

export async function getReport({ reportId }) {
  if (typeof reportId !== 'string' || !REPORT_ID_SHAPE.test(reportId)) throw failure(BAD_REPORT);
  try {
    const report = checkedReport(await get(`/v1/research/${segment(reportId)}`));
    return JSON.stringify({ status: 'ok', report });
  } catch (error) {
    if (error instanceof NotFoundError) throw failure(REPORT_GONE);
    return rethrow(error);
  }
}

export async function chooseRegisterEntry({ recordId, companyNumber }) {
  requireVisible(recordId, SUPPORTED, WRONG_OBJECT);
  const number = typeof companyNumber === 'string' ? companyNumber.trim() : '';
  if (!COMPANY_NUMBER_SHAPE.test(number)) throw failure(BAD_COMPANY_NUMBER);
  try {
    const subject = await subjectFor(recordId);
    if (subject === null) return status('not_synced');
    if (!subject.companyId) return status('no_company');
    await put(`/v1/companies/${segment(subject.companyId)}/register-entry`, { companyNumber: number });
    return ok(subject, await requestResearch({ ...subject, leadId: null }, true));
  } catch (error) {
    if (error instanceof NotFoundError) return status('not_synced');
    return rethrow(error);
  }
}

/**
 * The lead or company the service synced from the record, or null. The preview has no org to ask for an
 * opportunity's account, so a deal is looked up as the service's own copy of it (`GET /v1/opportunities?crmId=`),
 * whose company is the account's.
 */
async function subjectFor(recordId) {
  const kind = objectOf(recordId);
  if (kind === 'Lead' || kind === 'Contact') {
    const lead = await firstOf('/v1/leads', recordId);
    return lead && { leadId: idOf(lead), companyId: textOf(lead.companyId), companyName: textOf(lead.companyName) };
  }
  if (kind === 'Opportunity') {
    const deal = await firstOf('/v1/opportunities', recordId);
    if (deal === null) return null;
    const companyId = textOf(deal.companyId);
    if (companyId === null) return { leadId: null, companyId: null, companyName: null };
    const company = asObject(await getObject(`/v1/companies/${segment(companyId)}`));
    return { leadId: null, companyId, companyName: textOf(company.name) };
  }
  const company = await firstOf('/v1/companies', recordId);
  return company && { leadId: null, companyId: idOf(company), companyName: textOf(company.name) };
}

async function firstOf(path, recordId) {
  const records = asList((await getObject(path, { crmId: recordId, limit: '1' })).data);
  return records.length === 0 ? null : asObject(records[0]);
}

async function requestResearch(subject, refresh) {
  const request = subject.leadId ? { leadId: subject.leadId, refresh } : { companyId: subject.companyId, refresh };
  const report = checkedReport(await post('/v1/research', request));
  if (!subject.companyId) subject.companyId = textOf(report.companyId);
  return report;
}

function checkedReport(body) {
  const report = parseObject(body);
  idOf(report);
  if (typeof report.status !== 'string') throw unreadable();
  return report;
}

function namesTheLead(error) {
  return Array.isArray(error.errors) && error.errors.some((entry) => entry && entry.field === LEAD_FIELD);
}

const textOf = (value) => (typeof value === 'string' ? value : null);
const status = (value) => JSON.stringify({ status: value });
const ok = (subject, report) =>
  JSON.stringify({ status: 'ok', company: { id: subject.companyId, name: subject.companyName }, report });
