import type { HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

describe('HubSpot stand-in: owners', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];

  beforeEach(async () => {
    ({ standIn, client } = await signedIn({
      user: { email: 'admin@acme.example', firstName: 'Ann', lastName: 'Admin' },
    }));
  });

  afterEach(async () => {
    expect(expectServedBodiesConform(standIn.calls)).toBeGreaterThan(0);
    await standIn.close();
  });

  it('lists owners page by page, the installing user first', async () => {
    for (const name of ['bea', 'cal', 'dan', 'eve'])
      standIn.addOwner({ email: `${name}@acme.example`, firstName: name });

    const emails: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.owners.ownersApi.getPage(undefined, after, 2);
      expectRequiredAttributes(page, 'CollectionResponsePublicOwnerForwardPaging', 'crm/owners', 'instance');
      emails.push(...page.results.map((o) => o.email ?? ''));
      after = page.paging?.next?.after;
    } while (after);

    expect(emails).toEqual([
      'admin@acme.example',
      'bea@acme.example',
      'cal@acme.example',
      'dan@acme.example',
      'eve@acme.example',
    ]);
  });

  it('filters owners by email', async () => {
    const bea = standIn.addOwner({ email: 'bea@acme.example', firstName: 'Bea', lastName: 'Bell', userId: 4242 });

    const page = await client.crm.owners.ownersApi.getPage('BEA@acme.example');

    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({
      id: bea.id,
      email: 'bea@acme.example',
      firstName: 'Bea',
      lastName: 'Bell',
      userId: 4242,
      type: 'PERSON',
      archived: false,
    });
  });

  it('reads an owner by id or by user id', async () => {
    const bea = standIn.addOwner({
      email: 'bea@acme.example',
      userId: 4242,
      teams: [{ id: '9', name: 'SDRs', primary: true }],
    });

    const byId = await client.crm.owners.ownersApi.getById(Number(bea.id));
    const byUserId = await client.crm.owners.ownersApi.getById(4242, 'userId');

    expectRequiredAttributes(byId, 'PublicOwner', 'crm/owners', 'instance');
    expect(byId.id).toBe(bea.id);
    expect(byUserId.id).toBe(bea.id);
    expect(byId.teams).toEqual([expect.objectContaining({ name: 'SDRs', primary: true })]);
    expect((await failureOf(client.crm.owners.ownersApi.getById(1))).code).toBe(404);
  });
});
