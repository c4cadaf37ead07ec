import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import type { HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform, objectFolder } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

const V4 = 'crm/associations/v4';
const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as AssociationSpecAssociationCategoryEnum;

describe('HubSpot stand-in: associations v4', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];

  beforeEach(async () => {
    ({ standIn, client } = await signedIn());
  });

  afterEach(async () => {
    expect(expectServedBodiesConform(standIn.calls)).toBeGreaterThan(0);
    await standIn.close();
  });

  it('creates a default association both ways and lists it', async () => {
    const contact = standIn.create('contacts', { email: 'a@acme.example' });
    const company = standIn.create('companies', { name: 'Acme' });

    const created = await client.crm.associations.v4.basicApi.createDefault(
      'contacts',
      contact.id,
      'companies',
      company.id,
    );
    const fromContact = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'companies');
    const fromCompany = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'contacts');

    expectRequiredAttributes(created, 'BatchResponsePublicDefaultAssociation', V4, 'instance');
    expectRequiredAttributes(
      fromContact,
      'CollectionResponseMultiAssociatedObjectWithLabelForwardPaging',
      V4,
      'instance',
    );
    expect(created.results.map((r) => [r._from.id, r.to.id, r.associationSpec.associationTypeId])).toEqual([
      [contact.id, company.id, 279],
      [company.id, contact.id, 280],
    ]);
    expect(fromContact.results).toEqual([
      expect.objectContaining({
        toObjectId: Number(company.id),
        associationTypes: [expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 279, label: null })],
      }),
    ]);
    expect(fromCompany.results.map((r) => String(r.toObjectId))).toEqual([contact.id]);
  });

  it('creates a labeled (primary) association, which implies the unlabeled one', async () => {
    const contact = standIn.create('contacts', { email: 'p@acme.example' });
    const company = standIn.create('companies', { name: 'Acme' });

    const labels = await client.crm.associations.v4.basicApi.create('contacts', contact.id, 'companies', company.id, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 },
    ]);
    const page = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'companies');

    expectRequiredAttributes(labels, 'LabelsBetweenObjectPair', V4, 'instance');
    expect(labels).toMatchObject({ fromObjectTypeId: '0-1', toObjectTypeId: '0-2', labels: ['Primary'] });
    expect(page.results[0]?.associationTypes.map((t) => t.typeId).sort((a, b) => a - b)).toEqual([1, 279]);
    expect(standIn.count({ method: 'PUT', status: 201 })).toBe(1);
  });

  it('rejects an association type that does not join the two objects', async () => {
    const contact = standIn.create('contacts', {});
    const deal = standIn.create('deals', { dealname: 'D' });

    const failure = await failureOf(
      client.crm.associations.v4.basicApi.create('contacts', contact.id, 'deals', deal.id, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 },
      ]),
    );

    expect([failure.code, failure.body.category]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('creates, defaults and reads associations in batches', async () => {
    const deal = standIn.create('deals', { dealname: 'D' });
    const contacts = [1, 2, 3].map((i) => standIn.create('contacts', { email: `c${i}@acme.example` }));
    const company = standIn.create('companies', { name: 'Acme' });
    const { batchApi } = client.crm.associations.v4;

    const created = await batchApi.create('deals', 'contacts', {
      inputs: contacts.slice(0, 2).map((c) => ({
        _from: { id: deal.id },
        to: { id: c.id },
        types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 }],
      })),
    });
    const defaulted = await batchApi.createDefault('deals', 'companies', {
      inputs: [{ _from: { id: deal.id }, to: { id: company.id } }],
    });
    const read = await batchApi.getPage('deals', 'contacts', { inputs: [{ id: deal.id }] });

    expectRequiredAttributes(created, 'BatchResponseLabelsBetweenObjectPair', V4, 'instance');
    expectRequiredAttributes(defaulted, 'BatchResponsePublicDefaultAssociation', V4, 'instance');
    expectRequiredAttributes(read, 'BatchResponsePublicAssociationMultiWithLabel', V4, 'instance');
    expect(created.results).toHaveLength(2);
    expect(defaulted.results[0]?.associationSpec.associationTypeId).toBe(341);
    expect(read.results[0]?.to.map((t) => String(t.toObjectId))).toEqual([contacts[0]!.id, contacts[1]!.id]);
    expect(standIn.associatedIds('contacts', contacts[1]!.id, 'deals')).toEqual([deal.id]);
  });

  it('reports records without associations in a batch read as a 207 error', async () => {
    const linked = standIn.create('contacts', { email: 'l@acme.example' });
    const lonely = standIn.create('contacts', { email: 'x@acme.example' });
    const company = standIn.create('companies', { name: 'Acme' });
    standIn.associate('contacts', linked.id, 'companies', company.id);

    const read = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', {
      inputs: [{ id: linked.id }, { id: lonely.id }],
    });

    expectRequiredAttributes(read, 'BatchResponsePublicAssociationMultiWithLabelWithErrors', V4, 'instance');
    expect(read.results.map((r) => r._from.id)).toEqual([linked.id]);
    expect('errors' in read && read.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { fromObjectId: [lonely.id] },
    });
  });

  it('reports missing records in a batch create as a 207 error and creates the rest', async () => {
    const contact = standIn.create('contacts', {});
    const company = standIn.create('companies', { name: 'Acme' });

    const result = await client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [company.id, '2999999'].map((id) => ({
        _from: { id: contact.id },
        to: { id },
        types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }],
      })),
    });

    expectRequiredAttributes(result, 'BatchResponseLabelsBetweenObjectPairWithErrors', V4, 'instance');
    expect(result.results).toHaveLength(1);
    expect('numErrors' in result && result.numErrors).toBe(1);
  });

  it('joins calls, emails and meetings to contacts, companies and deals with HubSpot’s type ids', async () => {
    const contact = standIn.create('contacts', { email: 'e@acme.example' });
    const company = standIn.create('companies', { name: 'Acme' });
    const deal = standIn.create('deals', { dealname: 'Acme pilot' });
    const stamp = { hs_timestamp: '2025-05-01T00:00:00Z' };
    const call = standIn.create('calls', stamp);
    const email = standIn.create('emails', stamp);
    const meeting = standIn.create('meetings', stamp);
    const { basicApi, batchApi } = client.crm.associations.v4;

    const defaults = await Promise.all([
      basicApi.createDefault('calls', call.id, 'contacts', contact.id),
      basicApi.createDefault('emails', email.id, 'contacts', contact.id),
      basicApi.createDefault('meetings', meeting.id, 'contacts', contact.id),
    ]);
    const labeled = await Promise.all(
      (
        [
          ['calls', call.id, 'companies', company.id, 182],
          ['emails', email.id, 'companies', company.id, 186],
          ['meetings', meeting.id, 'companies', company.id, 188],
          ['calls', call.id, 'deals', deal.id, 206],
          ['emails', email.id, 'deals', deal.id, 210],
          ['meetings', meeting.id, 'deals', deal.id, 212],
        ] as const
      ).map(([from, fromId, to, toId, associationTypeId]) =>
        basicApi.create(from, fromId, to, toId, [{ associationCategory: HUBSPOT_DEFINED, associationTypeId }]),
      ),
    );
    const typeIds = async (from: string, id: string, to: string) =>
      (await basicApi.getPage(from, id, to)).results.map((r) => [String(r.toObjectId), r.associationTypes[0]?.typeId]);

    expect(defaults.map((d) => d.results.map((r) => r.associationSpec.associationTypeId))).toEqual([
      [194, 193],
      [198, 197],
      [200, 199],
    ]);
    expect(labeled.map((l) => [l.fromObjectTypeId, l.toObjectTypeId])).toEqual([
      ['0-48', '0-2'],
      ['0-49', '0-2'],
      ['0-47', '0-2'],
      ['0-48', '0-3'],
      ['0-49', '0-3'],
      ['0-47', '0-3'],
    ]);
    expect(await typeIds('contacts', contact.id, 'calls')).toEqual([[call.id, 193]]);
    expect(await typeIds('contacts', contact.id, 'emails')).toEqual([[email.id, 197]]);
    expect(await typeIds('contacts', contact.id, 'meetings')).toEqual([[meeting.id, 199]]);
    expect(await typeIds('companies', company.id, 'calls')).toEqual([[call.id, 181]]);
    expect(await typeIds('companies', company.id, 'emails')).toEqual([[email.id, 185]]);
    expect(await typeIds('companies', company.id, 'meetings')).toEqual([[meeting.id, 187]]);
    expect(await typeIds('deals', deal.id, 'calls')).toEqual([[call.id, 205]]);
    expect(await typeIds('deals', deal.id, 'emails')).toEqual([[email.id, 209]]);
    expect(await typeIds('deals', deal.id, 'meetings')).toEqual([[meeting.id, 211]]);

    const read = await batchApi.getPage('meetings', 'contacts', { inputs: [{ id: meeting.id }] });
    expectRequiredAttributes(read, 'BatchResponsePublicAssociationMultiWithLabel', V4, 'instance');
    expect(read.results[0]?.to).toEqual([
      expect.objectContaining({
        toObjectId: Number(contact.id),
        associationTypes: [expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 200, label: null })],
      }),
    ]);
  });

  it('reads each engagement’s contacts in one batch and reports engagements without any', async () => {
    const [ada, bob] = ['ada', 'bob'].map((name) => standIn.create('contacts', { email: `${name}@acme.example` }));
    const stamp = { hs_timestamp: '2025-05-01T00:00:00Z' };
    const both = standIn.create('emails', stamp);
    const one = standIn.create('emails', stamp);
    const none = standIn.create('emails', stamp);
    standIn.associate('emails', both.id, 'contacts', ada!.id);
    standIn.associate('contacts', bob!.id, 'emails', both.id);
    standIn.associate('emails', one.id, 'contacts', bob!.id, 198);

    const read = await client.crm.associations.v4.batchApi.getPage('emails', 'contacts', {
      inputs: [both, one, none].map(({ id }) => ({ id })),
    });

    expectRequiredAttributes(read, 'BatchResponsePublicAssociationMultiWithLabelWithErrors', V4, 'instance');
    expect(read.results.map((r) => [r._from.id, r.to.map((t) => String(t.toObjectId))])).toEqual([
      [both.id, [ada!.id, bob!.id]],
      [one.id, [bob!.id]],
    ]);
    expect('errors' in read && read.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
      context: { fromObjectId: [none.id] },
    });
    expect(() => standIn.associate('emails', none.id, 'contacts', ada!.id, 194)).toThrow(
      'No association type 194 from emails to contacts',
    );
  });

  it('lists associations on v3 reads when asked', async () => {
    const contact = standIn.create('contacts', { email: 'v3@acme.example' });
    const company = standIn.create('companies', { name: 'Acme' });
    standIn.associate('contacts', contact.id, 'companies', company.id, 1);

    const read = await client.crm.contacts.basicApi.getById(contact.id, undefined, undefined, ['companies']);

    expectRequiredAttributes(read, 'SimplePublicObjectWithAssociations', objectFolder('contacts'), 'instance');
    expect(read.associations?.companies?.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: company.id, type: 'contact_to_company' }),
        expect.objectContaining({ id: company.id, type: 'contact_to_company_unlabeled' }),
      ]),
    );
  });
});
