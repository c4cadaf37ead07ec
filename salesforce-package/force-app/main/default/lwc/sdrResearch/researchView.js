import { readJson, UnreadableResponse } from 'c/sdrErrors';
// Turns what SdrResearchController returns into what the template shows, so the template stays free of logic and
// the rules (numbering of facts, wording, which links may open) can be read in one place. Every value from the report
// reaches the page as text: report text comes from the CRM and a public register, so none of it may become markup.

export const UNREADABLE_MESSAGE = 'The SDR service sent research this panel cannot read. Try again in a minute.';
export const LOAD_FAILED = 'Something went wrong loading the research. Try again in a minute.';
export const REFRESH_FAILED = 'Researching again did not work. Try again in a minute.';
export const CHOOSE_FAILED = 'Saving your choice did not work. Try again in a minute.';
export const POLL_FAILED = 'Checking on the research did not work. Try again in a minute.';
export const RESEARCH_FAILED = 'The research could not be finished.';

const DAY_MS = 24 * 60 * 60 * 1000;
// The service keeps a report for weeks; after a week the CRM part of it has often moved on.
export const STALE_AFTER_MS = 7 * DAY_MS;

const STATUSES = ['pending', 'running', 'completed', 'failed'];
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 };
const SEVERITY = {
  high: { label: 'High risk', iconName: 'utility:error' },
  medium: { label: 'Medium risk', iconName: 'utility:warning' },
  low: { label: 'Low risk', iconName: 'utility:info' },
};
const REGISTER_PARTS = {
  profile: 'company profile',
  officers: 'officers',
  psc: 'people with significant control',
  filings: 'filing history',
  charges: 'charges',
  insolvency: 'insolvency history',
};
// Statuses where the register entry is settled; for every other one the register's own message is shown.
const SETTLED = ['matched', 'chosen'];

const isString = (value) => typeof value === 'string';
const list = (value) => (Array.isArray(value) ? value : []);

function isReport(report) {
  return (
    !!report &&
    typeof report === 'object' &&
    isString(report.id) &&
    STATUSES.includes(report.status) &&
    Array.isArray(report.facts) &&
    Array.isArray(report.sources)
  );
}

/**
 * The controller returns JSON text; a payload of another shape surfaces as a readable message instead of a
 * JavaScript error in the rep's face.
 * @returns {{ status: 'not_synced' | 'no_company' } | { status: 'ok', report: object, company?: object }}
 */
export function parseResponse(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  if (response && (response.status === 'not_synced' || response.status === 'no_company')) {
    return { status: response.status };
  }
  if (response && response.status === 'ok' && isReport(response.report)) {
    return { status: 'ok', report: response.report, company: response.company || undefined };
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

export function isInProgress(report) {
  return !!report && (report.status === 'pending' || report.status === 'running');
}

/** Only web addresses open; anything else a source could carry (javascript:, data:) stays plain text. */
export function safeUrl(url) {
  if (!isString(url)) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/** "just now", "5 minutes ago", "3 days ago": how long ago, in words. */
export function ago(timestamp, now) {
  const elapsed = Math.max(0, now - timestamp);
  const minutes = Math.floor(elapsed / 60000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${plural(minutes, 'minute', 'minutes')} ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${plural(hours, 'hour', 'hours')} ago`;
  }
  const days = Math.floor(hours / 24);
  if (days < 60) {
    return `${plural(days, 'day', 'days')} ago`;
  }
  return `${plural(Math.floor(days / 30), 'month', 'months')} ago`;
}

function freshness(report, now) {
  const completedAt = Date.parse(report.completedAt);
  if (report.status !== 'completed' || Number.isNaN(completedAt)) {
    return { text: '', isStale: false, isExpired: false };
  }
  const expiresAt = Date.parse(report.expiresAt);
  const isExpired = !Number.isNaN(expiresAt) && expiresAt <= now;
  return {
    text: `Researched ${ago(completedAt, now)}`,
    isExpired,
    isStale: !isExpired && now - completedAt > STALE_AFTER_MS,
  };
}

function factViews(facts) {
  return facts.map((fact, index) => {
    const source = fact.source || {};
    const url = safeUrl(source.url);
    return {
      key: `fact-${index}`,
      id: fact.id,
      number: index + 1,
      marker: `[${index + 1}]`,
      statement: isString(fact.statement) ? fact.statement : '',
      sourceName: isString(source.name) && source.name.trim() !== '' ? source.name : 'Unknown source',
      url,
      isLink: !!url,
    };
  });
}

/** Citation markers for fact ids, numbered as the facts list numbers them; ids of no fact are left out. */
function citations(factIds, factsById, owner) {
  return list(factIds)
    .map((id) => factsById.get(id))
    .filter((fact) => !!fact)
    .map((fact) => ({
      key: `${owner}-${fact.id}`,
      factId: fact.id,
      marker: fact.marker,
      label: `Fact ${fact.number}: ${fact.statement}`,
    }));
}

function sourceViews(sources) {
  const seen = new Set();
  return list(sources)
    .filter((source) => source && isString(source.name))
    .filter((source) => {
      const key = `${source.name}|${source.url || ''}`;
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    })
    .map((source, index) => {
      const url = safeUrl(source.url);
      return { key: `source-${index}`, name: source.name, url, isLink: !!url };
    });
}

function riskViews(flags, factsById) {
  return list(flags)
    .map((flag, index) => ({ flag, index }))
    .sort(
      (a, b) => (SEVERITY_ORDER[a.flag.severity] ?? 3) - (SEVERITY_ORDER[b.flag.severity] ?? 3) || a.index - b.index,
    )
    .map(({ flag, index }) => {
      const severity = SEVERITY[flag.severity] || SEVERITY.low;
      return {
        key: `risk-${index}`,
        code: flag.code,
        severity: flag.severity,
        severityLabel: severity.label,
        iconName: severity.iconName,
        text: flag.text,
        badgeClass: `risk-badge risk-badge_${SEVERITY[flag.severity] ? flag.severity : 'low'}`,
        citations: citations(flag.factIds, factsById, `risk-${index}`),
      };
    });
}

function percent(value) {
  return typeof value === 'number' ? `${Math.round(value * 100)}% likely` : '';
}

function candidateViews(candidates) {
  return list(candidates).map((candidate, index) => ({
    key: `candidate-${index}`,
    companyNumber: candidate.companyNumber,
    name: candidate.name,
    numberText: `Company number ${candidate.companyNumber}`,
    status: isString(candidate.status) ? candidate.status.replace(/[-_]/g, ' ') : '',
    incorporatedOn: candidate.incorporatedOn || undefined,
    address: candidate.address || '',
    confidence: percent(candidate.confidence),
    evidence: list(candidate.evidence).join(', '),
  }));
}

function registerView(match) {
  if (!match) {
    return undefined;
  }
  const settled = SETTLED.includes(match.status);
  const candidates = match.status === 'ambiguous' ? candidateViews(match.candidates) : [];
  const missing = list(match.missing).map((part) => REGISTER_PARTS[part] || part);
  return {
    status: match.status,
    isSettled: settled,
    settledText: settled && match.companyNumber ? `${match.register} company number ${match.companyNumber}` : '',
    message: settled ? '' : match.message,
    isAmbiguous: candidates.length > 0,
    candidates,
    missingText: missing.length > 0 ? `Not available right now: ${missing.join(', ')}.` : '',
  };
}

function crmView(crm) {
  if (!crm) {
    return undefined;
  }
  const pipeline = crm.openPipeline;
  return {
    hasPipeline: !!pipeline,
    pipelineAmount: pipeline ? pipeline.amount : undefined,
    pipelineCurrency: pipeline ? pipeline.currency : undefined,
    openDeals: plural(crm.openOpportunityCount, 'open deal', 'open deals'),
    leads: plural(crm.leadCount, 'lead', 'leads'),
    // lightning-relative-date-time takes a time in milliseconds, not an ISO string.
    lastActivityAt: crm.lastActivityAt ? Date.parse(crm.lastActivityAt) : undefined,
    competitors: list(crm.competitors).join(', '),
  };
}

/** Everything the template needs for one report. */
export function toView(report, company, now) {
  const facts = factViews(report.facts);
  const factsById = new Map(facts.map((fact) => [fact.id, fact]));
  const fresh = freshness(report, now);
  const keyPeople = list(report.keyPeople).map((person, index) => ({
    key: `person-${index}`,
    name: person.name,
    role: person.role,
    since: person.since || undefined,
    citations: citations(person.factIds, factsById, `person-${index}`),
  }));
  const events = list(report.recentEvents)
    .map((event, index) => ({ event, index }))
    // Newest first, however the service ordered them.
    .sort((a, b) => String(b.event.date).localeCompare(String(a.event.date)) || a.index - b.index)
    .map(({ event, index }) => ({
      key: `event-${index}`,
      date: event.date,
      title: event.title,
      citations: citations(event.factIds, factsById, `event-${index}`),
    }));
  const talkingPoints = list(report.talkingPoints).map((point, index) => ({
    key: `point-${index}`,
    text: point.text,
    citations: citations(point.factIds, factsById, `point-${index}`),
  }));
  const register = registerView(report.registerMatch);
  return {
    companyName: company && isString(company.name) ? company.name : '',
    isPending: report.status === 'pending',
    isRunning: report.status === 'running',
    isInProgress: isInProgress(report),
    isCompleted: report.status === 'completed',
    isFailed: report.status === 'failed',
    progressText:
      report.status === 'pending'
        ? 'Research is queued and starts in a moment.'
        : 'Researching the company. This usually takes under a minute.',
    errorText: isString(report.error) && report.error.trim() !== '' ? report.error : RESEARCH_FAILED,
    freshnessText: fresh.text,
    isStale: fresh.isStale,
    isExpired: fresh.isExpired,
    overview: isString(report.overview) ? report.overview : '',
    overviewCitations: citations(report.overviewFactIds, factsById, 'overview'),
    writtenByNote: report.writtenBy === 'llm' ? 'Summary written by AI from the facts below. Check the sources.' : '',
    talkingPoints,
    keyPeople,
    events,
    risks: riskViews(report.riskFlags, factsById),
    crm: crmView(report.crmContext),
    facts,
    sources: sourceViews(report.sources),
    register,
    hasTalkingPoints: talkingPoints.length > 0,
    hasKeyPeople: keyPeople.length > 0,
    hasEvents: events.length > 0,
    hasRisks: list(report.riskFlags).length > 0,
    hasFacts: facts.length > 0,
    hasSources: list(report.sources).length > 0,
  };
}
