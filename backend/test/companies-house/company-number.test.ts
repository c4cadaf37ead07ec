import {
  companiesHouseFromConfig,
  companyNumber,
  forgetSharedRateLimiters,
  InvalidCompanyNumberError,
  normaliseCompanyNumber,
} from '../../src/integrations/companies-house/index.ts';
import { freshKey } from './support.ts';

describe('company numbers', () => {
  it.each([
    ['445790', '00445790'],
    ['00445790', '00445790'],
    [' 2065 ', '00002065'],
    ['SC123456', 'SC123456'],
    ['sc 12345', 'SC012345'],
    ['OC431877', 'OC431877'],
    ['ni000001', 'NI000001'],
    ['R0000123', 'R0000123'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseCompanyNumber(input)).toBe(expected);
    expect(companyNumber(input)).toBe(expected);
  });

  it.each(['', 'TESCO', '123456789', 'S1234567', 'SC1234567', '../00445790', '0044-5790'])('refuses %j', (input) => {
    expect(normaliseCompanyNumber(input)).toBeNull();
    expect(() => companyNumber(input)).toThrow(InvalidCompanyNumberError);
  });
});

describe('companiesHouseFromConfig', () => {
  afterEach(() => forgetSharedRateLimiters());

  it('makes no client without a key, and one with the settings given otherwise', () => {
    expect(companiesHouseFromConfig(null)).toBeNull();
    expect(companiesHouseFromConfig({ apiKey: ' ' })).toBeNull();

    const client = companiesHouseFromConfig({ apiKey: freshKey(), baseUrl: 'http://127.0.0.1:1/', rateLimit: 300 });

    expect(client?.baseUrl).toBe('http://127.0.0.1:1');
    expect(client?.limiter.limit).toBe(300);
    expect(companiesHouseFromConfig({ apiKey: freshKey() })?.baseUrl).toBe(
      'https://api.company-information.service.gov.uk',
    );
  });
});
