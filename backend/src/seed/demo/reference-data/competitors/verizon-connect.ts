import type { CompetitorDef } from './competitor-definition.ts';
import { CLOSE_FOR_DEMO, OUR_PRICING, PRICE_OBJECTION, TIMING_OBJECTION, item } from './shared-plays.ts';

export const VERIZON_CONNECT: CompetitorDef = {
  name: 'Verizon Connect',
  aliases: ['Verizon', 'Fleetmatics', 'Fleet Matics', 'Verison Connect', 'Networkfleet'],
  products: ['Verizon Connect Reveal', 'Reveal Field', 'Integrated Video', 'Fleetmatics REVEAL'],
  website: 'https://www.verizonconnect.com',
  // Not reviewed since the spring: shows reps (and the demo) what a stale card looks like.
  reviewedDaysAgo: 200,
  sections: {
    why_we_win: {
      body:
        `- **Driver app that drivers actually use**: rated higher by drivers in our pilots.\n` +
        `- **Fast roll-out**: vans self-fit in a day, no install appointments.\n` +
        `- **Flexible terms** against the long contracts prospects describe.\n` +
        `- **Open API** included in every plan.`,
    },
    their_strengths: {
      body:
        `- A large installed base (formerly Fleetmatics) and a brand backed by a major carrier.\n` +
        `- Mature reporting (Reveal) and field-service dispatch.\n` +
        `- Often bundled with mobile contracts, which makes the price look small.`,
    },
    landmines: {
      body: 'Most Verizon Connect customers have been on it for years: probe for fatigue.',
      items: [
        item(null, 'When did the product last change in a way your team noticed?', [
          'roadmap',
          'new features',
          'updates',
        ]),
        item(null, 'How long did installation take across the fleet last time?', ['install', 'fitting', 'engineer']),
        item(null, 'What does it cost you to leave at renewal, and when is the notice date?', [
          'renewal',
          'notice',
          'contract',
        ]),
      ],
    },
    objection_handlers: {
      body: 'The objection is usually the effort of switching, not the product.',
      items: [
        item(
          "We've been with Fleetmatics for years",
          `Ask what they would change if they could. Then take the risk away: we migrate history, fit the vehicles and train drivers, and can run a pilot alongside the current system.`,
          ['for years', 'Fleetmatics', 'happy with', 'switching'],
        ),
        PRICE_OBJECTION('Verizon Connect'),
        TIMING_OBJECTION,
      ],
    },
    pricing: {
      body: `${OUR_PRICING}\n\nIf their tracking is bundled with mobile contracts, price the bundle out so the comparison is fair.`,
    },
    talk_tracks: {
      body: 'Lead with ease of switching.',
      items: [
        item(
          'Switching is easy',
          `"Most of our customers came from a system they'd had for years. The switch took a fortnight, and drivers were on the app in a morning."`,
          ['switch', 'migration', 'change over'],
        ),
        CLOSE_FOR_DEMO,
      ],
    },
  },
};
