import { Alert, Button, Input, LoadingButton, Select } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { FieldMappingUpdate, FieldMappingView } from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { FieldMappingArea } from '../../src/app/settings/FieldMappingArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, refusal } from './support.ts';

// The contract has no example of a HubSpot mapping: this one is checked against the schema before use.
const view = FieldMappingView.parse({
  crm: 'hubspot',
  objects: {
    contact: { crmObject: 'contacts', fields: { email: 'email', source: 'hs_analytics_source', language: null } },
    company: { crmObject: 'companies', fields: { industry: 'industry', employees: 'numberofemployees' } },
  },
  scores: {
    contact: {
      ev: 'sdr_ev',
      evAmount: null,
      risk: null,
      urgency: null,
      reasons: 'sdr_reasons',
      scoredAt: null,
    },
  },
  features: [{ crmField: 'fleet_size', feature: 'custom.fleet_size', label: 'Fleet size' }],
});
const field = (name: string, custom = false, updateable = true) => ({
  name,
  label: name,
  type: 'string',
  custom,
  updateable,
});
const contactFields = {
  data: [
    field('email'),
    field('hs_analytics_source', false, false),
    field('lead_source_detail', true),
    field('sdr_ev', true),
    field('sdr_reasons', true),
    field('fleet_size', true),
  ],
};
const companyFields = { data: [field('industry'), field('numberofemployees'), field('fleet_size', true)] };

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/settings/field-mapping', { status: 200, body: view })
    .on('GET', '/v1/crm/fields/contact', { status: 200, body: contactFields })
    .on('GET', '/v1/crm/fields/company', { status: 200, body: companyFields });
  fake.install();
});

function renderArea() {
  const renderer = createRenderer('settings');
  renderer.render(<FieldMappingArea />);
  return renderer;
}

describe('the field mapping', () => {
  it('shows each field with the HubSpot property that feeds it, chosen from the portal’s properties', async () => {
    const { find, waitFor } = renderArea();
    await waitFor(() => find(Select, { name: 'body.fields.contact.source' }));
    expect(find(Select, { name: 'body.fields.contact.source' }).props.value).toBe('hs_analytics_source');
    expect(find(Select, { name: 'body.fields.contact.language' }).props.value).toBe('');
    expect(find(Select, { name: 'body.fields.company.employees' }).props.options.map((o) => o.value)).toEqual([
      '',
      'industry',
      'numberofemployees',
      'fleet_size',
    ]);
    // Scores can only go to properties the app may write.
    expect(find(Select, { name: 'body.scores.contact.ev' }).props.options.map((o) => o.value)).not.toContain(
      'hs_analytics_source',
    );
    expect(find(Input, { name: 'feature-label-0' }).props.value).toBe('Fleet size');
    expect(callsTo(fake.calls, 'GET', '/v1/crm/fields/contact')).toHaveLength(1);
  });

  it('sends only the fields that changed, and the custom fields', async () => {
    fake.on('PUT', '/v1/settings/field-mapping', { status: 200, body: view });
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => find(Select, { name: 'body.fields.contact.source' }));
    find(Select, { name: 'body.fields.contact.source' }).trigger('onChange', 'lead_source_detail' as never);
    find(Select, { name: 'body.scores.contact.reasons' }).trigger('onChange', '' as never);
    findByTestId(Button, 'add-feature').trigger('onClick');
    find(Select, { name: 'feature-field-1' }).trigger('onChange', 'fleet_size' as never);
    find(Input, { name: 'feature-key-1' }).trigger('onChange', 'custom.fleet_size_band' as never);
    find(Input, { name: 'feature-label-1' }).trigger('onChange', 'Fleet size band' as never);
    findByTestId(LoadingButton, 'save-mapping').trigger('onClick');
    expect(findByTestId(LoadingButton, 'save-mapping').props.disabled).toBe(true);
    await waitFor(() => expect(findByTestId(Alert, 'mapping-saved').text).toContain('field mapping is saved'));
    const body = callsTo(fake.calls, 'PUT', '/v1/settings/field-mapping')[0]!.body;
    expect(body).toEqual({
      fields: { contact: { source: 'lead_source_detail' } },
      scores: { contact: { reasons: null } },
      features: [
        ...view.features,
        { crmField: 'fleet_size', feature: 'custom.fleet_size_band', label: 'Fleet size band' },
      ],
    });
    expect(FieldMappingUpdate.safeParse(body).success).toBe(true);
  });

  it('puts the service’s problems next to the fields', async () => {
    fake.on(
      'PUT',
      '/v1/settings/field-mapping',
      refusal('fields.contact.source: no such property on contacts', [
        { field: 'body.fields.contact.source', message: 'no such property on contacts' },
        { field: 'body.features.0.feature', message: 'each feature may be mapped once' },
      ]),
    );
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => find(Select, { name: 'body.fields.contact.source' }));
    findByTestId(LoadingButton, 'save-mapping').trigger('onClick');
    await waitFor(() =>
      expect(find(Select, { name: 'body.fields.contact.source' }).props.validationMessage).toBe(
        'no such property on contacts',
      ),
    );
    expect(find(Input, { name: 'feature-key-0' }).props.validationMessage).toBe('each feature may be mapped once');
    expect(find(Select, { name: 'body.fields.contact.email' }).props.error).toBe(false);
  });

  it('offers a retry when the HubSpot properties cannot be read', async () => {
    fake.on('GET', '/v1/crm/fields/company', FAILED);
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).props.title).toBe('Could not read the HubSpot properties'));
    expect(find(Alert).text).toBe(UNREACHABLE);
    fake.on('GET', '/v1/crm/fields/company', { status: 200, body: companyFields });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => find(Select, { name: 'body.fields.company.industry' }));
  });

  it('offers a retry when the mapping cannot be loaded', async () => {
    fake.on('GET', '/v1/settings/field-mapping', 'network-error');
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/settings/field-mapping', { status: 200, body: view });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => find(Select, { name: 'body.fields.contact.source' }));
  });
});
