import {
  battlecardExample,
  type BattlecardCreate,
  type CompetitorCreate,
  type TranscriptSegmentUpsert,
} from '@sdr/shared';

/** A UK fleet-telematics vendor's competitors and one card, as a RevOps admin would enter them. */
export const trakwell: CompetitorCreate = {
  name: 'Trakwell Telematics',
  aliases: ['Trakwell', 'Trak Well', 'TWT'],
  products: ['Trakwell Fleet', 'Trakwell DashCam'],
  website: 'https://www.trakwell.example',
};

export const routeline: CompetitorCreate = { name: 'Routeline', aliases: ['Route Line'], products: [], website: null };

/** The contract's example card, with a pricing section: what a tenant's card for Trakwell looks like. */
export function trakwellCard(competitorId: string): BattlecardCreate {
  return {
    competitorId,
    title: battlecardExample.title,
    staleAfterDays: 90,
    sections: [
      ...battlecardExample.sections,
      {
        key: 'pricing',
        title: 'Pricing',
        body: 'List price is £18 per vehicle per month, driver app and tachograph downloads included.',
        items: [],
      },
    ],
  };
}

/** A line of a call said at `second`, lasting about as long as it takes to say. */
export function line(
  id: string,
  speaker: 'rep' | 'prospect',
  text: string,
  second: number,
  final = true,
): TranscriptSegmentUpsert {
  return {
    segmentId: id,
    speaker,
    text,
    startMs: second * 1000,
    endMs: second * 1000 + Math.max(1500, Math.min(text.length, 500) * 60),
    final,
  };
}
