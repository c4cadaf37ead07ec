import type { CompetitorDef } from './competitor-definition.ts';
import { CLOSE_FOR_DEMO, OUR_PRICING, PRICE_OBJECTION, TIMING_OBJECTION, item } from './shared-plays.ts';

export const SAMSARA: CompetitorDef = {
  name: 'Samsara',
  aliases: ['Samsara Inc', 'Sam Sara', 'Samsarah', 'Samsarra'],
  products: [
    'Samsara Vehicle Telematics',
    'Samsara AI Dash Cams',
    'Samsara Driver App',
    'Samsara Equipment Monitoring',
  ],
  website: 'https://www.samsara.com',
  reviewedDaysAgo: 12,
  sections: {
    why_we_win: {
      body:
        `- **Tacho and driver hours in the standard plan.** UK prospects tell us these came as extras or through a partner in the quotes they saw.\n` +
        `- **12-month terms.** Most quotes prospects share with us are on 36-month terms.\n` +
        `- **UK support team** in Leeds with same-day answers, and UK fitters for HGVs.\n` +
        `- **Open exports** to payroll (Sage, ADP) and fuel cards at no extra cost.`,
    },
    their_strengths: {
      body:
        `- Polished AI dash cams and a strong brand, especially with large US fleets.\n` +
        `- A broad platform (equipment, sites, forms) and a big app marketplace.\n` +
        `- Heavy marketing: many prospects reach us after a Samsara demo.`,
      items: [
        item(
          'Their cameras looked great',
          `Don't fight on camera features. Agree, then move to compliance and total cost: "Cameras are one part. What does the tacho and driver-hours side cost you today?"`,
          ['dash cam', 'camera', 'AI camera'],
        ),
      ],
    },
    landmines: {
      body: 'Ask these before price comes up.',
      items: [
        item(null, 'How do your drivers download tachograph data today, and who chases the missing downloads?', [
          'tachograph',
          'tacho',
          'DVSA',
          'driver hours',
        ]),
        item(null, 'What term were you quoted, and what happens to the hardware if you leave?', [
          'three-year',
          '36 months',
          'term',
        ]),
        item(null, 'Which features in the demo are in the plan you were quoted, and which are add-ons?', [
          'add-on',
          'extra',
          'bundle',
        ]),
      ],
    },
    objection_handlers: {
      body: 'Acknowledge, ask one question, bring it back to total cost of ownership.',
      items: [
        item(
          'Samsara is the market leader',
          `They are a strong platform, particularly for large US fleets. For a UK fleet your size the deciding questions are tacho compliance, term length and local support; offer to compare line by line.`,
          ['market leader', 'everyone uses', 'bigger company'],
        ),
        PRICE_OBJECTION('Samsara'),
        TIMING_OBJECTION,
      ],
    },
    pricing: {
      body: `${OUR_PRICING}\n\nWhen a prospect has a Samsara quote, ask to see the term and what is in the plan before you discount.`,
    },
    talk_tracks: {
      body: 'Open on what they saw, close on a side-by-side.',
      items: [
        item(
          'After a Samsara demo',
          `"Lots of fleets we speak to have seen Samsara. What did you like, and what stopped you going ahead?" Listen for price, term and compliance gaps.`,
          ['Samsara', 'demo', 'looked at'],
        ),
        CLOSE_FOR_DEMO,
      ],
    },
  },
};
