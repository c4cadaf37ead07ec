/** What prospects say they track their fleet with today, as recorded on the lead. */
export const CURRENT_PROVIDERS = [
  'Samsara',
  'Motive',
  'Verizon Connect',
  'Geotab',
  'Spreadsheets',
  'In-house tracker',
  'None',
];
