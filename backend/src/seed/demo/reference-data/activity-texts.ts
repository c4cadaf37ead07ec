// What the CRM history says: e-mail subjects, marketing-automation events and reps' notes.

export const EMAIL_SUBJECTS = [
  'Cutting fuel spend across your fleet',
  'Tachograph compliance without the Monday admin',
  'Quick question about your vans',
  'Following up: fleet tracking ROI',
  'Case study: 18% less idling at a Midlands haulier',
  'Driver coaching with dash cams',
  'Your fuel-spend guide',
];
export const WEB_EVENTS = [
  { subject: 'Visited pricing page', outcome: null },
  { subject: 'Downloaded: Fleet fuel-spend guide', outcome: 'Form fill' },
  { subject: 'Used the TCO calculator', outcome: null },
  { subject: 'Viewed case study: regional haulier', outcome: null },
  { subject: 'Requested a demo', outcome: 'Form fill' },
];
export const NOTES = [
  'Spoke to reception; the fleet manager is in on Tuesdays and Thursdays. Try after 2pm.',
  'Current tracker contract renews in the spring. Revisit eight weeks before.',
  'Interested in dash cams after an insurance claim last quarter.',
  'Gatekeeper asked for information by email first.',
  'Runs a mixed fleet of vans and HGVs; tacho downloads are manual.',
];
