import { battlecardExample, type BattlecardCreate, type CompetitorCreate } from '@sdr/shared';

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
