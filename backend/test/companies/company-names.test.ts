import { nameSimilarity, normaliseCompanyName } from '../../src/companies/company-name.ts';
import { companyDomainOfEmail, domainOf, emailDomainOf } from '../../src/companies/web-domain.ts';

describe('company names', () => {
  it.each([
    ['Acme Ltd', 'acme'],
    ['ACME Limited', 'acme'],
    ['acme', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['The Acme Company', 'acme'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ["O'Brien Haulage Ltd.", 'obrien haulage'],
    ['Smith & Co Holdings PLC', 'smith and'],
    ['Company Ltd', 'company'],
    ['B.T. plc', 'bt'],
    ['I B M Corp', 'ibm'],
    ['  Tesco   Stores  ', 'tesco stores'],
    ['The Acme Group Holdings plc', 'acme'],
    ['Marks & Spencer Group P.L.C.', 'marks and spencer'],
    ['Ørsted UK Ltd.', 'orsted'],
    ['Holdings Ltd', 'holdings'],
    ['Ltd', 'ltd'],
  ])('normalises %p to %p', (name, expected) => {
    expect(normaliseCompanyName(name)).toBe(expected);
  });

  it('scores close names high and different ones low', () => {
    const score = (a: string, b: string) => nameSimilarity(normaliseCompanyName(a), normaliseCompanyName(b));
    expect(score('Acme Logistics Ltd', 'ACME LOGISTICS LIMITED')).toBe(1);
    expect(score('Acme Logistcs', 'Acme Logistics')).toBeGreaterThan(0.86);
    expect(score('Northern Fleet Services', 'Northern Fleet Service')).toBeGreaterThan(0.86);
    expect(score('Acme Logistics', 'Apex Logistics')).toBeLessThan(0.86);
    expect(score('Acme', 'Zenith')).toBeLessThan(0.2);
    expect(nameSimilarity('', 'acme')).toBe(0);
  });
});

describe('web domains', () => {
  it('reads websites and e-mail addresses, and sets consumer mail aside', () => {
    expect(domainOf('https://www.Acme.co.uk/about?x=1')).toBe('acme.co.uk');
    expect(domainOf('acme')).toBeNull();
    expect(emailDomainOf('priya@Haulage.example')).toBe('haulage.example');
    expect(companyDomainOfEmail('priya@haulage.example')).toBe('haulage.example');
    expect(companyDomainOfEmail('priya.shah@gmail.com')).toBeNull();
    expect(companyDomainOfEmail('not-an-address')).toBeNull();
    expect(companyDomainOfEmail('@acme.com')).toBeNull();
  });
});
