import type { Territory } from './places.ts';

export interface TeamMember {
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

/** The demo tenant's sales team: the SDRs who own leads and the manager who owns the rules. */
export const TEAM: TeamMember[] = [
  {
    name: 'Hannah Clarke',
    role: 'sdr',
    timeZone: 'Europe/London',
    hours: { start: '09:00', end: '17:30' },
    languages: ['en', 'fr'],
    territories: ['UK'],
    skills: ['logistics', 'mid-market', 'inbound'],
    // Room above the book she already holds (about 65 open leads), so new UK leads still reach her.
    capacity: 90,
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
    capacity: 80,
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
