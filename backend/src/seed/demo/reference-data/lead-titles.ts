export type Tier = 'intern' | 'coordinator' | 'manager' | 'head' | 'director' | 'vp' | 'c_level' | 'junk';

export interface TitleTier {
  tier: Tier;
  weight: number;
  lift: number;
  en: string[];
  /** Local-language titles, used for some leads in DE, PT and ES. */
  local?: Partial<Record<'de' | 'pt' | 'es', string[]>>;
}

export const TITLE_TIERS: TitleTier[] = [
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
