import { z } from 'zod';
import { Id, Text, Timestamp } from './common.ts';

export const Competitor = z
  .object({
    id: Id,
    name: z.string(),
    aliases: z.array(z.string()).meta({ description: 'Other names reps and prospects use; all are detected on calls' }),
    products: z.array(z.string()),
    website: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Competitor' });
export type Competitor = z.infer<typeof Competitor>;

const Names = z.array(Text(100).min(1)).max(50);

const WebsiteUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .nullish();

export const CompetitorCreate = z
  .strictObject({
    name: Text(100).min(1),
    aliases: Names.default([]),
    products: Names.default([]),
    website: WebsiteUrl,
  })
  .meta({ id: 'CompetitorCreate' });
export type CompetitorCreate = z.infer<typeof CompetitorCreate>;

export const CompetitorUpdate = z
  .strictObject({
    name: Text(100).min(1).optional(),
    aliases: Names.optional(),
    products: Names.optional(),
    website: WebsiteUrl,
  })
  .refine((update) => Object.keys(update).length > 0, 'at least one field to change')
  .meta({ id: 'CompetitorUpdate', description: 'Fields to change; absent fields stay as they are' });
export type CompetitorUpdate = z.infer<typeof CompetitorUpdate>;

export const CompetitorList = z.object({ data: z.array(Competitor) }).meta({ id: 'CompetitorList' });
export type CompetitorList = z.infer<typeof CompetitorList>;

export const BattlecardSectionKey = z
  .enum([
    'overview',
    'why_we_win',
    'their_strengths',
    'their_weaknesses',
    'landmines',
    'objection_handlers',
    'discovery_questions',
    'pricing',
    'proof_points',
    'talk_tracks',
  ])
  .meta({ id: 'BattlecardSectionKey' });
export type BattlecardSectionKey = z.infer<typeof BattlecardSectionKey>;

const itemShape = {
  label: Text(300).min(1).nullable().meta({ description: 'What the item answers, e.g. the objection it handles' }),
  text: Text(4000).min(1).meta({ description: 'What the rep can say, in Markdown' }),
  triggers: z
    .array(Text(200).min(1))
    .max(50)
    .meta({ description: 'Phrases that surface this item when heard on a live call' }),
};

export const BattlecardItem = z.object(itemShape).meta({ id: 'BattlecardItem' });
export type BattlecardItem = z.infer<typeof BattlecardItem>;
const BattlecardItemInput = z.strictObject(itemShape);

const sectionShape = {
  key: BattlecardSectionKey,
  title: Text(200).min(1),
  body: z.string().max(20_000).meta({ description: 'Markdown' }),
};

export const BattlecardSection = z
  .object({ ...sectionShape, items: z.array(BattlecardItem) })
  .meta({ id: 'BattlecardSection' });
export type BattlecardSection = z.infer<typeof BattlecardSection>;
const BattlecardSectionInput = z.strictObject({
  ...sectionShape,
  items: z.array(BattlecardItemInput).max(100).default([]),
});

// Suggestions cite a section by its key, so a key may appear once per card.
const Sections = z
  .array(BattlecardSectionInput)
  .min(1)
  .max(20)
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((section, index) => {
      if (seen.has(section.key))
        ctx.addIssue({ code: 'custom', message: `duplicate section ${section.key}`, path: [index, 'key'] });
      seen.add(section.key);
    });
  });

const StaleAfterDays = z.number().int().min(1).max(730);

export const Battlecard = z
  .object({
    id: Id,
    competitorId: Id,
    title: z.string(),
    sections: z.array(BattlecardSection),
    staleAfterDays: StaleAfterDays,
    reviewedAt: Timestamp,
    stale: z.boolean().meta({ description: 'True once staleAfterDays have passed since reviewedAt' }),
    version: z.number().int().min(1).meta({ description: 'Goes up by one with every saved change' }),
    author: z.string().nullable().meta({ description: 'Who saved this version' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Battlecard', description: 'How to sell against one competitor' });
export type Battlecard = z.infer<typeof Battlecard>;

export const BattlecardList = z.object({ data: z.array(Battlecard) }).meta({ id: 'BattlecardList' });
export type BattlecardList = z.infer<typeof BattlecardList>;

export const BattlecardListQuery = z.strictObject({
  competitorId: Id.optional(),
  stale: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'Only stale cards, or only fresh ones' }),
});
export type BattlecardListQuery = z.infer<typeof BattlecardListQuery>;

export const BattlecardVersionSummary = z
  .object({
    version: z.number().int().min(1),
    title: z.string(),
    author: z.string().nullable(),
    reviewedAt: Timestamp,
    savedAt: Timestamp,
  })
  .meta({ id: 'BattlecardVersionSummary' });
export const BattlecardVersionList = z
  .object({ data: z.array(BattlecardVersionSummary) })
  .meta({ id: 'BattlecardVersionList', description: 'Every saved version, newest first' });
export type BattlecardVersionList = z.infer<typeof BattlecardVersionList>;

export const BattlecardSearchQuery = z.strictObject({
  q: Text(500).min(1).meta({ description: 'Words to look for; close spellings and prefixes match too' }),
  competitorId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type BattlecardSearchQuery = z.infer<typeof BattlecardSearchQuery>;

export const BattlecardSearchHit = z
  .object({
    battlecardId: Id,
    competitorId: Id,
    cardTitle: z.string(),
    section: BattlecardSectionKey,
    sectionTitle: z.string(),
    item: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({ description: 'Index of the item in its section; null for the section text' }),
    label: z.string().nullable(),
    text: z.string(),
    score: z.number(),
    stale: z.boolean(),
  })
  .meta({ id: 'BattlecardSearchHit', description: 'A section or item of a card that matches the words' });
export type BattlecardSearchHit = z.infer<typeof BattlecardSearchHit>;
export const BattlecardSearchResults = z
  .object({ data: z.array(BattlecardSearchHit) })
  .meta({ id: 'BattlecardSearchResults', description: 'Best matches first' });
export type BattlecardSearchResults = z.infer<typeof BattlecardSearchResults>;

export const BattlecardDraftRequest = z
  .strictObject({
    competitorId: Id,
    notes: Text(50_000).min(20).meta({ description: 'Pasted notes: win/loss notes, a competitor page, call snippets' }),
  })
  .meta({ id: 'BattlecardDraftRequest' });
export type BattlecardDraftRequest = z.infer<typeof BattlecardDraftRequest>;

export const BattlecardCreate = z
  .strictObject({
    competitorId: Id,
    title: Text(200).min(1),
    sections: Sections,
    staleAfterDays: StaleAfterDays.optional().meta({ description: 'Defaults to 90' }),
    reviewedAt: Timestamp.optional().meta({ description: 'Defaults to now' }),
  })
  .meta({ id: 'BattlecardCreate' });
export type BattlecardCreate = z.infer<typeof BattlecardCreate>;

export const BattlecardUpdate = z
  .strictObject({
    competitorId: Id.optional(),
    title: Text(200).min(1).optional(),
    sections: Sections.optional().meta({ description: 'Replaces all sections' }),
    staleAfterDays: StaleAfterDays.optional(),
    reviewedAt: Timestamp.optional().meta({ description: 'Set to now to mark the card reviewed' }),
  })
  .refine((update) => Object.keys(update).length > 0, 'at least one field to change')
  .meta({ id: 'BattlecardUpdate', description: 'Fields to change; absent fields stay as they are' });
export type BattlecardUpdate = z.infer<typeof BattlecardUpdate>;

export const BattlecardDraft = z
  .object({
    draft: BattlecardCreate,
    source: z
      .enum(['llm', 'template'])
      .meta({ description: 'Written by the configured LLM, or sorted into sections by the built-in rules' }),
  })
  .meta({ id: 'BattlecardDraft', description: 'A card to review and save; nothing is stored yet' });
export type BattlecardDraft = z.infer<typeof BattlecardDraft>;

export const competitorExample: Competitor = {
  id: 'a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017',
  name: 'Trakwell Telematics',
  aliases: ['Trakwell', 'Trak Well', 'TWT'],
  products: ['Trakwell Fleet', 'Trakwell DashCam'],
  website: 'https://www.trakwell.co.uk',
  createdAt: '2026-08-14T11:00:00.000Z',
  updatedAt: '2026-10-30T15:20:00.000Z',
};

export const competitorCreateExample: CompetitorCreate = {
  name: 'Routeline',
  aliases: ['Route Line'],
  products: ['Routeline Dispatch'],
  website: 'https://routeline.com',
};

export const battlecardExample: Battlecard = {
  id: 'd7e2b5c9-0a4f-4e13-8b6d-c2f9a1e7b350',
  competitorId: 'a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017',
  title: 'FleetPulse vs Trakwell Telematics',
  sections: [
    {
      key: 'why_we_win',
      title: 'Why we win',
      body:
        '- **Driver app included**: Trakwell charges £4 per driver per month for theirs.\n' +
        '- **Tachograph downloads** built in, no third-party add-on.\n' +
        '- Live ETA sharing with customers out of the box.',
      items: [],
    },
    {
      key: 'landmines',
      title: 'Landmines to lay',
      body: 'Ask questions that expose their gaps before pricing comes up.',
      items: [
        {
          label: null,
          text: 'How do your drivers download tachograph data today, and how long does it take each week?',
          triggers: ['tachograph', 'tacho'],
        },
      ],
    },
    {
      key: 'objection_handlers',
      title: 'Objections',
      body: 'Acknowledge, then bring it back to total cost.',
      items: [
        {
          label: 'Trakwell is cheaper per vehicle',
          text:
            'Their headline price leaves out the driver app and tacho add-on. For 140 vans that is about ' +
            '£8,000 a year more; happy to walk through it line by line.',
          triggers: ['cheaper', 'lower price', 'less per vehicle'],
        },
        {
          label: 'We are locked into a three-year contract',
          text: 'Most customers switch at renewal; we can run a 30-day pilot on 10 vans before then.',
          triggers: ['contract', 'locked in', 'renewal'],
        },
      ],
    },
  ],
  staleAfterDays: 90,
  reviewedAt: '2026-10-30T15:20:00.000Z',
  stale: false,
  version: 3,
  author: 'Ana Lopez',
  createdAt: '2026-08-14T11:05:00.000Z',
  updatedAt: '2026-10-30T15:20:00.000Z',
};

export const battlecardCreateExample: BattlecardCreate = {
  competitorId: 'a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017',
  title: 'FleetPulse vs Trakwell Telematics',
  sections: battlecardExample.sections,
  staleAfterDays: 90,
};

export const battlecardUpdateExample: BattlecardUpdate = {
  reviewedAt: '2026-11-24T10:00:00.000Z',
};

export const BattlecardsInPlayQuery = z
  .strictObject({
    leadId: Id.optional(),
    opportunityId: Id.optional(),
    crmId: Text(255)
      .min(1)
      .optional()
      .meta({ description: 'A CRM record id: lead, contact, deal/opportunity or account/company' }),
  })
  .superRefine((query, ctx) => {
    const given = [query.leadId, query.opportunityId, query.crmId].filter((value) => value !== undefined);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', message: 'give exactly one of leadId, opportunityId or crmId', path: ['leadId'] });
  })
  .meta({ id: 'BattlecardsInPlayQuery' });
export type BattlecardsInPlayQuery = z.infer<typeof BattlecardsInPlayQuery>;

export const CompetitorInPlay = z
  .object({
    competitor: Competitor,
    cards: z.array(Battlecard).meta({ description: "The competitor's battlecards; empty when none is written yet" }),
    mentions: z.object({
      calls: z.number().int().min(0).meta({ description: 'Calls in which the competitor was named' }),
      deals: z.array(Id).meta({ description: 'Opportunities whose competitor field names it' }),
      lastAt: Timestamp.nullable().meta({ description: 'When it was last named on a call' }),
    }),
  })
  .meta({ id: 'CompetitorInPlay', description: 'A competitor named on the record’s calls or deals, with its cards' });
export type CompetitorInPlay = z.infer<typeof CompetitorInPlay>;

export const BattlecardsInPlay = z
  .object({ data: z.array(CompetitorInPlay) })
  .meta({ id: 'BattlecardsInPlay', description: 'Most recently named first; deal-only competitors after' });
export type BattlecardsInPlay = z.infer<typeof BattlecardsInPlay>;

export const battlecardsInPlayExample: BattlecardsInPlay = {
  data: [
    {
      competitor: competitorExample,
      cards: [battlecardExample],
      mentions: { calls: 2, deals: ['9c4e2a7f-1b3d-4f68-a5c0-e7d9b1f3a246'], lastAt: '2026-11-24T09:14:05.000Z' },
    },
  ],
};
