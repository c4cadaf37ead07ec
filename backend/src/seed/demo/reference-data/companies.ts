import type { Country } from './places.ts';
import { wordList } from './word-list.ts';

export const COMPANIES_PER_COUNTRY: Record<Country, number> = { GB: 32, US: 28, DE: 9, PT: 6, ES: 5 };

export interface Industry {
  name: string;
  /** Words for the company name, in English, German, Portuguese and Spanish. */
  words: { en: string[]; de: string; pt: string; es: string };
  /** Vehicles per employee, roughly. */
  fleetRatio: number;
  /** How well the industry fits the product: a lift on the chance of converting. */
  fit: number;
}

export const INDUSTRIES: Industry[] = [
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

/** The distinctive first word of UK and US company names ("Pennine Haulage Ltd"). */
export const NAME_STEMS = wordList(
  `Harbridge Pennine Kestrel Meridian Northgate Redwood Fenwick Calder Brookfield Summit Ironbridge ` +
    `Lakeside Severn Highland Ashdown Blackwater Castlefield Eastway Granite Hawthorn Keystone Lighthouse ` +
    `Mersey Oakleigh Portway Riverside Silverline Trident Vanguard Westbrook Atlas Beacon Cobalt ` +
    `Evergreen Frontier Liberty Pioneer Bluegrass`,
);
