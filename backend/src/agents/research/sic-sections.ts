/**
 * The UK SIC 2007 sections by division (the first two digits of a code): enough to say what industry a company is
 * in from the codes the register lists, without shipping the whole 700-code table.
 */
const SECTIONS: [from: number, to: number, industry: string][] = [
  [1, 3, 'Agriculture, forestry and fishing'],
  [5, 9, 'Mining and quarrying'],
  [10, 33, 'Manufacturing'],
  [35, 35, 'Electricity, gas, steam and air conditioning supply'],
  [36, 39, 'Water supply, sewerage and waste management'],
  [41, 43, 'Construction'],
  [45, 47, 'Wholesale and retail trade; repair of motor vehicles'],
  [49, 53, 'Transportation and storage'],
  [55, 56, 'Accommodation and food service'],
  [58, 63, 'Information and communication'],
  [64, 66, 'Financial and insurance activities'],
  [68, 68, 'Real estate activities'],
  [69, 75, 'Professional, scientific and technical activities'],
  [77, 82, 'Administrative and support services'],
  [84, 84, 'Public administration and defence'],
  [85, 85, 'Education'],
  [86, 88, 'Human health and social work'],
  [90, 93, 'Arts, entertainment and recreation'],
  [94, 96, 'Other service activities'],
  [97, 98, 'Activities of households as employers'],
  [99, 99, 'Activities of extraterritorial organisations'],
];

/** The industry a SIC code belongs to, or null for a code that is not one (e.g. 74990 is; 00000 is not). */
export function industryOfSic(code: string): string | null {
  if (!/^\d{4,5}$/.test(code)) return null;
  const division = Number(code.padStart(5, '0').slice(0, 2));
  return SECTIONS.find(([from, to]) => division >= from && division <= to)?.[2] ?? null;
}
