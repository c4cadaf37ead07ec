import { randomUUID } from 'node:crypto';
import type { CallSummary } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededCard } from './build-competitors.ts';
import type { SeededLead } from './build-leads.ts';
import { suggestionRow } from './build-suggestions.ts';
import type { SeededUser } from './build-users.ts';
import { daysAgo } from './dates.ts';
import type { SeedContext } from './random.ts';
import { DISCOVERY_CALL } from './reference-data/discovery-call.ts';

/** The recorded call with its transcript and the suggestions the assistant raised during it. */
export interface SeededCall {
  call: Prisma.CallCreateManyInput;
  segments: Prisma.TranscriptSegmentCreateManyInput[];
  suggestions: Prisma.SuggestionCreateManyInput[];
}

/** A UK lead in play, owned by the senior UK SDR, with a mid-sized van fleet: a believable discovery call. */
function callLead(leads: SeededLead[], rep: SeededUser): SeededLead {
  const fits = (lead: SeededLead) =>
    lead.company.country === 'GB' &&
    lead.row.ownerId === rep.row.id &&
    (lead.row.status === 'working' || lead.row.status === 'qualified') &&
    !lead.freeMail &&
    lead.row.companyId !== null &&
    lead.row.firstName !== null &&
    ['manager', 'head', 'director'].includes(lead.tier) &&
    lead.fleet !== null &&
    lead.fleet >= 30 &&
    lead.fleet <= 250;
  const lead = leads.find(fits) ?? leads.find((l) => l.row.ownerId === rep.row.id) ?? leads[0];
  if (!lead) throw new Error('the demo call needs at least one lead');
  return lead;
}

/** Fills `{name}` placeholders; unknown names are left as written. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function buildCall(ctx: SeedContext, leads: SeededLead[], users: SeededUser[], cards: SeededCard[]): SeededCall {
  const { faker } = ctx;
  const rep = users.find((user) => user.member.weight === 2) ?? users[0];
  if (!rep) throw new Error('the demo call needs a rep');
  const lead = callLead(leads, rep);
  const samsara = cards.find((card) => card.competitor.name === 'Samsara') ?? cards[0];
  if (!samsara) throw new Error('the demo call needs a battlecard');

  const values = {
    first: lead.row.firstName ?? 'there',
    rep: rep.member.name.split(' ')[0] ?? rep.member.name,
    company: lead.company.shortName,
    city: lead.company.place.city,
    fleet: String(Math.min(400, Math.max(20, lead.fleet ?? lead.company.fleet))),
  };
  const callId = randomUUID();
  const startedAt = daysAgo(ctx, 2);
  startedAt.setUTCHours(14, 0, 5, 0);

  let clock = faker.number.int({ min: 800, max: 1500 });
  const segments = DISCOVERY_CALL.map((line, index) => {
    const text = fill(line.text, values);
    const startMs = clock;
    // About 160 words a minute, with the pauses people leave between turns.
    const endMs = startMs + text.split(/\s+/).length * 375 + faker.number.int({ min: 200, max: 900 });
    clock = endMs + faker.number.int({ min: 250, max: 1100 });
    return {
      tenantId: ctx.tenantId,
      callId,
      segmentId: `seg-${String(index + 1).padStart(3, '0')}`,
      seq: index + 1,
      speaker: line.speaker,
      text,
      startMs,
      endMs,
      final: true,
      receivedAt: new Date(startedAt.getTime() + endMs + 400),
    };
  });
  const endedAt = new Date(startedAt.getTime() + clock + 1500);

  // Events of a call are numbered in one sequence (segments, then what the assistant raised), as the live path numbers
  // them, so the call reads back through GET /v1/calls/:id/events like any other.
  const suggestions = DISCOVERY_CALL.flatMap((line, index) => {
    const segment = segments[index];
    if (!line.cue || !segment) return [];
    return [suggestionRow(ctx, line.cue, line.match ?? '', segment, samsara, callId)];
  }).map((suggestion, index) => ({ ...suggestion, seq: segments.length + index + 1 }));

  const talk = (speaker: string) =>
    segments.filter((s) => s.speaker === speaker).reduce((sum, s) => sum + s.endMs - s.startMs, 0);
  const summary: CallSummary = {
    text:
      `${values.first} (${values.company}) runs about ${values.fleet} vans and some 7.5t trucks from ${values.city}. Saw a Samsara demo in the summer; ` +
      `finance rejected the per-vehicle quote on a three-year term. Tachograph downloads are manual and drew a DVSA warning in March. ` +
      `Locked into the current tracker until the end of March.`,
    nextSteps: [
      'Demo with ops director Gareth next Thursday at 10:00',
      'Send the Midlands haulier case study and a cost comparison against the Samsara quote',
    ],
    competitorIds: [samsara.competitorId],
    objections: [
      'Too expensive compared with the Samsara quote',
      'Tied into the current contract until the end of March',
    ],
    repTalkRatio: Math.round((talk('rep') / (talk('rep') + talk('prospect'))) * 100) / 100,
  };

  return {
    call: {
      tenantId: ctx.tenantId,
      id: callId,
      leadId: lead.row.id,
      opportunityId: null,
      userId: rep.row.id,
      platform: 'dialer',
      externalId: `CA${faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`,
      status: 'ended',
      lastSeq: segments.length + suggestions.length,
      startedAt,
      endedAt,
      summary,
    },
    segments,
    suggestions,
  };
}
