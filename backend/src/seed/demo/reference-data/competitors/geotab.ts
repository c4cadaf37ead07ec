import type { CompetitorDef } from './competitor-definition.ts';
import { CLOSE_FOR_DEMO, OUR_PRICING, PRICE_OBJECTION, TIMING_OBJECTION, item } from './shared-plays.ts';

export const GEOTAB: CompetitorDef = {
  name: 'Geotab',
  aliases: ['Geo Tab', 'GeoTab', 'Geotabb', 'Jeotab', 'MyGeotab'],
  products: ['MyGeotab', 'Geotab GO9', 'Geotab Drive', 'Geotab Marketplace'],
  website: 'https://www.geotab.com',
  reviewedDaysAgo: 21,
  sections: {
    why_we_win: {
      body:
        `- **One vendor, one contract.** Geotab is mostly sold through resellers, so support and billing often go through a third party; we support customers directly.\n` +
        `- **Everything in the box**: cameras, tacho and the driver app without marketplace add-ons.\n` +
        `- **Simple for depot staff**: less set-up and configuration.`,
    },
    their_strengths: {
      body:
        `- An open platform with a large marketplace of add-ons and strong data and analytics.\n` +
        `- Popular with enterprise and public-sector fleets; strong EV data.\n` +
        `- Resellers bundle it with their own services and installation.`,
    },
    landmines: {
      body: 'Find out who really runs their Geotab.',
      items: [
        item(null, 'When a device goes offline, who do you call: the reseller or Geotab?', [
          'reseller',
          'support',
          'offline',
        ]),
        item(null, 'How many marketplace add-ons do you pay for on top of the base plan?', [
          'marketplace',
          'add-on',
          'integration',
        ]),
        item(null, 'Who in your team builds and maintains the reports?', ['reports', 'dashboards', 'analytics']),
      ],
    },
    objection_handlers: {
      body: 'Respect the flexibility; question the effort.',
      items: [
        item(
          'Geotab is more open / flexible',
          `It is very flexible. The question is who builds and maintains it: we give depot teams the reports they need on day one, with an open API for anything else.`,
          ['flexible', 'open platform', 'customise'],
        ),
        PRICE_OBJECTION('Geotab'),
        TIMING_OBJECTION,
      ],
    },
    pricing: {
      body: `${OUR_PRICING}\n\nAdd up their reseller fees and marketplace add-ons before comparing per-vehicle prices.`,
    },
    talk_tracks: {
      body: 'Simplicity over flexibility.',
      items: [
        item(
          'Depot-first opener',
          `"What does a depot manager do in your current system on a Monday morning, and how long does it take?"`,
          ['depot', 'Monday', 'reports'],
        ),
        CLOSE_FOR_DEMO,
      ],
    },
  },
};
