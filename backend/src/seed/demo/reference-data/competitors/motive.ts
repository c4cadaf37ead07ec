import type { CompetitorDef } from './competitor-definition.ts';
import { CLOSE_FOR_DEMO, OUR_PRICING, PRICE_OBJECTION, TIMING_OBJECTION, item } from './shared-plays.ts';

export const MOTIVE: CompetitorDef = {
  name: 'Motive',
  aliases: ['Motive Technologies', 'KeepTruckin', 'Keep Truckin', 'GoMotive', 'Motiv'],
  products: ['Motive Fleet Management', 'Motive ELD', 'Motive AI Dashcam', 'Motive Card'],
  website: 'https://gomotive.com',
  reviewedDaysAgo: 34,
  sections: {
    why_we_win: {
      body:
        `- **Built for mixed UK and EU fleets**: vans, HGVs and EU tachographs, not only US ELD.\n` +
        `- **Local support and fitters** in the UK, Germany and Iberia.\n` +
        `- **No lock-in on hardware** and 12-month terms.\n` +
        `- **Fuel-card and payroll exports** included.`,
    },
    their_strengths: {
      body:
        `- Strong with US long-haul trucking: ELD, hours of service, IFTA.\n` +
        `- Their own fuel card (Motive Card) and a well-known AI dash cam.\n` +
        `- Keen pricing in US owner-operator and small-fleet deals.`,
    },
    landmines: {
      body: 'Surface the gaps for fleets outside US long-haul.',
      items: [
        item(null, 'How many of your vehicles are vans rather than trucks, and how do you track the vans today?', [
          'vans',
          'light commercial',
        ]),
        item(null, 'Do you need EU tachograph downloads or only US ELD logs?', [
          'tachograph',
          'ELD',
          'hours of service',
        ]),
        item(null, 'Who supports you in your time zone when a device goes offline?', [
          'support',
          'offline',
          'time zone',
        ]),
      ],
    },
    objection_handlers: {
      body: 'Keep it about their fleet mix, not about Motive.',
      items: [
        item(
          'We already looked at KeepTruckin',
          `Motive was called KeepTruckin until 2022, so it is the same product. Ask what they liked, and whether it covered their vans and EU drivers as well as the trucks.`,
          ['KeepTruckin', 'Keep Truckin', 'looked at'],
        ),
        item(
          'We need an ELD',
          `FleetPulse Drive covers hours-of-service logs and roadside inspection mode for US drivers, alongside EU tachographs for anyone crossing the Atlantic in the group.`,
          ['ELD', 'hours of service', 'HOS'],
        ),
        PRICE_OBJECTION('Motive'),
        TIMING_OBJECTION,
      ],
    },
    pricing: { body: `${OUR_PRICING}\n\nIn US small-fleet deals lead with the pilot, not a discount.` },
    talk_tracks: {
      body: 'For mixed fleets, start from the vans.',
      items: [
        item(
          'Mixed fleet opener',
          `"Most of the fleets we help run vans and trucks side by side. How are you handling the vans today compared with the trucks?"`,
          ['vans', 'mixed fleet'],
        ),
        CLOSE_FOR_DEMO,
      ],
    },
  },
};
