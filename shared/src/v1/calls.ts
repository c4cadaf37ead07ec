import { z } from 'zod';
import { Cursor, Id, Text, Timestamp } from './common.ts';
import { BattlecardSectionKey } from './battlecards.ts';

export const CallPlatform = z
  .enum(['zoom', 'teams', 'dialer', 'upload', 'manual'])
  .meta({ id: 'CallPlatform', description: 'Where the transcript comes from' });
export type CallPlatform = z.infer<typeof CallPlatform>;

export const CallStatus = z.enum(['live', 'ended']).meta({ id: 'CallStatus' });
export type CallStatus = z.infer<typeof CallStatus>;

export const CallSummary = z
  .object({
    text: z.string(),
    nextSteps: z.array(z.string()),
    competitorIds: z.array(Id).meta({ description: 'Competitors mentioned on the call' }),
    objections: z.array(z.string()),
    repTalkRatio: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: "The rep's share of talk time; null when speakers were not told apart" }),
  })
  .meta({ id: 'CallSummary', description: 'Written when the call ends and logged to the CRM' });
export type CallSummary = z.infer<typeof CallSummary>;

export const CallMetrics = z
  .object({
    repTalkRatio: z.number().min(0).max(1).nullable(),
    repTalkMs: z.number().int().min(0),
    prospectTalkMs: z.number().int().min(0),
    longestMonologue: z
      .object({ speaker: z.enum(['rep', 'prospect']), ms: z.number().int().min(0) })
      .nullable()
      .meta({ description: 'The longest stretch one speaker held the floor' }),
    sentimentTrend: z
      .array(z.number().min(-1).max(1))
      .meta({ description: "The prospect's sentiment, smoothed, one point per utterance (the last 20)" }),
    questionsAsked: z.object({ rep: z.number().int().min(0), prospect: z.number().int().min(0) }),
  })
  .meta({ id: 'CallMetrics', description: 'How the conversation is going, kept current during the call' });
export type CallMetrics = z.infer<typeof CallMetrics>;

export const Call = z
  .object({
    id: Id,
    leadId: Id.nullable(),
    opportunityId: Id.nullable(),
    userId: Id.nullable().meta({ description: 'The rep on the call' }),
    platform: CallPlatform,
    externalId: z.string().nullable().meta({ description: "The platform's id of the meeting or call" }),
    status: CallStatus,
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
    summary: CallSummary.nullable(),
    metrics: CallMetrics.nullable(),
  })
  .meta({ id: 'Call' });
export type Call = z.infer<typeof Call>;

export const CallStart = z
  .strictObject({
    platform: CallPlatform,
    externalId: Text(255)
      .min(1)
      .nullish()
      .meta({ description: 'A second start with the same platform and externalId returns the same call' }),
    leadId: Id.nullish(),
    opportunityId: Id.nullish(),
    userId: Id.nullish().meta({ description: 'Defaults to the user making the request, when known' }),
    startedAt: Timestamp.optional().meta({ description: 'Defaults to now' }),
  })
  .meta({ id: 'CallStart' });
export type CallStart = z.infer<typeof CallStart>;

export const CallEnd = z
  .strictObject({ endedAt: Timestamp.optional().meta({ description: 'Defaults to now' }) })
  .meta({ id: 'CallEnd' });
export type CallEnd = z.infer<typeof CallEnd>;

export const Speaker = z.enum(['rep', 'prospect']).meta({ id: 'Speaker' });
export type Speaker = z.infer<typeof Speaker>;

// Offsets from the start of the call; a day bounds any real call.
const OffsetMs = z.number().int().min(0).max(86_400_000);

const segmentShape = {
  segmentId: Text(128)
    .min(1)
    .meta({ description: "The source's id of the segment; a later segment with the same id replaces it" }),
  speaker: Speaker,
  text: Text(10_000).min(1),
  startMs: OffsetMs,
  endMs: OffsetMs,
  final: z
    .boolean()
    .meta({ description: 'False for an interim result that a later segment with the same id will replace' }),
};
const endsAfterStart = (segment: { startMs: number; endMs: number }) => segment.endMs >= segment.startMs;
const endsAfterStartError = { message: 'endMs must not be before startMs', path: ['endMs'] };

export const TranscriptSegment = z
  .object({
    ...segmentShape,
    callId: Id,
    seq: z.number().int().min(0).meta({ description: 'Position in the transcript, in order of arrival' }),
    receivedAt: Timestamp,
  })
  .refine(endsAfterStart, endsAfterStartError)
  .meta({ id: 'TranscriptSegment', description: 'An utterance of one speaker' });
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

export const TranscriptSegmentUpsert = z
  .strictObject(segmentShape)
  .refine(endsAfterStart, endsAfterStartError)
  .meta({ id: 'TranscriptSegmentUpsert', description: 'A segment keyed by segmentId: added when new, else replaced' });
export type TranscriptSegmentUpsert = z.infer<typeof TranscriptSegmentUpsert>;

export const TranscriptSegmentBatch = z
  .strictObject({
    segments: z
      .array(TranscriptSegmentUpsert)
      .min(1)
      .max(500)
      .superRefine((segments, ctx) => {
        const seen = new Set<string>();
        segments.forEach((segment, index) => {
          if (seen.has(segment.segmentId))
            ctx.addIssue({
              code: 'custom',
              message: `segment ${segment.segmentId} appears twice; send only its latest version`,
              path: [index, 'segmentId'],
            });
          seen.add(segment.segmentId);
        });
      }),
  })
  .meta({ id: 'TranscriptSegmentBatch', description: 'Up to 500 segments of one call' });
export type TranscriptSegmentBatch = z.infer<typeof TranscriptSegmentBatch>;

export const SuggestionKind = z
  .enum(['competitor', 'objection', 'question', 'next_step', 'talk_track'])
  .meta({ id: 'SuggestionKind' });
export type SuggestionKind = z.infer<typeof SuggestionKind>;

export const SuggestionSource = z
  .object({ battlecardId: Id, section: BattlecardSectionKey })
  .meta({ id: 'SuggestionSource', description: 'The battlecard section the suggestion was taken from' });
export type SuggestionSource = z.infer<typeof SuggestionSource>;

export const SuggestionSignal = z
  .object({
    detector: z
      .enum(['competitor_mention', 'objection', 'question', 'keyword', 'llm'])
      .meta({ description: 'What noticed the moment' }),
    match: z.string().meta({ description: 'The words in the segment that set it off' }),
    competitorId: Id.nullable(),
    confidence: z.number().min(0).max(1),
  })
  .meta({ id: 'SuggestionSignal', description: 'What was heard that prompted the suggestion' });
export type SuggestionSignal = z.infer<typeof SuggestionSignal>;

export const Suggestion = z
  .object({
    id: Id,
    callId: Id,
    segmentId: z.string().meta({ description: 'The segment that prompted it' }),
    kind: SuggestionKind,
    title: z.string(),
    body: z.string().meta({ description: 'Markdown' }),
    source: SuggestionSource.nullable().meta({ description: 'Null when not taken from a battlecard' }),
    signal: SuggestionSignal,
    tailored: z
      .string()
      .nullable()
      .meta({ description: 'A line written for this conversation by the LLM, added moments after; null without one' }),
    createdAt: Timestamp,
  })
  .meta({ id: 'Suggestion', description: 'A prompt shown to the rep during a live call' });
export type Suggestion = z.infer<typeof Suggestion>;

export const SegmentIngestResult = z
  .object({
    added: z.number().int().min(0),
    replaced: z.number().int().min(0).meta({ description: 'Interim segments replaced by their final, or corrections' }),
    unchanged: z.number().int().min(0).meta({ description: 'Segments sent again exactly as stored: ignored' }),
    suggestions: z.array(Suggestion).meta({ description: 'Suggestions these segments prompted' }),
  })
  .meta({ id: 'SegmentIngestResult' });
export type SegmentIngestResult = z.infer<typeof SegmentIngestResult>;

export const CallToken = z
  .object({
    token: z.string().meta({ description: 'Pass as ?token= to the event stream or the WebSocket; one call only' }),
    expiresAt: Timestamp,
    streamUrl: z.string().meta({ description: 'The SSE stream of this call, token included' }),
  })
  .meta({
    id: 'CallToken',
    description: 'A short-lived credential for one call, for clients that cannot send headers',
  });
export type CallToken = z.infer<typeof CallToken>;

export const CallPlatformSettings = z
  .object({
    zoomAccountId: z.string().nullable().meta({ description: "The Zoom account whose meetings are this workspace's" }),
    entraTenantId: z
      .string()
      .nullable()
      .meta({ description: 'The Microsoft Entra tenant whose Teams meetings are this workspace’s' }),
    zoomWebhookUrl: z.string().meta({ description: 'Where the Zoom app sends its events' }),
    teamsNotificationUrl: z.string().meta({ description: 'Where Microsoft Graph sends transcript notifications' }),
    teamsSubscription: z
      .object({
        status: z.enum(['active', 'none', 'failed', 'not_configured']).meta({
          description:
            'active: transcripts arrive; none: no Entra tenant registered; failed: Microsoft refused (see message); ' +
            'not_configured: this service has no Teams app (TEAMS_CLIENT_ID)',
        }),
        expiresAt: Timestamp.nullable().meta({ description: 'Renewed automatically before then' }),
        message: z.string().nullable(),
      })
      .meta({ description: "Microsoft Graph's subscription to the Entra tenant's Teams transcripts" }),
  })
  .meta({ id: 'CallPlatformSettings', description: 'Which call platform accounts feed this workspace' });
export type CallPlatformSettings = z.infer<typeof CallPlatformSettings>;

const PlatformAccountId = Text(128)
  .min(1)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'an account id: letters, digits and _ . : - only');

export const CallPlatformSettingsUpdate = z
  .strictObject({
    zoomAccountId: PlatformAccountId.nullable().optional(),
    entraTenantId: z.uuid({ error: 'a Microsoft Entra tenant id (a GUID)' }).nullable().optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'at least one account to set or clear')
  .meta({ id: 'CallPlatformSettingsUpdate', description: 'Accounts to set; null clears one, absent leaves it' });
export type CallPlatformSettingsUpdate = z.infer<typeof CallPlatformSettingsUpdate>;

export const CallListQuery = z.strictObject({
  leadId: Id.optional(),
  status: CallStatus.optional(),
  platform: CallPlatform.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const CallList = z.object({ data: z.array(Call) }).meta({ id: 'CallList', description: 'Newest first' });
export type CallList = z.infer<typeof CallList>;

export const CallEventsQuery = z.strictObject({
  cursor: Cursor.optional().meta({ description: 'The cursor of the previous page; absent for the whole call so far' }),
  // hubspot.fetch gives up after 15 seconds, so a poll must answer well before that.
  waitSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(8)
    .meta({ description: 'How long to hold the request open when there is nothing new' }),
});
export type CallEventsQuery = z.infer<typeof CallEventsQuery>;

export const CallEvents = z
  .object({
    callId: Id,
    callStatus: CallStatus.meta({ description: 'Stop polling once the call has ended and a page comes back empty' }),
    segments: z.array(TranscriptSegment).meta({ description: 'New or replaced segments, in seq order' }),
    suggestions: z
      .array(Suggestion)
      .meta({ description: 'New suggestions, and earlier ones that gained their tailored line, in seq order' }),
    metrics: CallMetrics.nullable(),
    summary: CallSummary.nullable().meta({ description: 'Once the call has ended and its summary is written' }),
    cursor: Cursor.meta({ description: 'Pass it back to get what happened after this page' }),
  })
  .meta({
    id: 'CallEvents',
    description: 'What happened on a call since a cursor, for clients that cannot hold a stream',
  });
export type CallEvents = z.infer<typeof CallEvents>;

const callId = '91c4e8a2-3d7b-4f05-a6e9-b2d0c5f8a147';

export const callExample: Call = {
  id: callId,
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  opportunityId: '3e9a7b41-5c2d-4f80-9e16-b7d4a0c8f255',
  userId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  platform: 'zoom',
  externalId: '4a7Jc2kQTfq0b9xW3mZ1Vg==',
  status: 'ended',
  startedAt: '2026-11-24T14:00:05.000Z',
  endedAt: '2026-11-24T14:27:48.000Z',
  summary: {
    text:
      'Priya confirmed 140 vans across three depots and an ongoing Trakwell trial. ' +
      'Main concern is per-vehicle price; tachograph downloads are a manual weekly chore today.',
    nextSteps: ['Send a cost comparison against Trakwell by Friday', 'Book a demo with the Leeds depot manager'],
    competitorIds: ['a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017'],
    objections: ['Trakwell is cheaper per vehicle'],
    repTalkRatio: 0.42,
  },
  metrics: {
    repTalkRatio: 0.42,
    repTalkMs: 699_000,
    prospectTalkMs: 964_000,
    longestMonologue: { speaker: 'prospect', ms: 74_000 },
    sentimentTrend: [0.1, 0.05, -0.2, 0.15, 0.3],
    questionsAsked: { rep: 14, prospect: 6 },
  },
};

export const callStartExample: CallStart = {
  platform: 'zoom',
  externalId: '4a7Jc2kQTfq0b9xW3mZ1Vg==',
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  opportunityId: '3e9a7b41-5c2d-4f80-9e16-b7d4a0c8f255',
  userId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  startedAt: '2026-11-24T14:00:05.000Z',
};

export const transcriptSegmentUpsertExample: TranscriptSegmentUpsert = {
  segmentId: 'seg-000142',
  speaker: 'prospect',
  text: "Honestly, Trakwell came in cheaper per vehicle, and we're already trialling them on the vans.",
  startMs: 312_480,
  endMs: 318_900,
  final: true,
};

export const transcriptSegmentBatchExample: TranscriptSegmentBatch = {
  segments: [
    {
      segmentId: 'seg-000141',
      speaker: 'rep',
      text: 'How are you tracking the fleet at the moment?',
      startMs: 309_020,
      endMs: 311_750,
      final: true,
    },
    transcriptSegmentUpsertExample,
  ],
};

export const transcriptSegmentExample: TranscriptSegment = {
  ...transcriptSegmentUpsertExample,
  callId,
  seq: 142,
  receivedAt: '2026-11-24T14:05:19.210Z',
};

export const suggestionExample: Suggestion = {
  id: '5f8b2d6e-9c1a-4e37-b0f4-a6d3c9e2b781',
  callId,
  segmentId: 'seg-000142',
  kind: 'objection',
  title: 'Trakwell is cheaper per vehicle',
  body:
    'Their headline price leaves out the driver app and tacho add-on. For 140 vans that is about ' +
    '£8,000 a year more; happy to walk through it line by line.',
  source: { battlecardId: 'd7e2b5c9-0a4f-4e13-8b6d-c2f9a1e7b350', section: 'objection_handlers' },
  signal: {
    detector: 'competitor_mention',
    match: 'Trakwell came in cheaper per vehicle',
    competitorId: 'a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017',
    confidence: 0.93,
  },
  tailored: null,
  createdAt: '2026-11-24T14:05:19.640Z',
};

export const callEventsExample: CallEvents = {
  callId,
  callStatus: 'live',
  segments: [transcriptSegmentExample],
  suggestions: [suggestionExample],
  metrics: callExample.metrics,
  summary: null,
  cursor: 'eyJzZXEiOjE0M30',
};
