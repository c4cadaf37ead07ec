import { randomUUID } from 'node:crypto';
import type { BattlecardSectionKey, SuggestionKind, SuggestionSignal } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededCard } from './build-competitors.ts';
import type { SeedContext } from './random.ts';
import type { Cue } from './reference-data/discovery-call.ts';

function findItem(card: SeededCard, key: BattlecardSectionKey, label: (text: string) => boolean) {
  return card.competitor.sections[key]?.items?.find((entry) => label(entry.label ?? entry.text));
}

/** The suggestion the assistant raised at a cue in the call, taken from the competitor's battlecard. */
export function suggestionRow(
  ctx: SeedContext,
  cue: Cue,
  match: string,
  segment: { segmentId: string; receivedAt: Date },
  card: SeededCard,
  callId: string,
): Prisma.SuggestionCreateManyInput {
  const pick = (): {
    kind: SuggestionKind;
    title: string;
    body: string;
    section: BattlecardSectionKey;
    detector: SuggestionSignal['detector'];
    confidence: number;
  } => {
    switch (cue) {
      case 'competitor':
        return {
          kind: 'competitor',
          title: `${card.competitor.name} mentioned`,
          body: card.competitor.sections.why_we_win?.body ?? '',
          section: 'why_we_win',
          detector: 'competitor_mention',
          confidence: 0.98,
        };
      case 'landmine': {
        const landmine = findItem(card, 'landmines', (text) => text.includes('tachograph'));
        return {
          kind: 'question',
          title: 'Ask how they download tachograph data',
          body: landmine?.text ?? '',
          section: 'landmines',
          detector: 'keyword',
          confidence: 0.81,
        };
      }
      case 'price': {
        const handler = findItem(card, 'objection_handlers', (text) => text.includes('cheaper'));
        return {
          kind: 'objection',
          title: handler?.label ?? 'Price objection',
          body: handler?.text ?? '',
          section: 'objection_handlers',
          detector: 'objection',
          confidence: 0.93,
        };
      }
      case 'timing': {
        const handler = findItem(card, 'objection_handlers', (text) => text.includes('contract'));
        return {
          kind: 'objection',
          title: handler?.label ?? 'Timing objection',
          body: handler?.text ?? '',
          section: 'objection_handlers',
          detector: 'objection',
          confidence: 0.9,
        };
      }
      case 'next_step': {
        const track = findItem(card, 'talk_tracks', (text) => text.startsWith('Close for a demo'));
        return {
          kind: 'next_step',
          title: 'Book the demo now',
          body: track?.text ?? '',
          section: 'talk_tracks',
          detector: 'llm',
          confidence: 0.77,
        };
      }
    }
  };
  const suggestion = pick();
  const signal: SuggestionSignal = {
    detector: suggestion.detector,
    match,
    competitorId: cue === 'competitor' || cue === 'price' ? card.competitorId : null,
    confidence: suggestion.confidence,
  };
  return {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    callId,
    segmentId: segment.segmentId,
    kind: suggestion.kind,
    title: suggestion.title,
    body: suggestion.body,
    sourceCardId: card.battlecardId,
    sourceSection: suggestion.section,
    signal,
    createdAt: new Date(segment.receivedAt.getTime() + 350),
  };
}
