// The pricing, objection answers and close for a demo that every battlecard carries.

/** A battlecard item: its label (none for a bare question), what the rep says, and the phrases that surface it. */
export const item = (label: string | null, text: string, triggers: string[]) => ({ label, text, triggers });

export const OUR_PRICING =
  `- **Essentials** £22 / $28 per vehicle per month: live tracking, remote tacho download, driver app.\n` +
  `- **Plus** £30 / $38: adds AI dash cams and driver coaching.\n` +
  `- 12-month term as standard; a 36-month term takes 10% off.\n` +
  `- Hardware included. Vans self-fit in ten minutes (OBD); HGVs and plant need a fitter at £45 / $60 per vehicle.\n` +
  `- Discounts above 10% need your manager's approval.`;

export const PRICE_OBJECTION = (them: string) =>
  item(
    `${them} is cheaper / we can't afford it`,
    `Compare the whole bill, not the headline: our price includes tacho downloads, the driver app and the hardware. ` +
      `Fleets of 50-150 vans usually cover it from fuel and idling savings inside six months; offer a side-by-side cost comparison.`,
    ['too expensive', 'cheaper', 'price', 'per vehicle', 'per van', 'cost', 'budget', "can't afford"],
  );

export const TIMING_OBJECTION = item(
  'We are tied into a contract / not this year',
  `Most customers switch at renewal. Offer a 30-day pilot on ten vehicles before then, so the change-over is ready on ` +
    `day one with no overlap in fees. Ask when the notice period starts; it is often 90 days before renewal.`,
  ['contract', 'tied in', 'tied into', 'locked in', 'renewal', 'next year', 'financial year', 'not until', 'timing'],
);

export const CLOSE_FOR_DEMO = item(
  'Close for a demo',
  `"Let's put it side by side: 30 minutes with you and whoever signs off, and I'll bring a cost comparison against ` +
    `what you have today. Does Tuesday or Thursday work better?" Book it on the call and send the invite before you hang up.`,
  ['next step', 'send me', 'follow up', 'demo', 'show me', 'see it working'],
);
