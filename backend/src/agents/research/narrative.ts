import { z } from 'zod';
import type { Fact, TalkingPoint } from '@sdr/shared';
import { withFallback, type LlmPort } from '../../integrations/llm/index.ts';
import { isGrounded } from './grounding.ts';

const CitedSentence = z.object({
  text: z.string().min(1).max(600),
  factIds: z.array(z.string()).max(12),
});
const NarrativeAnswer = z.object({
  overview: z.array(CitedSentence).max(8),
  talkingPoints: z.array(CitedSentence).max(8),
});
type NarrativeAnswer = z.infer<typeof NarrativeAnswer>;

export interface Narrative {
  overview: string | null;
  /** The facts the overview's sentences rest on. */
  overviewFactIds: string[];
  talkingPoints: TalkingPoint[];
  /** Who wrote it: the language model, or the built-in templates (also when every model sentence was dropped). */
  writtenBy: 'llm' | 'templates';
  /** Model sentences left out because they cited no fact, an unknown fact, or said something no cited fact says. */
  dropped: number;
}

const MIN_POINTS = 3;
const MAX_POINTS = 5;

/**
 * The overview and talking points: written by the language model from the facts when one is configured, each sentence
 * then checked against the facts it cites (unknown ids, or a number or name no cited fact holds, and the sentence is
 * dropped); from templates otherwise, and wherever the model's checked answer falls short.
 */
export async function writeNarrative(
  llm: LlmPort | null,
  material: { companyName: string; facts: Fact[]; overviewFactIds: string[]; templatePoints: TalkingPoint[] },
  options: { signal?: AbortSignal } = {},
): Promise<Narrative> {
  const templates = (): Narrative => ({
    overview: overviewFromFacts(material.facts, material.overviewFactIds),
    overviewFactIds: material.overviewFactIds,
    talkingPoints: material.templatePoints.slice(0, MAX_POINTS),
    writtenBy: 'templates',
    dropped: 0,
  });
  if (material.facts.length === 0) return templates();
  const answer = await withFallback<NarrativeAnswer | null>(
    llm,
    {
      task: 'company-research',
      system:
        'You brief sales development reps before they contact a company. You write plainly and briefly, and you state nothing that the facts given do not state.',
      data: {
        company: material.companyName,
        facts: material.facts.map((fact) => ({ id: fact.id, statement: fact.statement })),
      },
      instructions:
        'Write an overview of the company in 2 to 4 sentences, and 3 to 5 talking points the rep can use on a first call. ' +
        'Every sentence must list in factIds the ids of the facts it rests on. Use only names, numbers and dates that appear in those facts; ' +
        'do not add anything you know from elsewhere. A talking point suggests what to ask or say, grounded in the facts.',
      schema: NarrativeAnswer,
      schemaName: 'company_research',
      ...(options.signal ? { signal: options.signal } : {}),
    },
    () => null,
  );
  if (answer.source === 'rules' || !answer.value) return templates();

  const byId = new Map(material.facts.map((fact) => [fact.id, fact]));
  let dropped = 0;
  const keep = (sentence: z.infer<typeof CitedSentence>): TalkingPoint | null => {
    const ids = [...new Set(sentence.factIds)];
    const cited = ids.map((id) => byId.get(id));
    if (ids.length === 0 || cited.some((fact) => !fact) || !isGrounded(sentence.text, cited as Fact[])) {
      dropped += 1;
      return null;
    }
    return { text: sentence.text.trim(), factIds: ids };
  };
  const overview = answer.value.overview.map(keep).filter((s): s is TalkingPoint => s !== null);
  const points = answer.value.talkingPoints.map(keep).filter((s): s is TalkingPoint => s !== null);
  if (overview.length === 0 && points.length === 0) return { ...templates(), dropped };
  // Too few checked points: the templates fill up, never repeating a point the model made on the same facts.
  const used = new Set(points.map((point) => point.factIds.join(',')));
  const filled =
    points.length >= MIN_POINTS
      ? points
      : [...points, ...material.templatePoints.filter((point) => !used.has(point.factIds.join(',')))];
  return {
    overview:
      overview.length > 0
        ? overview.map((sentence) => sentence.text).join(' ')
        : overviewFromFacts(material.facts, material.overviewFactIds),
    overviewFactIds:
      overview.length > 0 ? [...new Set(overview.flatMap((sentence) => sentence.factIds))] : material.overviewFactIds,
    talkingPoints: filled.slice(0, MAX_POINTS),
    writtenBy: 'llm',
    dropped,
  };
}

/** The template overview: the overview facts' own sentences, which are true by construction. */
function overviewFromFacts(facts: Fact[], ids: string[]): string | null {
  const sentences = ids.flatMap((id) => facts.find((fact) => fact.id === id)?.statement ?? []);
  return sentences.length > 0 ? sentences.join(' ') : null;
}
