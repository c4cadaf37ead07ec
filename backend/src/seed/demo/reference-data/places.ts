export type Country = 'GB' | 'US' | 'DE' | 'PT' | 'ES';
export type Territory = 'UK' | 'US-East' | 'US-Central' | 'DACH' | 'Iberia';

/** Where a company is based, and the sales territory that covers it. */
export interface Place {
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

export const PLACES: Record<Country, Place[]> = {
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

export const US_EAST_STATES = [...new Set(PLACES.US.filter((p) => p.territory === 'US-East').map((p) => p.region))];

export const LANGUAGE: Record<Country, string> = { GB: 'en', US: 'en', DE: 'de', PT: 'pt', ES: 'es' };
export const TLD: Record<Country, string> = { GB: 'co.uk', US: 'com', DE: 'de', PT: 'pt', ES: 'es' };
export const CURRENCY: Record<Country, 'GBP' | 'USD'> = { GB: 'GBP', US: 'USD', DE: 'GBP', PT: 'GBP', ES: 'GBP' };
