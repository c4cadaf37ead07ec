import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Faker, base, de, en, en_GB, en_US, es, pt_PT, type LocaleDefinition } from '@faker-js/faker';
import {
  defaultTenantSettings,
  type BattlecardSection,
  type BattlecardSectionKey,
  type CallSummary,
  type RoutingRuleInput,
  type SuggestionKind,
  type SuggestionSignal,
  type WorkingHours,
} from '@sdr/shared';
import { Prisma, type PrismaClient } from '../db/generated/client.ts';
import type { Logger } from '../logger.ts';
import { issueApiKey, revokeApiKey, verifyApiKey } from '../tenancy/api-keys.ts';

/**
 * The demo tenant: a Salesforce org of a vendor of fleet-tracking software ("FleetPulse") selling to UK, US and
 * European fleets. The data is generated from a fixed faker seed so every install shows the same people, companies
 * and history (only ids and dates, which are relative to the day of seeding, differ). Conversions follow lead
 * features (seniority, source, fleet size, free-mail, engagement) so a scoring model has something to learn.
 */

export const DEMO_TENANT = {
  crm: 'salesforce',
  externalId: '00D000000000DEMO',
  name: 'Demo: Northwind Outbound',
} as const;
const KEY_NAME = 'demo';
const SEED = 20261124;
const DAY = 86_400_000;
const VENDOR = 'FleetPulse';
const STAFF_DOMAIN = 'fleetpulse.io';

// ---------------------------------------------------------------------------------------------------------------
// Reference data

const names = (list: string) => list.split(' ');

type Country = 'GB' | 'US' | 'DE' | 'PT' | 'ES';
type Territory = 'UK' | 'US-East' | 'US-Central' | 'DACH' | 'Iberia';

interface TeamMember {
  name: string;
  role: 'sdr' | 'manager';
  timeZone: string;
  hours: { start: string; end: string; fridayEnd?: string };
  languages: string[];
  territories: Territory[];
  skills: string[];
  capacity: number;
  dailyCap: number;
  weight: number;
  active: boolean;
}

const TEAM: TeamMember[] = [
  {
    name: 'Hannah Clarke',
    role: 'sdr',
    timeZone: 'Europe/London',
    hours: { start: '09:00', end: '17:30' },
    languages: ['en', 'fr'],
    territories: ['UK'],
    skills: ['logistics', 'mid-market', 'inbound'],
    capacity: 60,
    dailyCap: 25,
    weight: 2,
    active: true,
  },
  // Left the team last month; still owns leads that are waiting to be reassigned.
  {
    name: 'Tom Harding',
    role: 'sdr',
    timeZone: 'Europe/London',
    hours: { start: '09:00', end: '17:30' },
    languages: ['en'],
    territories: ['UK'],
    skills: ['construction', 'smb'],
    capacity: 50,
    dailyCap: 20,
    weight: 1,
    active: false,
  },
  {
    name: 'Jasmine Ortiz',
    role: 'sdr',
    timeZone: 'America/New_York',
    hours: { start: '09:00', end: '17:30' },
    languages: ['en', 'es'],
    territories: ['US-East'],
    skills: ['logistics', 'enterprise'],
    capacity: 55,
    dailyCap: 25,
    weight: 1,
    active: true,
  },
  {
    name: 'Marcus Webb',
    role: 'sdr',
    timeZone: 'America/Chicago',
    hours: { start: '08:00', end: '16:30' },
    languages: ['en', 'es'],
    territories: ['US-Central'],
    skills: ['field-services', 'mid-market'],
    capacity: 50,
    dailyCap: 20,
    weight: 1,
    active: true,
  },
  {
    name: 'Lukas Brandt',
    role: 'sdr',
    timeZone: 'Europe/Berlin',
    hours: { start: '09:00', end: '17:30', fridayEnd: '15:00' },
    languages: ['en', 'de'],
    territories: ['DACH'],
    skills: ['logistics', 'enterprise'],
    capacity: 40,
    dailyCap: 15,
    weight: 1,
    active: true,
  },
  {
    name: 'Inês Carvalho',
    role: 'sdr',
    timeZone: 'Europe/Lisbon',
    hours: { start: '09:00', end: '17:30' },
    languages: ['en', 'pt', 'es'],
    territories: ['Iberia'],
    skills: ['construction', 'smb'],
    capacity: 40,
    dailyCap: 15,
    weight: 1,
    active: true,
  },
  // Managers take no leads: zero capacity keeps them out of round-robin.
  {
    name: 'Olivia Bennett',
    role: 'manager',
    timeZone: 'Europe/London',
    hours: { start: '08:30', end: '17:30' },
    languages: ['en'],
    territories: ['UK', 'US-East', 'US-Central', 'DACH', 'Iberia'],
    skills: ['enterprise'],
    capacity: 0,
    dailyCap: 0,
    weight: 0,
    active: true,
  },
];

interface Place {
  city: string;
  region: string;
  postcodePrefix: string;
  territory: Territory;
}

const uk = (city: string, region: string, postcodePrefix: string): Place => ({
  city,
  region,
  postcodePrefix,
  territory: 'UK',
});
const us = (city: string, region: string, postcodePrefix: string, territory: Territory): Place => ({
  city,
  region,
  postcodePrefix,
  territory,
});

const PLACES: Record<Country, Place[]> = {
  GB: [
    uk('Leeds', 'Yorkshire and the Humber', 'LS'),
    uk('Manchester', 'North West', 'M'),
    uk('Warrington', 'North West', 'WA'),
    uk('Birmingham', 'West Midlands', 'B'),
    uk('Daventry', 'East Midlands', 'NN'),
    uk('Nottingham', 'East Midlands', 'NG'),
    uk('Bristol', 'South West', 'BS'),
    uk('Felixstowe', 'East of England', 'IP'),
    uk('Southampton', 'South East', 'SO'),
    uk('Milton Keynes', 'South East', 'MK'),
    uk('London', 'London', 'E'),
    uk('Newcastle upon Tyne', 'North East', 'NE'),
    uk('Glasgow', 'Scotland', 'G'),
    uk('Cardiff', 'Wales', 'CF'),
  ],
  US: [
    us('Newark', 'New Jersey', '071', 'US-East'),
    us('Atlanta', 'Georgia', '303', 'US-East'),
    us('Charlotte', 'North Carolina', '282', 'US-East'),
    us('Philadelphia', 'Pennsylvania', '191', 'US-East'),
    us('Boston', 'Massachusetts', '021', 'US-East'),
    us('Jacksonville', 'Florida', '322', 'US-East'),
    us('Chicago', 'Illinois', '606', 'US-Central'),
    us('Dallas', 'Texas', '752', 'US-Central'),
    us('Memphis', 'Tennessee', '381', 'US-Central'),
    us('Kansas City', 'Missouri', '641', 'US-Central'),
    us('Indianapolis', 'Indiana', '462', 'US-Central'),
    us('Minneapolis', 'Minnesota', '554', 'US-Central'),
  ],
  DE: [
    { city: 'Hamburg', region: 'Hamburg', postcodePrefix: '20', territory: 'DACH' },
    { city: 'Duisburg', region: 'Nordrhein-Westfalen', postcodePrefix: '47', territory: 'DACH' },
    { city: 'Köln', region: 'Nordrhein-Westfalen', postcodePrefix: '50', territory: 'DACH' },
    { city: 'München', region: 'Bayern', postcodePrefix: '80', territory: 'DACH' },
    { city: 'Frankfurt am Main', region: 'Hessen', postcodePrefix: '60', territory: 'DACH' },
    { city: 'Leipzig', region: 'Sachsen', postcodePrefix: '04', territory: 'DACH' },
    { city: 'Bremen', region: 'Bremen', postcodePrefix: '28', territory: 'DACH' },
  ],
  PT: [
    { city: 'Lisboa', region: 'Lisboa', postcodePrefix: '1', territory: 'Iberia' },
    { city: 'Porto', region: 'Porto', postcodePrefix: '4', territory: 'Iberia' },
    { city: 'Braga', region: 'Braga', postcodePrefix: '47', territory: 'Iberia' },
    { city: 'Leiria', region: 'Leiria', postcodePrefix: '24', territory: 'Iberia' },
  ],
  ES: [
    { city: 'Madrid', region: 'Comunidad de Madrid', postcodePrefix: '28', territory: 'Iberia' },
    { city: 'Barcelona', region: 'Cataluña', postcodePrefix: '08', territory: 'Iberia' },
    { city: 'Valencia', region: 'Comunitat Valenciana', postcodePrefix: '46', territory: 'Iberia' },
    { city: 'Zaragoza', region: 'Aragón', postcodePrefix: '50', territory: 'Iberia' },
    { city: 'Sevilla', region: 'Andalucía', postcodePrefix: '41', territory: 'Iberia' },
  ],
};

const US_EAST_STATES = [...new Set(PLACES.US.filter((p) => p.territory === 'US-East').map((p) => p.region))];

const COMPANIES_PER_COUNTRY: Record<Country, number> = { GB: 32, US: 28, DE: 9, PT: 6, ES: 5 };
const LANGUAGE: Record<Country, string> = { GB: 'en', US: 'en', DE: 'de', PT: 'pt', ES: 'es' };
const TLD: Record<Country, string> = { GB: 'co.uk', US: 'com', DE: 'de', PT: 'pt', ES: 'es' };
const CURRENCY: Record<Country, 'GBP' | 'USD'> = { GB: 'GBP', US: 'USD', DE: 'GBP', PT: 'GBP', ES: 'GBP' };

interface Industry {
  name: string;
  /** Words for the company name, in English, German, Portuguese and Spanish. */
  words: { en: string[]; de: string; pt: string; es: string };
  /** Vehicles per employee, roughly. */
  fleetRatio: number;
  /** How well the industry fits the product: a lift on the chance of converting. */
  fit: number;
}

const INDUSTRIES: Industry[] = [
  {
    name: 'Logistics & Freight',
    words: { en: ['Logistics', 'Freight', 'Distribution'], de: 'Logistik', pt: 'Logística', es: 'Logística' },
    fleetRatio: 0.5,
    fit: 0.5,
  },
  {
    name: 'Road Haulage',
    words: { en: ['Haulage', 'Transport', 'Trucking'], de: 'Spedition', pt: 'Transportes', es: 'Transportes' },
    fleetRatio: 0.7,
    fit: 0.6,
  },
  {
    name: 'Courier & Last Mile',
    words: { en: ['Couriers', 'Express', 'Delivery'], de: 'Kurierdienst', pt: 'Entregas', es: 'Mensajería' },
    fleetRatio: 0.8,
    fit: 0.4,
  },
  {
    name: 'Construction',
    words: { en: ['Construction', 'Civils', 'Builders'], de: 'Bau', pt: 'Construções', es: 'Construcciones' },
    fleetRatio: 0.25,
    fit: 0,
  },
  {
    name: 'Field Services',
    words: {
      en: ['Services', 'Engineering', 'Maintenance'],
      de: 'Haustechnik',
      pt: 'Serviços Técnicos',
      es: 'Servicios Técnicos',
    },
    fleetRatio: 0.45,
    fit: 0.2,
  },
  {
    name: 'Utilities',
    words: { en: ['Utilities', 'Energy Services', 'Networks'], de: 'Energiedienste', pt: 'Energia', es: 'Energía' },
    fleetRatio: 0.2,
    fit: -0.1,
  },
  {
    name: 'Waste Management',
    words: { en: ['Waste', 'Recycling', 'Environmental'], de: 'Entsorgung', pt: 'Resíduos', es: 'Reciclajes' },
    fleetRatio: 0.35,
    fit: 0.3,
  },
  {
    name: 'Food & Beverage Distribution',
    words: { en: ['Foods', 'Fresh', 'Cold Chain'], de: 'Frischdienst', pt: 'Alimentar', es: 'Alimentación' },
    fleetRatio: 0.3,
    fit: 0.3,
  },
  {
    name: 'Wholesale Distribution',
    words: { en: ['Wholesale', 'Supplies', 'Trading'], de: 'Großhandel', pt: 'Distribuição', es: 'Distribuciones' },
    fleetRatio: 0.15,
    fit: -0.2,
  },
  {
    name: 'Plant & Equipment Hire',
    words: {
      en: ['Plant Hire', 'Hire', 'Equipment'],
      de: 'Maschinenverleih',
      pt: 'Aluguer de Máquinas',
      es: 'Alquiler de Maquinaria',
    },
    fleetRatio: 0.3,
    fit: 0.1,
  },
  {
    name: 'Passenger Transport',
    words: { en: ['Coaches', 'Travel', 'Buses'], de: 'Reisen', pt: 'Viagens', es: 'Autocares' },
    fleetRatio: 0.3,
    fit: -0.3,
  },
];

const NAME_STEMS = names(
  `Harbridge Pennine Kestrel Meridian Northgate Redwood Fenwick Calder Brookfield Summit Ironbridge ` +
    `Lakeside Severn Highland Ashdown Blackwater Castlefield Eastway Granite Hawthorn Keystone Lighthouse ` +
    `Mersey Oakleigh Portway Riverside Silverline Trident Vanguard Westbrook Atlas Beacon Cobalt ` +
    `Evergreen Frontier Liberty Pioneer Bluegrass`,
);

type Tier = 'intern' | 'coordinator' | 'manager' | 'head' | 'director' | 'vp' | 'c_level' | 'junk';

interface TitleTier {
  tier: Tier;
  weight: number;
  lift: number;
  en: string[];
  /** Local-language titles, used for some leads in DE, PT and ES. */
  local?: Partial<Record<'de' | 'pt' | 'es', string[]>>;
}

const TITLE_TIERS: TitleTier[] = [
  { tier: 'intern', weight: 4, lift: -1.6, en: ['Logistics Intern', 'Operations Intern', 'Graduate Trainee'] },
  {
    tier: 'coordinator',
    weight: 14,
    lift: -0.6,
    en: [
      'Transport Coordinator',
      'Fleet Coordinator',
      'Logistics Coordinator',
      'Dispatch Coordinator',
      'Operations Administrator',
    ],
    local: {
      de: ['Disponent', 'Sachbearbeiter Fuhrpark'],
      pt: ['Coordenador de Logística'],
      es: ['Coordinador de Tráfico'],
    },
  },
  {
    tier: 'manager',
    weight: 30,
    lift: 0.2,
    en: [
      'Fleet Manager',
      'Transport Manager',
      'Operations Manager',
      'Depot Manager',
      'Logistics Manager',
      'Health & Safety Manager',
      'IT Manager',
    ],
    local: {
      de: ['Fuhrparkleiter', 'Fuhrparkmanager'],
      pt: ['Gestor de Frota'],
      es: ['Jefe de Flota', 'Responsable de Operaciones'],
    },
  },
  {
    tier: 'head',
    weight: 16,
    lift: 0.6,
    en: ['Head of Fleet', 'Head of Transport', 'Head of Operations', 'Head of Logistics'],
    local: { de: ['Leiter Logistik', 'Leiter Fuhrpark'], pt: ['Responsável de Operações'], es: ['Jefe de Logística'] },
  },
  {
    tier: 'director',
    weight: 15,
    lift: 0.7,
    en: [
      'Operations Director',
      'Fleet Director',
      'Director of Transportation',
      'Finance Director',
      'Supply Chain Director',
    ],
    local: { de: ['Bereichsleiter Logistik'], pt: ['Diretor de Operações'], es: ['Director de Operaciones'] },
  },
  { tier: 'vp', weight: 7, lift: 0.5, en: ['VP Operations', 'VP of Fleet', 'VP Supply Chain', 'SVP Logistics'] },
  {
    tier: 'c_level',
    weight: 6,
    lift: 0.3,
    en: ['COO', 'CEO', 'CFO', 'Managing Director', 'Founder & CEO', 'Chief Operating Officer'],
    local: { de: ['Geschäftsführer'], pt: ['Administrador'], es: ['Director General'] },
  },
  // What CRMs really hold when a form had a picklist or the field was left blank; scoring must cope.
  { tier: 'junk', weight: 8, lift: -0.5, en: ['Select', 'unknown', '', '-', 'N/A', 'x'] },
];

const SOURCES = [
  { value: 'Webinar', weight: 14, lift: 0.3 },
  { value: 'Website', weight: 22, lift: 0.5 },
  { value: 'Referral', weight: 8, lift: 1.0 },
  { value: 'Paid Search', weight: 16, lift: -0.1 },
  { value: 'Trade Show', weight: 10, lift: 0.1 },
  { value: 'Outbound', weight: 22, lift: -0.4 },
  { value: 'Partner', weight: 8, lift: 0.6 },
];

// Faker's English name lists are mostly invented surnames; these read like a real UK or US prospect list.
const PEOPLE: Record<'GB' | 'US', { first: string[]; last: string[] }> = {
  GB: {
    first: names(
      `Oliver George Harry Jack Jacob Charlie Thomas James William Daniel Samuel Joshua Ryan Liam Callum ` +
        `Ben Matthew Adam Mohammed Aaron Connor Rhys Stuart Craig Neil Paul Mark Andrew Steven Imran Amelia ` +
        `Olivia Emily Isla Sophie Jessica Charlotte Lucy Megan Chloe Laura Rachel Sarah Emma Gemma Kirsty ` +
        `Nicola Priya Aisha Zoe Fiona Claire Joanne Karen Siobhan Shanice`,
    ),
    last: names(
      `Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White ` +
        `Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose Hughes ` +
        `Edwards Turner Harris Ward Cooper Morgan Bailey Hussain Shah Campbell Stewart MacDonald Murray Reid ` +
        `Kaur Singh Begum Fletcher Barker Holmes Marshall Gill Lloyd Price Kelly Doyle Brennan Okafor Nowak ` +
        `O'Neill Ahmed`,
    ),
  },
  US: {
    first: names(
      `Michael Christopher Matthew Joshua David Daniel Andrew Ryan Brandon Tyler Kevin Jason Justin Eric ` +
        `Kyle Jose Luis Carlos Anthony Derek Travis Cody Brian DeShawn Jessica Ashley Jennifer Amanda Sarah ` +
        `Stephanie Nicole Heather Elizabeth Megan Lauren Rachel Brittany Danielle Maria Ana Keisha Tiffany ` +
        `Courtney Erin Kayla Mei Aaliyah Rosa`,
    ),
    last: names(
      `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez ` +
        `Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ` +
        `Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ` +
        `Nelson Baker Rivera Carter Kowalski Schultz O'Brien Murphy Sullivan Patel Washington Brooks Foster ` +
        `Chen Kim`,
    ),
  },
};

// Numbers set aside for fiction (Ofcom's drama ranges, the US 555-01xx block), so nobody real gets a demo call.
const UK_FICTIONAL_PREFIXES = [
  '7700 900',
  '7700 900',
  '7700 900',
  '113 496 0',
  '161 496 0',
  '121 496 0',
  '117 496 0',
  '20 7946 0',
];
const US_AREA_CODES = ['973', '404', '704', '215', '617', '904', '312', '214', '901', '816', '317', '612'];

const WEBINARS = [
  'Tachograph compliance in 2026',
  'Cutting fuel spend across mixed fleets',
  'Moving vans to EV: what the data says',
  'Dash cams and driver coaching',
];
const TRADE_SHOWS = [
  'Multimodal 2026',
  'ITT Hub',
  'Road Transport Expo',
  'MATS Louisville',
  'transport logistic München',
];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com'];
const CURRENT_PROVIDERS = [
  'Samsara',
  'Motive',
  'Verizon Connect',
  'Geotab',
  'Spreadsheets',
  'In-house tracker',
  'None',
];

// ---------------------------------------------------------------------------------------------------------------
// Competitors and battlecards

interface CompetitorDef {
  name: string;
  aliases: string[];
  products: string[];
  website: string;
  reviewedDaysAgo: number;
  sections: Partial<Record<BattlecardSectionKey, { body: string; items?: BattlecardSection['items'] }>>;
}

const SECTION_TITLES: Partial<Record<BattlecardSectionKey, string>> = {
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  landmines: 'Landmines to lay',
  objection_handlers: 'Objection handlers',
  pricing: 'Pricing',
  talk_tracks: 'Talk tracks',
};

const item = (label: string | null, text: string, triggers: string[]) => ({ label, text, triggers });

const OUR_PRICING =
  `- **Essentials** £22 / $28 per vehicle per month: live tracking, remote tacho download, driver app.\n` +
  `- **Plus** £30 / $38: adds AI dash cams and driver coaching.\n` +
  `- 12-month term as standard; a 36-month term takes 10% off.\n` +
  `- Hardware included. Vans self-fit in ten minutes (OBD); HGVs and plant need a fitter at £45 / $60 per vehicle.\n` +
  `- Discounts above 10% need your manager's approval.`;

const PRICE_OBJECTION = (them: string) =>
  item(
    `${them} is cheaper / we can't afford it`,
    `Compare the whole bill, not the headline: our price includes tacho downloads, the driver app and the hardware. ` +
      `Fleets of 50-150 vans usually cover it from fuel and idling savings inside six months; offer a side-by-side cost comparison.`,
    ['too expensive', 'cheaper', 'price', 'per vehicle', 'per van', 'cost', 'budget', "can't afford"],
  );

const TIMING_OBJECTION = item(
  'We are tied into a contract / not this year',
  `Most customers switch at renewal. Offer a 30-day pilot on ten vehicles before then, so the change-over is ready on ` +
    `day one with no overlap in fees. Ask when the notice period starts; it is often 90 days before renewal.`,
  ['contract', 'tied in', 'tied into', 'locked in', 'renewal', 'next year', 'financial year', 'not until', 'timing'],
);

const CLOSE_FOR_DEMO = item(
  'Close for a demo',
  `"Let's put it side by side: 30 minutes with you and whoever signs off, and I'll bring a cost comparison against ` +
    `what you have today. Does Tuesday or Thursday work better?" Book it on the call and send the invite before you hang up.`,
  ['next step', 'send me', 'follow up', 'demo', 'show me', 'see it working'],
);

const COMPETITORS: CompetitorDef[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The recorded discovery call. {first}, {city}, {fleet} and {rep} are filled from the seeded lead.

type Cue = 'competitor' | 'landmine' | 'price' | 'timing' | 'next_step';

interface Line {
  speaker: 'rep' | 'prospect';
  text: string;
  cue?: Cue;
  match?: string;
}

const DISCOVERY_CALL: Line[] = [
  {
    speaker: 'rep',
    text: "Hi {first}, it's {rep} from FleetPulse. Thanks for making the time. Is now still good for twenty minutes?",
  },
  {
    speaker: 'prospect',
    text: "Yeah, go for it. I've got a depot meeting at half past, so we'll need to keep it tight.",
  },
  { speaker: 'rep', text: 'Understood. You downloaded our fuel-spend guide last week. What made you look at it?' },
  {
    speaker: 'prospect',
    text: "Fuel's our second biggest cost after wages. We run about {fleet} vans and a handful of seven-and-a-half tonners out of {city}, and I've got no real idea which drivers are idling.",
  },
  { speaker: 'rep', text: 'How are you tracking the vehicles at the moment?' },
  {
    speaker: 'prospect',
    text: "There's an old tracker on some of them. And honestly, we had a demo from Samsara in the summer. Their cameras looked good.",
    cue: 'competitor',
    match: 'Samsara',
  },
  { speaker: 'rep', text: 'What did you like about it, and what stopped you going ahead?' },
  {
    speaker: 'prospect',
    text: "The dash cams were slick. But the quote was per vehicle on a three-year term and didn't include the tacho side, so finance kicked it back.",
    cue: 'landmine',
    match: 'tacho',
  },
  { speaker: 'rep', text: "That's common. How are your drivers downloading tachograph data today?" },
  {
    speaker: 'prospect',
    text: 'Manually. Someone in the office spends most of Monday on it, and we still got pulled up by the DVSA in March for missed downloads.',
  },
  {
    speaker: 'rep',
    text: 'So compliance risk as well as fuel. If you could fix one of those first, which would it be?',
  },
  { speaker: 'prospect', text: 'Tachos, probably. A fine lands on my desk; fuel lands on the finance director.' },
  {
    speaker: 'rep',
    text: 'Makes sense. With us the remote tacho download is in the standard plan, so that Monday job goes away. Who else would be involved in a decision like this?',
  },
  { speaker: 'prospect', text: 'Me, our ops director Gareth, and finance will want to see numbers.' },
  {
    speaker: 'prospect',
    text: "Can I ask how much it is per van? Because if it's anything like the Sam Sara quote, I'll be honest, it's too expensive for us.",
    cue: 'price',
    match: 'too expensive',
  },
  {
    speaker: 'rep',
    text: 'Fair question. Usually between twenty-two and thirty pounds a vehicle a month depending on cameras, and that includes tacho and the driver app. Most fleets your size cover it from fuel savings inside six months.',
  },
  { speaker: 'prospect', text: 'Six months? What are you basing that on?' },
  {
    speaker: 'rep',
    text: 'Idling and route data from similar fleets. A Midlands haulier with ninety vans cut idle time by eighteen percent in the first quarter. I can send you the case study.',
  },
  {
    speaker: 'prospect',
    text: "Send it over. The other thing is timing. We're tied into our current tracker contract until the end of March, so realistically nothing happens before the new financial year.",
    cue: 'timing',
    match: 'tied into our current tracker contract',
  },
  {
    speaker: 'rep',
    text: 'Good to know. A lot of customers run a short pilot before their renewal so the switch is ready on day one. Would a thirty-day pilot on ten vans help make the case to Gareth?',
  },
  { speaker: 'prospect', text: 'Maybe. Does the hardware need an auto-electrician, or can our lads fit it?' },
  {
    speaker: 'rep',
    text: "The vans are plug-in, about ten minutes each. For the seven-and-a-half tonners we'd send a fitter.",
  },
  { speaker: 'prospect', text: 'And does it talk to payroll? We use Sage for timesheets.' },
  { speaker: 'rep', text: "Driver hours export to Sage today, and there's an API if your team wants it live." },
  { speaker: 'prospect', text: "Okay. That's better than I expected, honestly." },
  { speaker: 'rep', text: 'What would you need to see to take this to Gareth and finance?' },
  {
    speaker: 'prospect',
    text: "A proper cost comparison against what Samsara quoted, and I'd want to see the tacho download working.",
    cue: 'next_step',
    match: 'see the tacho download working',
  },
  {
    speaker: 'rep',
    text: "Let's do both. How about a thirty-minute demo with you and Gareth next Thursday at ten, and I'll bring a side-by-side cost breakdown?",
  },
  { speaker: 'prospect', text: "Thursday at ten works. Send the invite to me and I'll forward it to Gareth." },
  { speaker: 'rep', text: "Great. I'll send the invite and the case study today. Thanks, {first}." },
  { speaker: 'prospect', text: 'Cheers {rep}, speak Thursday.' },
];

// ---------------------------------------------------------------------------------------------------------------
// Seeding

export interface SeedResult {
  tenantId: string;
  apiKey: string;
  created: boolean;
}

export interface SeedOptions {
  /** Where the demo API key is kept between runs (written with mode 0600). */
  keyFile: string;
}

/**
 * Creates the demo tenant with a realistic book of business, once. Later runs leave the data alone and only make
 * sure the key in `keyFile` still works, issuing a new one when the file is gone or its key was revoked.
 */
export async function seedDemoTenant(prisma: PrismaClient, logger: Logger, options: SeedOptions): Promise<SeedResult> {
  const existing = await findDemoTenant(prisma);
  if (existing) {
    const apiKey = await ensureApiKey(prisma, existing.id, options.keyFile, logger);
    return { tenantId: existing.id, apiKey, created: false };
  }

  const started = Date.now();
  const data = buildDemoData(randomUUID(), new Date());
  try {
    await writeDemoData(prisma, data);
  } catch (error) {
    // Another process seeded at the same moment: its tenant stands, ours rolled back.
    const raced = isUniqueViolation(error) ? await findDemoTenant(prisma) : null;
    if (!raced) throw error;
    const apiKey = await ensureApiKey(prisma, raced.id, options.keyFile, logger);
    return { tenantId: raced.id, apiKey, created: false };
  }
  // Issued after the commit: a key must never point at a tenant that was rolled back. If the process dies here,
  // the next run finds the tenant without a key file and issues one.
  const apiKey = await ensureApiKey(prisma, data.tenant.id, options.keyFile, logger);
  logger.info({ tenantId: data.tenant.id, counts: countsOf(data), ms: Date.now() - started }, 'demo tenant seeded');
  return { tenantId: data.tenant.id, apiKey, created: true };
}

function findDemoTenant(prisma: PrismaClient) {
  return prisma.tenant.findUnique({
    where: { crm_externalId: { crm: DEMO_TENANT.crm, externalId: DEMO_TENANT.externalId } },
    select: { id: true },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

// ---------------------------------------------------------------------------------------------------------------
// The API key file

async function ensureApiKey(prisma: PrismaClient, tenantId: string, keyFile: string, logger: Logger): Promise<string> {
  const saved = await readKeyFile(keyFile);
  if (saved) {
    const verified = await verifyApiKey(prisma, saved);
    if (verified?.tenantId === tenantId) return saved;
  }
  const stale = await prisma.apiKey.findMany({
    where: { tenantId, name: KEY_NAME, revokedAt: null },
    select: { id: true },
  });
  for (const key of stale) await revokeApiKey(prisma, tenantId, key.id);
  const { apiKey } = await issueApiKey(prisma, tenantId, KEY_NAME);
  await writeKeyFile(keyFile, apiKey);
  if (saved !== null || stale.length > 0)
    logger.warn({ tenantId, keyFile, revoked: stale.length }, 'demo API key was missing or invalid; issued a new one');
  return apiKey;
}

async function readKeyFile(keyFile: string): Promise<string | null> {
  try {
    return (await readFile(keyFile, 'utf8')).trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written to a private temporary file and renamed, so the key is never readable by others nor half-written. */
async function writeKeyFile(keyFile: string, apiKey: string): Promise<void> {
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const temporary = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${apiKey}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temporary, keyFile);
}

// ---------------------------------------------------------------------------------------------------------------
// Building the records in memory

interface DemoData {
  tenant: Prisma.TenantCreateManyInput;
  users: Prisma.UserCreateManyInput[];
  companies: Prisma.CompanyCreateManyInput[];
  leads: Prisma.LeadCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  opportunities: Prisma.OpportunityCreateManyInput[];
  competitors: Prisma.CompetitorCreateManyInput[];
  battlecards: Prisma.BattlecardCreateManyInput[];
  ruleSets: Prisma.RoutingRuleSetCreateManyInput[];
  calls: Prisma.CallCreateManyInput[];
  segments: Prisma.TranscriptSegmentCreateManyInput[];
  suggestions: Prisma.SuggestionCreateManyInput[];
}

/** Everything the generators share: the seeded fakers, the tenant, the clock and the CRM id allocator. */
interface Context {
  faker: Faker;
  local: Record<Country, Faker>;
  tenantId: string;
  now: Date;
  sfId: (prefix: string) => string;
}

interface SeededUser {
  row: Prisma.UserCreateManyInput & { id: string };
  member: TeamMember;
}

interface SeededCompany {
  row: Prisma.CompanyCreateManyInput & { id: string; name: string; domain: string };
  country: Country;
  place: Place;
  industry: Industry;
  fleet: number;
  shortName: string;
}

interface SeededLead {
  row: Prisma.LeadCreateManyInput & { id: string; createdAt: Date };
  company: SeededCompany;
  tier: Tier;
  freeMail: boolean;
  logit: number;
  fleet: number | null;
  converted: Date | null;
}

interface SeededCard {
  competitor: CompetitorDef;
  competitorId: string;
  battlecardId: string;
}

function buildDemoData(tenantId: string, now: Date): DemoData {
  const ctx = createContext(tenantId, now);
  const users = buildUsers(ctx);
  const companies = buildCompanies(ctx);
  const leads = buildLeads(ctx, companies, users);
  const activities = leads.flatMap((lead) => buildActivities(ctx, lead));
  const opportunities = leads.flatMap((lead) => buildOpportunities(ctx, lead));
  const cards = COMPETITORS.map((competitor) => ({
    competitor,
    competitorId: randomUUID(),
    battlecardId: randomUUID(),
  }));
  const call = buildCall(ctx, leads, users, cards);
  return {
    tenant: {
      id: tenantId,
      name: DEMO_TENANT.name,
      crm: DEMO_TENANT.crm,
      externalId: DEMO_TENANT.externalId,
      settings: defaultTenantSettings,
    },
    users: users.map((user) => user.row),
    companies: companies.map((company) => company.row),
    leads: leads.map((lead) => lead.row),
    activities,
    opportunities,
    competitors: cards.map((card) => competitorRow(ctx, card)),
    battlecards: cards.map((card) => battlecardRow(ctx, card)),
    ruleSets: [routingRuleSet(ctx, users)],
    calls: [call.call],
    segments: call.segments,
    suggestions: call.suggestions,
  };
}

function createContext(tenantId: string, now: Date): Context {
  const seeded = (...locales: LocaleDefinition[]) => {
    const faker = new Faker({ locale: [...locales, en, base] });
    faker.seed(SEED);
    return faker;
  };
  const faker = seeded(en_GB);
  const used = new Set<string>();
  // Salesforce ids: a 3-character key prefix (005 user, 001 account, 00Q lead, 003 contact, 006 opportunity,
  // 00T task, 00U event), the pod, and a 3-character case-safe suffix: 18 characters in all.
  const sfId = (prefix: string) => {
    for (;;) {
      const id = `${prefix}5g00000${faker.string.alphanumeric({ length: 5, casing: 'mixed' })}${faker.string.alpha({ length: 3, casing: 'upper' })}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  return {
    faker,
    local: { GB: faker, US: seeded(en_US), DE: seeded(de), PT: seeded(pt_PT), ES: seeded(es) },
    tenantId,
    now,
    sfId,
  };
}

const daysAgo = (ctx: Context, days: number) => new Date(ctx.now.getTime() - days * DAY);
const between = (ctx: Context, from: Date, to: Date) => ctx.faker.date.between({ from, to });
const minDate = (a: Date, b: Date) => (a < b ? a : b);

/** Letters and digits only, accents dropped: for e-mail addresses and domains. */
function ascii(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[äöü]/gi, (umlaut) => `${umlaut.normalize('NFD')[0]}e`)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function logUniform(faker: Faker, min: number, max: number): number {
  return Math.round(Math.exp(faker.number.float({ min: Math.log(min), max: Math.log(max) })));
}

function buildUsers(ctx: Context): SeededUser[] {
  return TEAM.map((member) => {
    const [first = '', last = ''] = member.name.split(' ');
    const workingHours: WorkingHours[] = [1, 2, 3, 4, 5].map((day) => ({
      day,
      start: member.hours.start,
      end: day === 5 && member.hours.fridayEnd ? member.hours.fridayEnd : member.hours.end,
    }));
    return {
      member,
      row: {
        tenantId: ctx.tenantId,
        id: randomUUID(),
        crmUserId: ctx.sfId('005'),
        email: `${ascii(first)}.${ascii(last)}@${STAFF_DOMAIN}`,
        name: member.name,
        role: member.role,
        timeZone: member.timeZone,
        workingHours,
        languages: member.languages,
        territories: member.territories,
        skills: member.skills,
        capacity: member.capacity,
        dailyCap: member.dailyCap,
        weight: member.weight,
        active: member.active,
        createdAt: daysAgo(ctx, 330),
      },
    };
  });
}

function postcode(faker: Faker, country: Country, prefix: string): string {
  const digits = (n: number) => faker.string.numeric({ length: n, allowLeadingZeros: true });
  switch (country) {
    case 'GB':
      return `${prefix}${faker.number.int({ min: 1, max: 20 })} ${faker.number.int({ min: 1, max: 9 })}${faker.string.fromCharacters('ABDEFGHJLNPQRSTUWXYZ', 2)}`;
    case 'US':
      return `${prefix}${digits(5 - prefix.length)}`;
    case 'PT':
      return `${prefix}${digits(4 - prefix.length)}-${digits(3)}`;
    default:
      return `${prefix}${digits(5 - prefix.length)}`;
  }
}

/** A name as the company registered it, and the short name people say on the phone. */
function companyName(
  faker: Faker,
  country: Country,
  industry: Industry,
  stem: string,
): { name: string; shortName: string } {
  switch (country) {
    case 'GB': {
      const shortName = `${stem} ${faker.helpers.arrayElement(industry.words.en)}`;
      return {
        name: `${shortName} ${faker.helpers.weightedArrayElement([
          { value: 'Ltd', weight: 3 },
          { value: 'Limited', weight: 2 },
          { value: 'Group plc', weight: 1 },
        ])}`,
        shortName,
      };
    }
    case 'US': {
      const shortName = `${stem} ${faker.helpers.arrayElement(industry.words.en)}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['Inc.', 'LLC', 'Inc', 'Corp.'])}`, shortName };
    }
    case 'DE': {
      const shortName = `${stem} ${industry.words.de}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['GmbH', 'GmbH & Co. KG', 'AG'])}`, shortName };
    }
    case 'PT': {
      const shortName = `${industry.words.pt} ${stem}`;
      return { name: `${shortName}, ${faker.helpers.arrayElement(['Lda.', 'S.A.'])}`, shortName };
    }
    case 'ES': {
      const shortName = `${industry.words.es} ${stem}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['S.L.', 'S.A.'])}`, shortName };
    }
  }
}

function buildCompanies(ctx: Context): SeededCompany[] {
  const { faker } = ctx;
  const names = new Set<string>();
  const companies: SeededCompany[] = [];
  for (const [country, count] of Object.entries(COMPANIES_PER_COUNTRY) as [Country, number][]) {
    const local = ctx.local[country];
    while (companies.filter((company) => company.country === country).length < count) {
      const industry = faker.helpers.arrayElement(INDUSTRIES);
      // English stems read naturally in the UK and US; elsewhere family names are how such firms are named.
      const stem =
        country === 'GB' || country === 'US' ? faker.helpers.arrayElement(NAME_STEMS) : local.person.lastName();
      const { name, shortName } = companyName(faker, country, industry, stem);
      // Local firms shorten long trade names in their domains: torres-servicios.es, not torres-serviciostecnicos.es.
      const trade = shortName.replace(stem, '').trim();
      const word = ascii(country === 'GB' || country === 'US' ? trade : (trade.split(' ')[0] ?? trade));
      const tld = country === 'GB' && faker.datatype.boolean(0.2) ? 'com' : TLD[country];
      const domain = `${ascii(stem)}${faker.helpers.arrayElement(['', '-'])}${word}.${tld}`;
      if (names.has(name) || names.has(domain)) continue;
      names.add(name).add(domain);

      const place = faker.helpers.arrayElement(PLACES[country]);
      const employees = logUniform(faker, 12, 5000);
      const fleet = Math.max(
        3,
        Math.round(employees * industry.fleetRatio * faker.number.float({ min: 0.6, max: 1.4 })),
      );
      const revenuePerHead =
        country === 'US'
          ? faker.number.int({ min: 110_000, max: 240_000 })
          : faker.number.int({ min: 80_000, max: 180_000 });
      companies.push({
        country,
        place,
        industry,
        fleet,
        shortName,
        row: {
          tenantId: ctx.tenantId,
          id: randomUUID(),
          crmId: ctx.sfId('001'),
          name,
          domain,
          website: `https://www.${domain}`,
          industry: industry.name,
          employees: faker.datatype.boolean(0.93) ? employees : null,
          annualRevenue: faker.datatype.boolean(0.85) ? Math.round((employees * revenuePerHead) / 1000) * 1000 : null,
          country,
          region: place.region,
          city: place.city,
          postcode: postcode(faker, country, place.postcodePrefix),
          // Companies House numbers: 8 digits for England and Wales, SC and 6 digits for Scotland.
          companyNumber:
            country === 'GB'
              ? place.region === 'Scotland'
                ? `SC${faker.string.numeric(6)}`
                : `${faker.helpers.arrayElement(['0', '1'])}${faker.string.numeric({ length: 7, allowLeadingZeros: true })}`
              : null,
          customFields: {
            Named_Account__c: fleet >= 400 && faker.datatype.boolean(0.6),
            Depots__c: Math.max(1, Math.round(fleet / 60)),
          },
          createdAt: daysAgo(ctx, faker.number.int({ min: 300, max: 900 })),
        },
      });
    }
  }
  return companies;
}

function territoryOf(company: SeededCompany): Territory {
  return company.place.territory;
}

function pickTitle(ctx: Context, country: Country): { tier: Tier; title: string | null; lift: number } {
  const { faker } = ctx;
  const tier = faker.helpers.weightedArrayElement(TITLE_TIERS.map((t) => ({ value: t, weight: t.weight })));
  const language = LANGUAGE[country];
  const local = language === 'de' || language === 'pt' || language === 'es' ? tier.local?.[language] : undefined;
  const titles = local && faker.datatype.boolean(0.4) ? local : tier.en;
  // A few leads have no title at all, which is not the same as a junk one.
  const title = tier.tier === 'junk' && faker.datatype.boolean(0.25) ? null : faker.helpers.arrayElement(titles);
  return { tier: tier.tier, title, lift: tier.lift };
}

function personName(ctx: Context, country: Country): { firstName: string; lastName: string } {
  if (country === 'GB' || country === 'US') {
    const people = PEOPLE[country];
    return {
      firstName: ctx.faker.helpers.arrayElement(people.first),
      lastName: ctx.faker.helpers.arrayElement(people.last),
    };
  }
  const local = ctx.local[country];
  return { firstName: local.person.firstName(), lastName: local.person.lastName() };
}

function phoneNumber(ctx: Context, country: Country): string {
  const { faker } = ctx;
  switch (country) {
    case 'GB':
      return `+44 ${faker.helpers.arrayElement(UK_FICTIONAL_PREFIXES)}${faker.string.numeric({ length: 3, allowLeadingZeros: true })}`;
    case 'US':
      return `+1 ${faker.helpers.arrayElement(US_AREA_CODES)}-555-01${faker.string.numeric({ length: 2, allowLeadingZeros: true })}`;
    default:
      return ctx.local[country].phone.number({ style: 'international' });
  }
}

function leadEmail(ctx: Context, first: string, last: string, domain: string, freeMail: boolean): string {
  const { faker } = ctx;
  const f = ascii(first) || 'info';
  const l = ascii(last) || 'contact';
  if (freeMail)
    return `${f}.${l}${faker.helpers.maybe(() => faker.number.int({ min: 1, max: 99 }), { probability: 0.5 }) ?? ''}@${faker.helpers.arrayElement(FREE_MAIL)}`;
  const local = faker.helpers.weightedArrayElement([
    { value: `${f}.${l}`, weight: 6 },
    { value: `${f[0]}${l}`, weight: 3 },
    { value: f, weight: 1 },
  ]);
  return `${local}@${domain}`;
}

function buildLeads(ctx: Context, companies: SeededCompany[], users: SeededUser[]): SeededLead[] {
  const { faker } = ctx;
  const leads: SeededLead[] = [];
  for (let i = 0; i < 400; i++) {
    const company = faker.helpers.arrayElement(companies);
    const { firstName, lastName } = personName(ctx, company.country);
    const { tier, title, lift: titleLift } = pickTitle(ctx, company.country);
    const source = faker.helpers.weightedArrayElement(SOURCES.map((s) => ({ value: s, weight: s.weight })));
    const freeMail = faker.datatype.boolean(0.15);
    // Leads whose company was typed by hand and never matched to an account.
    const unmatched = faker.datatype.boolean(0.04);
    const fleet = faker.datatype.boolean(0.85)
      ? Math.max(1, Math.round(company.fleet * faker.number.float({ min: 0.8, max: 1.2 })))
      : null;
    const createdAt = daysAgo(ctx, faker.number.float({ min: 0.2, max: 300 }));
    const language = company.country === 'US' && faker.datatype.boolean(0.06) ? 'es' : LANGUAGE[company.country];

    const logit =
      -3 +
      titleLift +
      source.lift +
      company.industry.fit +
      (freeMail ? -1.2 : 0) +
      (fleet ? Math.max(-1, Math.min(1.2, 0.45 * Math.log(fleet / 40))) : -0.3) +
      faker.number.float({ min: -0.5, max: 0.5 });

    leads.push({
      company,
      tier,
      freeMail,
      logit,
      fleet,
      converted: null,
      row: {
        tenantId: ctx.tenantId,
        id: randomUUID(),
        crmId: '',
        crmType: faker.datatype.boolean(0.25) ? 'contact' : 'lead',
        // Web-to-lead forms leave the first name out now and then, and Salesforce fills a required last name.
        firstName: faker.datatype.boolean(0.02) ? null : firstName,
        lastName: faker.datatype.boolean(0.01) ? '[not provided]' : lastName,
        email: faker.datatype.boolean(0.02) ? null : leadEmail(ctx, firstName, lastName, company.row.domain, freeMail),
        phone: faker.datatype.boolean(0.03)
          ? '0000000000'
          : faker.datatype.boolean(0.1)
            ? null
            : phoneNumber(ctx, company.country),
        title,
        companyId: unmatched ? null : company.row.id,
        companyName: unmatched ? company.shortName : company.row.name,
        source: source.value,
        status: 'new',
        country: company.country,
        region: company.place.region,
        language,
        ownerId: null,
        customFields: leadCustomFields(ctx, source.value, fleet),
        createdAt,
      },
    });
  }
  for (const lead of leads) lead.row.crmId = ctx.sfId(lead.row.crmType === 'contact' ? '003' : '00Q');

  markConversions(ctx, leads);
  for (const lead of leads) settleLead(ctx, lead, users);
  return leads;
}

function leadCustomFields(ctx: Context, source: string, fleet: number | null): Prisma.InputJsonObject {
  const { faker } = ctx;
  const detail =
    source === 'Webinar'
      ? `Webinar: ${faker.helpers.arrayElement(WEBINARS)}`
      : source === 'Trade Show'
        ? faker.helpers.arrayElement(TRADE_SHOWS)
        : null;
  return {
    Fleet_Size__c: fleet,
    Current_Provider__c:
      faker.helpers.maybe(() => faker.helpers.arrayElement(CURRENT_PROVIDERS), { probability: 0.6 }) ?? null,
    Lead_Source_Detail__c: detail,
  };
}

/**
 * About 12% of leads convert: the leads with the highest propensity plus Gumbel noise, so conversion follows the
 * features without being a deterministic rule. Leads too young to have converted are left out.
 */
function markConversions(ctx: Context, leads: SeededLead[]): void {
  const { faker } = ctx;
  const target = Math.round(leads.length * 0.12);
  const eligible = leads
    .filter((lead) => ctx.now.getTime() - lead.row.createdAt.getTime() > 14 * DAY)
    .map((lead) => ({ lead, key: lead.logit - Math.log(-Math.log(faker.number.float({ min: 1e-9, max: 1 - 1e-9 }))) }))
    .sort((a, b) => b.key - a.key);
  for (const { lead } of eligible.slice(0, target)) {
    const age = (ctx.now.getTime() - lead.row.createdAt.getTime()) / DAY;
    // Within the default 90-day conversion window, so the model's labels agree with the data.
    const lag = faker.number.float({ min: 6, max: Math.min(80, age - 3) });
    lead.converted = new Date(lead.row.createdAt.getTime() + lag * DAY);
  }
}

function settleLead(ctx: Context, lead: SeededLead, users: SeededUser[]): void {
  const { faker } = ctx;
  const row = lead.row;
  const age = (ctx.now.getTime() - row.createdAt.getTime()) / DAY;
  if (lead.converted) {
    row.status = 'converted';
    row.convertedAt = lead.converted;
  } else if (age < 10) {
    row.status = faker.helpers.weightedArrayElement([
      { value: 'new', weight: 7 },
      { value: 'working', weight: 3 },
    ]);
  } else {
    const promising = lead.logit > -2.5;
    row.status = faker.helpers.weightedArrayElement([
      { value: 'new', weight: 8 },
      { value: 'working', weight: 30 },
      { value: 'nurturing', weight: 25 },
      { value: 'qualified', weight: promising ? 14 : 4 },
      { value: 'unqualified', weight: promising ? 12 : 26 },
    ]);
  }
  const owned =
    lead.converted !== null || (row.status !== 'new' && faker.datatype.boolean(0.76)) || faker.datatype.boolean(0.15);
  row.ownerId = owned ? pickOwner(ctx, users, territoryOf(lead.company)) : null;
  const lastChange = lead.converted ?? row.createdAt;
  const crmUpdatedAt = between(ctx, lastChange, minDate(ctx.now, new Date(lastChange.getTime() + 45 * DAY)));
  row.crmUpdatedAt = crmUpdatedAt;
  row.updatedAt = crmUpdatedAt;
}

function pickOwner(ctx: Context, users: SeededUser[], territory: Territory): string | null {
  const sdrs = users.filter((user) => user.member.role === 'sdr' && user.member.territories.includes(territory));
  if (sdrs.length === 0) return null;
  return ctx.faker.helpers.weightedArrayElement(
    sdrs.map((user) => ({ value: user.row.id, weight: Math.max(1, user.member.weight) })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Activities and opportunities

type ActivityKind = 'call' | 'email_out' | 'email_in' | 'meeting' | 'note' | 'web';

const EMAIL_SUBJECTS = [
  'Cutting fuel spend across your fleet',
  'Tachograph compliance without the Monday admin',
  'Quick question about your vans',
  'Following up: fleet tracking ROI',
  'Case study: 18% less idling at a Midlands haulier',
  'Driver coaching with dash cams',
  'Your fuel-spend guide',
];
const WEB_EVENTS = [
  { subject: 'Visited pricing page', outcome: null },
  { subject: 'Downloaded: Fleet fuel-spend guide', outcome: 'Form fill' },
  { subject: 'Used the TCO calculator', outcome: null },
  { subject: 'Viewed case study: regional haulier', outcome: null },
  { subject: 'Requested a demo', outcome: 'Form fill' },
];
const NOTES = [
  'Spoke to reception; the fleet manager is in on Tuesdays and Thursdays. Try after 2pm.',
  'Current tracker contract renews in the spring. Revisit eight weeks before.',
  'Interested in dash cams after an insurance claim last quarter.',
  'Gatekeeper asked for information by email first.',
  'Runs a mixed fleet of vans and HGVs; tacho downloads are manual.',
];

function activityCount(ctx: Context, lead: SeededLead): number {
  const { faker } = ctx;
  if (lead.converted) return faker.number.int({ min: 8, max: 16 });
  switch (lead.row.status) {
    case 'new':
      return faker.number.int({ min: 0, max: 3 });
    case 'working':
      return faker.number.int({ min: 3, max: 8 });
    case 'nurturing':
      return faker.number.int({ min: 2, max: 7 });
    case 'qualified':
      return faker.number.int({ min: 6, max: 11 });
    default:
      return faker.number.int({ min: 1, max: 5 });
  }
}

function buildActivities(ctx: Context, lead: SeededLead): Prisma.ActivityCreateManyInput[] {
  const { faker } = ctx;
  const count = activityCount(ctx, lead);
  if (count === 0) return [];
  const start = lead.row.createdAt;
  const end = minDate(ctx.now, new Date((lead.converted ?? start).getTime() + (lead.converted ? 40 : 120) * DAY));
  const times = faker.date.betweens({ from: start, to: end, count }).sort((a, b) => a.getTime() - b.getTime());
  const engaged = lead.converted !== null || lead.row.status === 'qualified';
  const kinds: ActivityKind[] = times.map((_, index) => {
    // Inbound leads start with the web visit that created them.
    if (index === 0 && lead.row.source !== 'Outbound') return 'web';
    return faker.helpers.weightedArrayElement<ActivityKind>([
      { value: 'call', weight: 35 },
      { value: 'email_out', weight: 30 },
      { value: 'email_in', weight: engaged ? 12 : 4 },
      { value: 'meeting', weight: engaged ? 10 : 2 },
      { value: 'note', weight: 8 },
      { value: 'web', weight: engaged ? 10 : 6 },
    ]);
  });
  // Converted leads met the team at least once before converting.
  if (lead.converted && !kinds.includes('meeting')) kinds[Math.min(kinds.length - 1, 2)] = 'meeting';
  return times.map((occurredAt, index) => activityRow(ctx, lead, kinds[index] ?? 'call', occurredAt, engaged));
}

function activityRow(
  ctx: Context,
  lead: SeededLead,
  kind: ActivityKind,
  occurredAt: Date,
  engaged: boolean,
): Prisma.ActivityCreateManyInput {
  const { faker } = ctx;
  const common = { tenantId: ctx.tenantId, id: randomUUID(), leadId: lead.row.id, occurredAt, createdAt: occurredAt };
  switch (kind) {
    case 'call': {
      const outcome = faker.helpers.weightedArrayElement([
        { value: 'No answer', weight: 35 },
        { value: 'Left voicemail', weight: 25 },
        { value: 'Connected', weight: engaged ? 30 : 15 },
        { value: 'Gatekeeper', weight: 10 },
        { value: 'Wrong number', weight: 3 },
        { value: 'Meeting booked', weight: engaged ? 10 : 2 },
      ]);
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'call',
        direction: 'outbound',
        subject: faker.helpers.arrayElement(['Call: intro', 'Call: follow-up', 'Call: discovery']),
        outcome,
        body: null,
      };
    }
    case 'email_out':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'email',
        direction: 'outbound',
        subject: faker.helpers.arrayElement(EMAIL_SUBJECTS),
        outcome: faker.helpers.weightedArrayElement([
          { value: 'Sent', weight: 5 },
          { value: 'Opened', weight: 4 },
          { value: 'Clicked', weight: 2 },
          { value: 'Bounced', weight: 1 },
        ]),
        body: null,
      };
    case 'email_in':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'email',
        direction: 'inbound',
        subject: `RE: ${faker.helpers.arrayElement(EMAIL_SUBJECTS)}`,
        outcome: 'Replied',
        body: faker.helpers.arrayElement([
          'Thanks, can you send pricing for our fleet?',
          'Not right now, try me next quarter.',
          'Happy to have a call. Thursday afternoon?',
          'Please speak to our ops director instead.',
        ]),
      };
    case 'meeting':
      return {
        ...common,
        crmId: ctx.sfId('00U'),
        type: 'meeting',
        direction: null,
        subject: faker.helpers.arrayElement(['Discovery call', 'Product demo', 'Pricing review', 'Pilot kick-off']),
        outcome: faker.helpers.weightedArrayElement([
          { value: 'Held', weight: 8 },
          { value: 'No-show', weight: 1 },
          { value: 'Rescheduled', weight: 1 },
        ]),
        body: null,
      };
    case 'note':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'note',
        direction: null,
        subject: 'Note',
        outcome: null,
        body: faker.helpers.arrayElement(NOTES),
      };
    case 'web': {
      const event = faker.helpers.arrayElement(WEB_EVENTS);
      // Marketing-automation events are not CRM tasks, so they have no CRM id.
      return {
        ...common,
        crmId: null,
        type: 'web',
        direction: 'inbound',
        subject: event.subject,
        outcome: event.outcome,
        body: null,
      };
    }
  }
}

const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];

function opportunityStage(ctx: Context, convertedDaysAgo: number): string {
  const { faker } = ctx;
  if (convertedDaysAgo > 75)
    return faker.helpers.weightedArrayElement([
      { value: 'Closed Won', weight: 5 },
      { value: 'Closed Lost', weight: 4 },
      { value: 'Negotiation/Review', weight: 1 },
    ]);
  if (convertedDaysAgo > 30)
    return faker.helpers.weightedArrayElement([
      { value: 'Qualification', weight: 1 },
      { value: 'Needs Analysis', weight: 2 },
      { value: 'Proposal/Price Quote', weight: 3 },
      { value: 'Negotiation/Review', weight: 2 },
      { value: 'Closed Won', weight: 1 },
      { value: 'Closed Lost', weight: 1 },
    ]);
  return faker.helpers.arrayElement(OPEN_STAGES.slice(0, 3));
}

function buildOpportunities(ctx: Context, lead: SeededLead): Prisma.OpportunityCreateManyInput[] {
  const converted = lead.converted;
  if (!converted) return [];
  const { faker } = ctx;
  const company = lead.company;
  const fleet = lead.fleet ?? company.fleet;
  const currency = CURRENCY[company.country];
  const convertedDaysAgo = (ctx.now.getTime() - converted.getTime()) / DAY;
  const deals = [
    {
      name: `${company.shortName} - Fleet Tracking (${fleet} vehicles)`,
      vehicles: fleet,
      perMonth: faker.number.int({ min: 22, max: 30 }),
      stage: opportunityStage(ctx, convertedDaysAgo),
    },
  ];
  // Some accounts open a second deal for cameras once tracking is agreed.
  if (faker.datatype.boolean(0.28))
    deals.push({
      name: `${company.shortName} - Dash Cams add-on`,
      vehicles: Math.max(5, Math.round(fleet * 0.5)),
      perMonth: 8,
      stage: faker.helpers.arrayElement(OPEN_STAGES.slice(0, 2)),
    });

  return deals.map((deal) => {
    const isClosed = deal.stage.startsWith('Closed');
    const rate = currency === 'USD' ? 1.27 : 1;
    const amount = Math.min(
      250_000,
      Math.max(5_000, Math.round((deal.vehicles * deal.perMonth * 12 * rate) / 500) * 500),
    );
    const lost = deal.stage === 'Closed Lost';
    const closeDate = isClosed
      ? between(
          ctx,
          new Date(converted.getTime() + 20 * DAY),
          minDate(ctx.now, new Date(converted.getTime() + 95 * DAY)),
        )
      : new Date(ctx.now.getTime() + faker.number.int({ min: 10, max: 120 }) * DAY);
    closeDate.setUTCHours(0, 0, 0, 0);
    const competitors = faker.datatype.boolean(lost ? 0.7 : 0.35)
      ? faker.helpers.arrayElements(
          COMPETITORS.map((c) => c.name),
          { min: 1, max: 2 },
        )
      : [];
    return {
      tenantId: ctx.tenantId,
      id: randomUUID(),
      crmId: ctx.sfId('006'),
      name: deal.name,
      leadId: lead.row.id,
      companyId: lead.row.companyId ?? null,
      ownerId: lead.row.ownerId ?? null,
      stage: deal.stage,
      amount,
      currency,
      closeDate,
      isClosed,
      isWon: deal.stage === 'Closed Won',
      competitors,
      createdAt: converted,
      updatedAt: minDate(ctx.now, isClosed ? closeDate : ctx.now),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Competitors, battlecards and routing

function competitorRow(ctx: Context, card: SeededCard): Prisma.CompetitorCreateManyInput {
  const { competitor } = card;
  return {
    tenantId: ctx.tenantId,
    id: card.competitorId,
    name: competitor.name,
    aliases: competitor.aliases,
    products: competitor.products,
    website: competitor.website,
    createdAt: daysAgo(ctx, 280),
  };
}

function battlecardSections(competitor: CompetitorDef): BattlecardSection[] {
  return (
    Object.entries(competitor.sections) as [
      BattlecardSectionKey,
      { body: string; items?: BattlecardSection['items'] },
    ][]
  ).map(([key, section]) => ({
    key,
    title: SECTION_TITLES[key] ?? key,
    body: section.body,
    items: section.items ?? [],
  }));
}

function battlecardRow(ctx: Context, card: SeededCard): Prisma.BattlecardCreateManyInput {
  const reviewedAt = daysAgo(ctx, card.competitor.reviewedDaysAgo);
  return {
    tenantId: ctx.tenantId,
    id: card.battlecardId,
    competitorId: card.competitorId,
    title: `${VENDOR} vs ${card.competitor.name}`,
    sections: battlecardSections(card.competitor),
    staleAfterDays: 90,
    reviewedAt,
    createdAt: daysAgo(ctx, 280),
    updatedAt: reviewedAt,
  };
}

function routingRuleSet(ctx: Context, users: SeededUser[]): Prisma.RoutingRuleSetCreateManyInput {
  const idOf = (name: string) => users.find((user) => user.member.name === name)?.row.id ?? '';
  const poolOf = (members: string[]) => ({
    type: 'pool' as const,
    members: members.map((name) => ({
      userId: idOf(name),
      weight: Math.max(1, TEAM.find((m) => m.name === name)?.weight ?? 1),
    })),
  });
  const rules: RoutingRuleInput[] = [
    {
      id: 'enterprise-fleets',
      name: 'Enterprise fleets (500+ vehicles) stay with the account owner',
      conditions: [{ field: 'lead.customFields.Fleet_Size__c', operator: 'gte', value: 500 }],
      target: { type: 'account_owner' },
      slaMinutes: 15,
    },
    {
      id: 'uk-ireland',
      name: 'UK & Ireland',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['GB', 'IE'] }],
      target: poolOf(['Hannah Clarke', 'Tom Harding']),
      slaMinutes: 30,
    },
    {
      id: 'us-east',
      name: 'US East',
      conditions: [
        { field: 'lead.country', operator: 'eq', value: 'US' },
        { field: 'lead.region', operator: 'in', value: US_EAST_STATES },
      ],
      target: { type: 'user', userId: idOf('Jasmine Ortiz') },
      slaMinutes: 60,
    },
    {
      id: 'us-central',
      name: 'US Central and the rest of the US',
      conditions: [{ field: 'lead.country', operator: 'eq', value: 'US' }],
      target: { type: 'user', userId: idOf('Marcus Webb') },
      slaMinutes: 60,
    },
    {
      id: 'dach',
      name: 'DACH',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['DE', 'AT', 'CH'] }],
      target: { type: 'user', userId: idOf('Lukas Brandt') },
      slaMinutes: 60,
    },
    {
      id: 'iberia',
      name: 'Iberia',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['PT', 'ES'] }],
      target: { type: 'user', userId: idOf('Inês Carvalho') },
      slaMinutes: 60,
    },
    {
      id: 'catch-all',
      name: 'Everyone else',
      conditions: [],
      target: poolOf(TEAM.filter((m) => m.role === 'sdr' && m.active).map((m) => m.name)),
      slaMinutes: null,
    },
  ];
  return {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    version: 1,
    active: true,
    rules,
    createdBy: users.find((user) => user.member.role === 'manager')?.row.email ?? null,
    createdAt: daysAgo(ctx, 60),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The recorded call

interface SeededCall {
  call: Prisma.CallCreateManyInput;
  segments: Prisma.TranscriptSegmentCreateManyInput[];
  suggestions: Prisma.SuggestionCreateManyInput[];
}

/** A UK lead in play, owned by the senior UK SDR, with a mid-sized van fleet: a believable discovery call. */
function callLead(leads: SeededLead[], rep: SeededUser): SeededLead {
  const fits = (lead: SeededLead) =>
    lead.company.country === 'GB' &&
    lead.row.ownerId === rep.row.id &&
    (lead.row.status === 'working' || lead.row.status === 'qualified') &&
    !lead.freeMail &&
    lead.row.companyId !== null &&
    lead.row.firstName !== null &&
    ['manager', 'head', 'director'].includes(lead.tier) &&
    lead.fleet !== null &&
    lead.fleet >= 30 &&
    lead.fleet <= 250;
  const lead = leads.find(fits) ?? leads.find((l) => l.row.ownerId === rep.row.id) ?? leads[0];
  if (!lead) throw new Error('the demo call needs at least one lead');
  return lead;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function buildCall(ctx: Context, leads: SeededLead[], users: SeededUser[], cards: SeededCard[]): SeededCall {
  const { faker } = ctx;
  const rep = users.find((user) => user.member.weight === 2) ?? users[0];
  if (!rep) throw new Error('the demo call needs a rep');
  const lead = callLead(leads, rep);
  const samsara = cards.find((card) => card.competitor.name === 'Samsara') ?? cards[0];
  if (!samsara) throw new Error('the demo call needs a battlecard');

  const values = {
    first: lead.row.firstName ?? 'there',
    rep: rep.member.name.split(' ')[0] ?? rep.member.name,
    company: lead.company.shortName,
    city: lead.company.place.city,
    fleet: String(Math.min(400, Math.max(20, lead.fleet ?? lead.company.fleet))),
  };
  const callId = randomUUID();
  const startedAt = daysAgo(ctx, 2);
  startedAt.setUTCHours(14, 0, 5, 0);

  let clock = faker.number.int({ min: 800, max: 1500 });
  const segments = DISCOVERY_CALL.map((line, index) => {
    const text = fill(line.text, values);
    const startMs = clock;
    // About 160 words a minute, with the pauses people leave between turns.
    const endMs = startMs + text.split(/\s+/).length * 375 + faker.number.int({ min: 200, max: 900 });
    clock = endMs + faker.number.int({ min: 250, max: 1100 });
    return {
      tenantId: ctx.tenantId,
      callId,
      segmentId: `seg-${String(index + 1).padStart(3, '0')}`,
      seq: index + 1,
      speaker: line.speaker,
      text,
      startMs,
      endMs,
      final: true,
      receivedAt: new Date(startedAt.getTime() + endMs + 400),
    };
  });
  const endedAt = new Date(startedAt.getTime() + clock + 1500);

  const suggestions = DISCOVERY_CALL.flatMap((line, index) => {
    const segment = segments[index];
    if (!line.cue || !segment) return [];
    return [suggestionRow(ctx, line.cue, line.match ?? '', segment, samsara, callId)];
  });

  const talk = (speaker: string) =>
    segments.filter((s) => s.speaker === speaker).reduce((sum, s) => sum + s.endMs - s.startMs, 0);
  const summary: CallSummary = {
    text:
      `${values.first} (${values.company}) runs about ${values.fleet} vans and some 7.5t trucks from ${values.city}. Saw a Samsara demo in the summer; ` +
      `finance rejected the per-vehicle quote on a three-year term. Tachograph downloads are manual and drew a DVSA warning in March. ` +
      `Locked into the current tracker until the end of March.`,
    nextSteps: [
      'Demo with ops director Gareth next Thursday at 10:00',
      'Send the Midlands haulier case study and a cost comparison against the Samsara quote',
    ],
    competitorIds: [samsara.competitorId],
    objections: [
      'Too expensive compared with the Samsara quote',
      'Tied into the current contract until the end of March',
    ],
    repTalkRatio: Math.round((talk('rep') / (talk('rep') + talk('prospect'))) * 100) / 100,
  };

  return {
    call: {
      tenantId: ctx.tenantId,
      id: callId,
      leadId: lead.row.id,
      opportunityId: null,
      userId: rep.row.id,
      platform: 'dialer',
      externalId: `CA${faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`,
      status: 'ended',
      startedAt,
      endedAt,
      summary,
    },
    segments,
    suggestions,
  };
}

function findItem(card: SeededCard, key: BattlecardSectionKey, label: (text: string) => boolean) {
  return card.competitor.sections[key]?.items?.find((entry) => label(entry.label ?? entry.text));
}

function suggestionRow(
  ctx: Context,
  cue: Cue,
  match: string,
  segment: { segmentId: string; receivedAt: Date },
  card: SeededCard,
  callId: string,
): Prisma.SuggestionCreateManyInput {
  const pick = (): {
    kind: SuggestionKind;
    title: string;
    body: string;
    section: BattlecardSectionKey;
    detector: SuggestionSignal['detector'];
    confidence: number;
  } => {
    switch (cue) {
      case 'competitor':
        return {
          kind: 'competitor',
          title: `${card.competitor.name} mentioned`,
          body: card.competitor.sections.why_we_win?.body ?? '',
          section: 'why_we_win',
          detector: 'competitor_mention',
          confidence: 0.98,
        };
      case 'landmine': {
        const landmine = findItem(card, 'landmines', (text) => text.includes('tachograph'));
        return {
          kind: 'question',
          title: 'Ask how they download tachograph data',
          body: landmine?.text ?? '',
          section: 'landmines',
          detector: 'keyword',
          confidence: 0.81,
        };
      }
      case 'price': {
        const handler = findItem(card, 'objection_handlers', (text) => text.includes('cheaper'));
        return {
          kind: 'objection',
          title: handler?.label ?? 'Price objection',
          body: handler?.text ?? '',
          section: 'objection_handlers',
          detector: 'objection',
          confidence: 0.93,
        };
      }
      case 'timing': {
        const handler = findItem(card, 'objection_handlers', (text) => text.includes('contract'));
        return {
          kind: 'objection',
          title: handler?.label ?? 'Timing objection',
          body: handler?.text ?? '',
          section: 'objection_handlers',
          detector: 'objection',
          confidence: 0.9,
        };
      }
      case 'next_step': {
        const track = findItem(card, 'talk_tracks', (text) => text.startsWith('Close for a demo'));
        return {
          kind: 'next_step',
          title: 'Book the demo now',
          body: track?.text ?? '',
          section: 'talk_tracks',
          detector: 'llm',
          confidence: 0.77,
        };
      }
    }
  };
  const suggestion = pick();
  const signal: SuggestionSignal = {
    detector: suggestion.detector,
    match,
    competitorId: cue === 'competitor' || cue === 'price' ? card.competitorId : null,
    confidence: suggestion.confidence,
  };
  return {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    callId,
    segmentId: segment.segmentId,
    kind: suggestion.kind,
    title: suggestion.title,
    body: suggestion.body,
    sourceCardId: card.battlecardId,
    sourceSection: suggestion.section,
    signal,
    createdAt: new Date(segment.receivedAt.getTime() + 350),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

async function writeDemoData(prisma: PrismaClient, data: DemoData): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // The audit trail attributes every row below to the seed rather than to an anonymous system write.
      await tx.$executeRaw`SELECT set_config('sdr.actor', 'seed', true)`;
      await tx.tenant.create({ data: data.tenant });
      // Parents before children: foreign keys are checked row by row.
      await tx.user.createMany({ data: data.users });
      await tx.company.createMany({ data: data.companies });
      await tx.lead.createMany({ data: data.leads });
      await tx.activity.createMany({ data: data.activities });
      await tx.opportunity.createMany({ data: data.opportunities });
      await tx.competitor.createMany({ data: data.competitors });
      await tx.battlecard.createMany({ data: data.battlecards });
      await tx.routingRuleSet.createMany({ data: data.ruleSets });
      await tx.call.createMany({ data: data.calls });
      await tx.transcriptSegment.createMany({ data: data.segments });
      await tx.suggestion.createMany({ data: data.suggestions });
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

function countsOf(data: DemoData) {
  return {
    users: data.users.length,
    companies: data.companies.length,
    leads: data.leads.length,
    converted: data.leads.filter((lead) => lead.convertedAt).length,
    activities: data.activities.length,
    opportunities: data.opportunities.length,
    competitors: data.competitors.length,
    battlecards: data.battlecards.length,
    routingRuleSets: data.ruleSets.length,
    calls: data.calls.length,
    transcriptSegments: data.segments.length,
    suggestions: data.suggestions.length,
  };
}
