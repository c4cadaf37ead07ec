import { AccountIndex } from '../../src/agents/routing/account-matching.ts';

const accounts = new AccountIndex([
  { id: 'acme', name: 'Acme Logistics Ltd', domain: 'acme-logistics.co.uk' },
  { id: 'apex', name: 'Apex Logistics Limited', domain: null },
  { id: 'northern', name: 'Northern Fleet Services PLC', domain: 'https://www.northernfleet.example/' },
  { id: 'bt', name: 'BT', domain: 'bt.com' },
]);
const lead = (fields: Partial<Parameters<AccountIndex['match']>[0]>) => ({
  companyId: null,
  companyName: null,
  email: null,
  website: null,
  ...fields,
});

describe('lead-to-account matching', () => {
  it('trusts a CRM link first, then the domain, then the name', () => {
    expect(accounts.match(lead({ companyId: 'apex', email: 'x@acme-logistics.co.uk' }))).toEqual({
      companyId: 'apex',
      confidence: 1,
      method: 'crm_link',
    });
    expect(accounts.match(lead({ email: 'Priya@ACME-logistics.co.uk', companyName: 'Apex Logistics' }))).toEqual({
      companyId: 'acme',
      confidence: 0.95,
      method: 'domain',
    });
    expect(accounts.match(lead({ website: 'northernfleet.example/contact' }))).toMatchObject({
      companyId: 'northern',
      method: 'domain',
    });
    expect(accounts.match(lead({ companyName: 'ACME LOGISTICS LIMITED' }))).toEqual({
      companyId: 'acme',
      confidence: 0.85,
      method: 'name_exact',
    });
  });

  it('matches a misspelt name loosely, with less confidence, and not a different company', () => {
    const fuzzy = accounts.match(lead({ companyName: 'Northern Fleet Service' }));
    expect(fuzzy).toMatchObject({ companyId: 'northern', method: 'name_fuzzy' });
    expect(fuzzy!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(fuzzy!.confidence).toBeLessThan(0.85);
    expect(accounts.match(lead({ companyName: 'Acme Logistcs' }))).toMatchObject({ companyId: 'acme' });
    expect(accounts.match(lead({ companyName: 'Zenith Haulage' }))).toBeNull();
  });

  it('does not match on consumer mail, a short name, or nothing', () => {
    expect(accounts.match(lead({ email: 'someone@gmail.com' }))).toBeNull();
    expect(accounts.match(lead({ companyName: 'BTT' }))).toBeNull();
    expect(accounts.match(lead({ companyName: 'B.T. plc' }))).toMatchObject({ companyId: 'bt', method: 'name_exact' });
    expect(accounts.match(lead({ companyId: 'unknown-company' }))).toBeNull();
    expect(accounts.match(lead({}))).toBeNull();
  });
});
