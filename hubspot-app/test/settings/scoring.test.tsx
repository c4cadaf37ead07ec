import { Alert, Button, EmptyState, Input, LoadingButton, NumberInput, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ModelVersion, modelVersionExample, TenantSettingsPatch, tenantSettingsExample } from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { ModelsList } from '../../src/app/settings/ModelsList.tsx';
import { ScoringSettings } from '../../src/app/settings/ScoringArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, refusal, textOf } from './support.ts';

const older = ModelVersion.parse({
  ...modelVersionExample,
  id: '3c1d9e70-2b4a-4f18-9e6d-a5b7c9d1e203',
  version: '2026-11-10.1',
  status: 'retired',
  metrics: { ...modelVersionExample.metrics!, rocAuc: 0.774 },
  promotedAt: null,
});

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/settings', { status: 200, body: tenantSettingsExample })
    .on('GET', '/v1/models', { status: 200, body: { data: [modelVersionExample, older] } });
  fake.install();
});

function render(node: React.ReactNode) {
  const renderer = createRenderer('settings');
  renderer.render(node);
  return renderer;
}

describe('the scoring settings', () => {
  it('shows the thresholds and the ideal customer profile rules, ranges typed as from..to', async () => {
    const { find, findAll, waitFor } = render(<ScoringSettings />);
    await waitFor(() => expect(find(NumberInput, { name: 'hot' }).props.value).toBe(70));
    expect(find(NumberInput, { name: 'warm' }).props.value).toBe(40);
    expect(find(NumberInput, { name: 'conversionWindowDays' }).props.value).toBe(120);
    expect(find(NumberInput, { name: 'defaultDealValue' }).props.label).toBe('Deal value when unknown (GBP)');
    const values = findAll(Input)
      .filter((input) => input.props.name.startsWith('icp-value-'))
      .map((input) => input.props.value);
    expect(values).toEqual(['Logistics', '100..2000', 'GB', '50..', 'Purchased list']);
  });

  it('saves the whole scoring section, with the rules as the service takes them', async () => {
    fake.on('PATCH', '/v1/settings', (call) => ({
      status: 200,
      body: {
        ...tenantSettingsExample,
        scoring: { ...tenantSettingsExample.scoring, ...(call.body!.scoring as object) },
      },
    }));
    const { find, findByTestId, waitFor } = render(<ScoringSettings />);
    await waitFor(() => find(NumberInput, { name: 'hot' }));
    find(NumberInput, { name: 'hot' }).trigger('onChange', 75 as never);
    find(Input, { name: 'icp-value-0' }).trigger('onChange', 'Logistics' as never);
    findByTestId(Button, 'remove-icp-4').trigger('onClick');
    findByTestId(LoadingButton, 'save-scoring').trigger('onClick');
    expect(findByTestId(LoadingButton, 'save-scoring').props.disabled).toBe(true);
    await waitFor(() => expect(findByTestId(Alert, 'scoring-saved').text).toContain('scoring settings are saved'));
    const [call] = callsTo(fake.calls, 'PATCH', '/v1/settings');
    const { icpWeights, evTiers, ...rest } = tenantSettingsExample.scoring;
    const { currency: _currency, ...editable } = rest;
    expect(call!.body).toEqual({
      scoring: { ...editable, evTiers: { ...evTiers, hot: 75 }, icpWeights: icpWeights.slice(0, 4) },
    });
    expect(TenantSettingsPatch.safeParse(call!.body).success).toBe(true);
  });

  it('puts the service’s problems next to the fields and keeps what was typed', async () => {
    fake.on(
      'PATCH',
      '/v1/settings',
      refusal('scoring.evTiers.hot: hot must be above warm', [
        { field: 'body.scoring.evTiers.hot', message: 'hot must be above warm' },
        { field: 'body.scoring.icpWeights.1.value', message: 'min must not be above max' },
      ]),
    );
    const { find, findByTestId, waitFor } = render(<ScoringSettings />);
    await waitFor(() => find(NumberInput, { name: 'hot' }));
    find(NumberInput, { name: 'hot' }).trigger('onChange', 30 as never);
    findByTestId(LoadingButton, 'save-scoring').trigger('onClick');
    await waitFor(() =>
      expect(find(NumberInput, { name: 'hot' }).props.validationMessage).toBe('hot must be above warm'),
    );
    expect(find(NumberInput, { name: 'hot' }).props.error).toBe(true);
    expect(find(NumberInput, { name: 'hot' }).props.value).toBe(30);
    expect(find(Input, { name: 'icp-value-1' }).props.validationMessage).toBe('min must not be above max');
    expect(find(NumberInput, { name: 'warm' }).props.error).toBe(false);
    expect(findByTestId(Alert, 'scoring-error').text).toBe(
      'Some values need changing: see the messages next to the fields.',
    );
    expect(findByTestId(LoadingButton, 'save-scoring').props.disabled).toBe(false);
  });

  it('offers a retry when the settings cannot be loaded', async () => {
    fake.on('GET', '/v1/settings', FAILED);
    const { find, findByTestId, waitFor } = render(<ScoringSettings />);
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/settings', { status: 200, body: tenantSettingsExample });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(find(NumberInput, { name: 'hot' }).props.value).toBe(70));
  });
});

describe('the models', () => {
  it('lists the versions with their held-out metrics and marks the active one', async () => {
    const { find, getRootNode, waitFor } = render(<ModelsList />);
    await waitFor(() => expect(find(StatusTag).text).toBe('Active'));
    const text = textOf(getRootNode());
    expect(text).toContain('2026-11-24.1');
    expect(text).toContain('Boosted trees');
    expect(text).toContain('0.812');
    expect(text).toContain('0.774');
    expect(text).toContain('3.1×');
  });

  it('makes an older version active again', async () => {
    fake.on('POST', '/v1/models/2026-11-10.1/promote', {
      status: 200,
      body: { ...older, status: 'active', promotedAt: '2026-11-24T12:00:00.000Z' },
    });
    const { findAll, findByTestId, waitFor } = render(<ModelsList />);
    await waitFor(() => findByTestId(LoadingButton, 'promote-2026-11-10.1'));
    findByTestId(LoadingButton, 'promote-2026-11-10.1').trigger('onClick');
    await waitFor(() =>
      expect(findByTestId(Alert, 'models-saved').text).toBe('Version 2026-11-10.1 now scores every lead.'),
    );
    expect(callsTo(fake.calls, 'POST', '/v1/models/2026-11-10.1/promote')).toHaveLength(1);
    expect(findAll(StatusTag)).toHaveLength(1);
    findByTestId(LoadingButton, 'promote-2026-11-24.1');
  });

  it('says why a promotion was refused', async () => {
    fake.on('POST', '/v1/models/2026-11-10.1/promote', {
      status: 409,
      body: { title: 'Conflict', status: 409, detail: 'This version was trained for another outcome.' },
    });
    const { findByTestId, waitFor } = render(<ModelsList />);
    await waitFor(() => findByTestId(LoadingButton, 'promote-2026-11-10.1'));
    findByTestId(LoadingButton, 'promote-2026-11-10.1').trigger('onClick');
    await waitFor(() =>
      expect(findByTestId(Alert, 'models-error').text).toBe('This version was trained for another outcome.'),
    );
  });

  it('offers a retry when the models cannot be loaded', async () => {
    fake.on('GET', '/v1/models', 'network-error');
    const { find, findByTestId, waitFor } = render(<ModelsList />);
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/models', { status: 200, body: { data: [] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No model yet'));
  });
});
