import { asList, getObject, post, segment } from './backend.js';
import { REPLAY_PREFIX, isReplay } from './demoContext.js';
import { publish } from './eventBus.js';

// Replays a recorded call's transcript as a new live call, through the same API a dialer or Zoom integration uses:
// start, segments in timed batches (each line first as an interim, then final), end. Start and end are published as
// the service would publish SDR_Call_Event__e, so c-sdr-live-call finds the call exactly as it does in Salesforce.

export const CALL_EVENT_CHANNEL = '/event/SDR_Call_Event__e';
const TICK_MS = 200;
// Platform events reach subscribers a moment after the service publishes them; the end waits as long, which also lets
// the panel's poll fetch the last lines before the end event turns it to the summary.
const END_EVENT_DELAY_MS = 2000;
// The longest pause kept between two lines, in the call's own time, so a silence does not stall the replay.
const MAX_GAP_MS = 4000;

/**
 * When each line is sent, in ms from the start of the replay: its interim halfway through the line, its final at
 * its end, gaps capped, everything `speed` times faster.
 */
export function schedule(segments, speed) {
  const steps = [];
  let offset = 0;
  let previousEnd = segments.length > 0 ? segments[0].startMs : 0;
  segments.forEach((line, index) => {
    offset += Math.min(Math.max(0, line.startMs - previousEnd), MAX_GAP_MS);
    const start = offset;
    const length = Math.max(0, line.endMs - line.startMs);
    offset += length;
    previousEnd = line.endMs;
    const words = line.text.split(/\s+/);
    const upload = { segmentId: line.segmentId, speaker: line.speaker, startMs: line.startMs, endMs: line.endMs };
    if (words.length > 3) {
      const interim = words.slice(0, Math.ceil(words.length / 2)).join(' ');
      steps.push({ at: (start + length / 2) / speed, index, segment: { ...upload, text: interim, final: false } });
    }
    steps.push({ at: offset / speed, index, segment: { ...upload, text: line.text, final: true } });
  });
  return steps;
}

function replayExternalId() {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${REPLAY_PREFIX}${random}`;
}

function wait(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    if (signal) signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function publishCallEvent(state, callId, recordId, ownerCrmId) {
  publish(CALL_EVENT_CHANNEL, {
    Call_Id__c: callId,
    Event_Type__c: state,
    Record_Id__c: recordId,
    Payload__c: JSON.stringify({ ownerId: ownerCrmId || null }),
  });
}

/** Ends calls an earlier replay of this lead left live (a page closed mid-replay), so only one is live at a time. */
async function endLeftoverReplays(leadId) {
  const live = asList((await getObject('/v1/calls', { leadId, status: 'live', limit: '100' })).data);
  for (const call of live.filter(isReplay)) await post(`/v1/calls/${segment(call.id)}/end`, {});
}

/**
 * Replays `lines` (a recorded call's final segments) on `lead` (the service's lead) shown as `recordId` (its
 * Salesforce id), as `user`. onProgress hears `{ phase, callId, sent, total }`. Resolves with the new call's id once
 * it has ended.
 */
export async function replayCall({ lines, lead, recordId, user, speed = 6, signal, onProgress = () => {} }) {
  if (!lines || lines.length === 0) throw new Error('The recorded call has no transcript to replay.');
  await endLeftoverReplays(lead.id);
  const started = JSON.parse(
    await post('/v1/calls', {
      platform: 'manual',
      externalId: replayExternalId(),
      leadId: lead.id,
      userId: user ? user.id : null,
    }),
  );
  const callId = started.id;
  const ownerCrmId = user ? user.crmUserId : null;
  publishCallEvent('started', callId, recordId, ownerCrmId);
  onProgress({ phase: 'live', callId, sent: 0, total: lines.length });

  const steps = schedule(lines, speed);
  const began = Date.now();
  let next = 0;
  const finals = new Set();
  try {
    while (next < steps.length && !(signal && signal.aborted)) {
      await wait(Math.max(0, Math.min(TICK_MS, steps[next].at - (Date.now() - began))), signal);
      const due = [];
      while (next < steps.length && steps[next].at <= Date.now() - began) {
        due.push(steps[next]);
        next += 1;
      }
      if (due.length === 0) continue;
      // One batch may hold a line only once: its latest version.
      const latest = new Map(due.map((step) => [step.segment.segmentId, step]));
      await post(`/v1/calls/${segment(callId)}/segments`, {
        segments: [...latest.values()].map((step) => step.segment),
      });
      due.filter((step) => step.segment.final).forEach((step) => finals.add(step.index));
      onProgress({ phase: 'live', callId, sent: finals.size, total: lines.length });
    }
  } finally {
    // Ended even when stopped half-way, so the lead is not left with a call that never ends.
    await post(`/v1/calls/${segment(callId)}/end`, {});
    await wait(END_EVENT_DELAY_MS);
    publishCallEvent('ended', callId, recordId, ownerCrmId);
  }
  onProgress({ phase: 'ended', callId, sent: finals.size, total: lines.length });
  return callId;
}
