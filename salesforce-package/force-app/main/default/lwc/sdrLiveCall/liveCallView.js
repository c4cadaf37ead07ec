import { readJson, UnreadableResponse } from 'c/sdrErrors';
// Turns what SdrLiveCallController and the call stream send into what the template shows, so the template stays
// free of logic and the merge rules (interim lines replaced, suggestions newest first) can be read in one place.

export const UNREADABLE_MESSAGE = 'The SDR service sent call data this panel cannot read. Try again in a minute.';
export const LOAD_FAILED = 'Something went wrong loading the call. Try again in a minute.';

const SPEAKERS = { rep: 'Rep', prospect: 'Prospect' };

const KINDS = {
  competitor: 'Competitor',
  objection: 'Objection',
  question: 'Question',
  next_step: 'Next step',
  talk_track: 'Talk track',
};

// What each kind's body is to the rep: an objection's body is what to say back.
const BODY_LABELS = { objection: 'Talk track', competitor: 'From the battlecard' };

const SECTIONS = {
  overview: 'Overview',
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  their_weaknesses: 'Their weaknesses',
  landmines: 'Landmines',
  objection_handlers: 'Objection handlers',
  discovery_questions: 'Discovery questions',
  pricing: 'Pricing',
  proof_points: 'Proof points',
  talk_tracks: 'Talk tracks',
};

/**
 * @returns {{ status: 'not_synced' } | { status: 'no_call' } | { status: 'live', call: object, token: object }}
 */
export function parseLiveCall(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  if (response && (response.status === 'not_synced' || response.status === 'no_call')) {
    return { status: response.status };
  }
  if (response && response.status === 'live' && isCall(response.call) && response.token) {
    return { status: 'live', call: response.call, token: response.token };
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

export function parseCall(raw) {
  const call = readJson(raw, UNREADABLE_MESSAGE);
  if (!isCall(call)) {
    throw new UnreadableResponse(UNREADABLE_MESSAGE);
  }
  return call;
}

/** A page of CallEvents, from the long-poll or the data of one stream event. */
export function parseEvents(raw) {
  const page = readJson(raw, UNREADABLE_MESSAGE);
  if (
    !page ||
    typeof page.cursor !== 'string' ||
    !Array.isArray(page.segments) ||
    !Array.isArray(page.suggestions) ||
    (page.callStatus !== 'live' && page.callStatus !== 'ended')
  ) {
    throw new UnreadableResponse(UNREADABLE_MESSAGE);
  }
  return page;
}

function isCall(call) {
  return !!call && typeof call.id === 'string' && (call.status === 'live' || call.status === 'ended');
}

/**
 * Segments keyed by segmentId: a later one with the same id replaces the earlier (an interim line by its final),
 * keeping its place, so a line does not jump when it is corrected.
 */
export function mergeSegments(current, incoming) {
  const merged = new Map(current.map((segment) => [segment.segmentId, segment]));
  incoming.forEach((segment) => merged.set(segment.segmentId, segment));
  return Array.from(merged.values());
}

/** Suggestions keyed by id, newest first: one that gained its tailored line is replaced where it stands. */
export function mergeSuggestions(current, incoming) {
  const merged = new Map(current.map((suggestion) => [suggestion.id, suggestion]));
  incoming.forEach((suggestion) => merged.set(suggestion.id, suggestion));
  return Array.from(merged.values()).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function lineView(segment) {
  const interim = segment.final === false;
  return {
    key: segment.segmentId,
    speaker: SPEAKERS[segment.speaker] || segment.speaker,
    speakerClass: `speaker speaker_${segment.speaker}`,
    text: segment.text,
    interim,
    lineClass: interim ? 'line line_interim' : 'line',
  };
}

export function suggestionView(suggestion) {
  const source = suggestion.source;
  const section = source ? SECTIONS[source.section] || source.section : null;
  return {
    key: suggestion.id,
    kind: KINDS[suggestion.kind] || suggestion.kind,
    kindClass: `kind kind_${suggestion.kind}`,
    title: suggestion.title,
    bodyLabel: BODY_LABELS[suggestion.kind] || 'Suggestion',
    // Markdown arrives as text: rendering it as HTML would need innerHTML, which LWC forbids for good reason.
    body: suggestion.body,
    tailored: suggestion.tailored,
    source: section ? `Battlecard: ${section}` : 'Heard on the call',
    heard: suggestion.signal && suggestion.signal.match ? `“${suggestion.signal.match}”` : '',
  };
}

/** The rep's share of talk time, or null while the speakers have not been told apart. */
export function talkView(ratio) {
  if (typeof ratio !== 'number') {
    return null;
  }
  const rep = Math.min(100, Math.max(0, Math.round(ratio * 100)));
  return {
    rep,
    prospect: 100 - rep,
    text: `Rep ${rep}% · Prospect ${100 - rep}%`,
    valueText: `The rep talked ${rep}% of the time`,
    fillStyle: `width: ${rep}%;`,
  };
}

export function summaryView(call) {
  const summary = call.summary;
  const ratio = summary && typeof summary.repTalkRatio === 'number' ? summary.repTalkRatio : null;
  return {
    text: summary ? summary.text : '',
    nextSteps: summary ? summary.nextSteps.map((step, index) => ({ key: `step-${index}`, text: step })) : [],
    objections: summary ? summary.objections.map((text, index) => ({ key: `objection-${index}`, text })) : [],
    talk: talkView(ratio !== null ? ratio : call.metrics && call.metrics.repTalkRatio),
    endedAt: call.endedAt ? Date.parse(call.endedAt) : null,
  };
}
