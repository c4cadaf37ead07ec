/** Lead sources with their share of leads and their lift on the chance of converting. */
export const SOURCES = [
  { value: 'Webinar', weight: 14, lift: 0.3 },
  { value: 'Website', weight: 22, lift: 0.5 },
  { value: 'Referral', weight: 8, lift: 1.0 },
  { value: 'Paid Search', weight: 16, lift: -0.1 },
  { value: 'Trade Show', weight: 10, lift: 0.1 },
  { value: 'Outbound', weight: 22, lift: -0.4 },
  { value: 'Partner', weight: 8, lift: 0.6 },
];

// The events named in a lead's source detail when it came from a webinar or a trade show.
export const WEBINARS = [
  'Tachograph compliance in 2026',
  'Cutting fuel spend across mixed fleets',
  'Moving vans to EV: what the data says',
  'Dash cams and driver coaching',
];
export const TRADE_SHOWS = [
  'Multimodal 2026',
  'ITT Hub',
  'Road Transport Expo',
  'MATS Louisville',
  'transport logistic München',
];
