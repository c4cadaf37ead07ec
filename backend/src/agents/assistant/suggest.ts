import type { BattlecardSectionKey, SuggestionKind, SuggestionSignal, SuggestionSource } from '@sdr/shared';
import { phraseKey, type CardDocument, type CardIndex } from './battlecard-index.ts';
import { COMPETITOR_TRACK, OBJECTION_TRACKS, type ObjectionKind } from './talk-tracks.ts';

/**
 * The rules path of the assistant: from what was just heard to what the rep could say, in well under a
 * millisecond, from the tenant's cards when they have an answer and the built-in talk tracks when not. Each
 * suggestion names its topic (a card item, an objection kind, a competitor) so the caller can hold back one
 * already shown a moment ago.
 */

export interface Heard {
  segmentId: string;
  speaker: 'rep' | 'prospect';
  text: string;
  mentions: { competitorId: string; match: string; confidence: number }[];
  objections: { kind: ObjectionKind; match: string; confidence: number }[];
  questions: { match: string; topic: string }[];
  commitments: { match: string; owner: 'rep' | 'prospect'; due: string | null }[];
}

export interface SuggestionDraft {
  kind: SuggestionKind;
  title: string;
  body: string;
  source: SuggestionSource | null;
  signal: SuggestionSignal;
  topic: string;
}

const BODY_LIMIT = 1200;
/** MiniSearch scores below this are too loose to put in front of a rep mid-call. */
const MIN_SCORE = 4;

const clip = (text: string) => (text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT - 1)}…` : text);

function fromDocument(document: CardDocument): { title: string; body: string; source: SuggestionSource } {
  return {
    title: document.label ?? document.sectionTitle,
    body: clip(document.text),
    source: { battlecardId: document.battlecardId, section: document.section },
  };
}

/** Card items whose trigger phrases were said, best first: in-play competitors' cards, then the rest. */
function triggered(index: CardIndex, text: string, inPlay: Set<string>, sections?: BattlecardSectionKey[]) {
  const said = phraseKey(text);
  return index.documents
    .filter((document) => document.triggerKeys.length > 0 && (!sections || sections.includes(document.section)))
    .map((document) => {
      const at = document.triggerKeys.findIndex((key) => said.includes(key));
      return { document, phrase: at >= 0 ? document.triggers[at] : undefined };
    })
    .filter((hit): hit is { document: CardDocument; phrase: string } => hit.phrase !== undefined)
    .sort(
      (a, b) =>
        Number(inPlay.has(b.document.competitorId)) - Number(inPlay.has(a.document.competitorId)) ||
        Number(a.document.stale) - Number(b.document.stale) ||
        b.phrase.length - a.phrase.length,
    );
}

function searched(index: CardIndex, text: string, inPlay: Set<string>, sections: BattlecardSectionKey[]) {
  const hits = index.find(text, { sections, limit: 5 }).filter((hit) => hit.score >= MIN_SCORE);
  return (hits.find((hit) => inPlay.has(hit.document.competitorId)) ?? hits[0])?.document ?? null;
}

export function suggestFor(heard: Heard, index: CardIndex, competitorNames: Map<string, string>, inPlay: Set<string>) {
  const drafts: SuggestionDraft[] = [];
  const used = new Set<string>();
  const push = (draft: SuggestionDraft) => {
    if (used.has(draft.topic)) return;
    used.add(draft.topic);
    drafts.push(draft);
  };

  for (const mention of heard.mentions) {
    const name = competitorNames.get(mention.competitorId) ?? mention.match;
    const card = index.documents.filter((document) => document.competitorId === mention.competitorId);
    const pick =
      card.find((document) => document.section === 'why_we_win') ??
      card.find((document) => document.section === 'landmines') ??
      card[0];
    const signal: SuggestionSignal = {
      detector: 'competitor_mention',
      match: mention.match,
      competitorId: mention.competitorId,
      confidence: mention.confidence,
    };
    push(
      pick
        ? {
            kind: 'competitor',
            ...fromDocument(pick),
            title: `${name}: ${pick.sectionTitle}`,
            signal,
            topic: `competitor:${mention.competitorId}`,
          }
        : {
            kind: 'competitor',
            title: `${name} mentioned`,
            body: COMPETITOR_TRACK.body,
            source: null,
            signal,
            topic: `competitor:${mention.competitorId}`,
          },
    );
  }

  // Objections and questions are the prospect's; a rep saying "too expensive" is not an objection to handle.
  if (heard.speaker === 'prospect') {
    for (const objection of heard.objections) {
      const competitorId = objection.kind === 'competitor' ? (heard.mentions[0]?.competitorId ?? null) : null;
      const signal: SuggestionSignal = {
        detector: 'objection',
        match: objection.match,
        competitorId,
        confidence: objection.confidence,
      };
      const handler =
        triggered(index, heard.text, inPlay, ['objection_handlers', 'pricing', 'talk_tracks'])[0]?.document ??
        searched(index, heard.text, inPlay, ['objection_handlers']);
      if (handler) push({ kind: 'objection', ...fromDocument(handler), signal, topic: `card:${handler.id}` });
      else
        push({
          kind: 'objection',
          ...OBJECTION_TRACKS[objection.kind],
          source: null,
          signal,
          topic: `objection:${objection.kind}`,
        });
    }
    for (const question of heard.questions) {
      const answer = searched(index, question.match, inPlay, [
        'pricing',
        'proof_points',
        'why_we_win',
        'overview',
        'talk_tracks',
      ]);
      if (answer)
        push({
          kind: 'question',
          ...fromDocument(answer),
          title: `They asked: ${question.match}`.slice(0, 200),
          signal: { detector: 'question', match: question.match, competitorId: null, confidence: 0.7 },
          topic: `card:${answer.id}`,
        });
    }
    // Card items set off by their own phrases ("tachograph") even when no objection was heard.
    for (const { document, phrase } of triggered(index, heard.text, inPlay).slice(0, 2))
      push({
        kind: 'talk_track',
        ...fromDocument(document),
        signal: { detector: 'keyword', match: phrase, competitorId: document.competitorId, confidence: 0.8 },
        topic: `card:${document.id}`,
      });
  }

  for (const commitment of heard.commitments)
    push({
      kind: 'next_step',
      title: `Next step: ${commitment.match}`.slice(0, 200),
      body: `Log it before the call ends${commitment.due ? `, due ${commitment.due}` : ''}: ${commitment.match}`,
      source: null,
      signal: { detector: 'keyword', match: commitment.match, competitorId: null, confidence: 0.75 },
      topic: `next:${phraseKey(commitment.match).trim()}`,
    });
  return drafts;
}
