import { Alert, Button, Flex, Input, LoadingButton, Select, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  RoutingRuleSet,
  RoutingRuleSetCreate,
  routingRuleSetCreateExample,
  routingRuleSetExample,
  routingSimulationExample,
  userExample,
  type User,
} from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { RoutingArea } from '../../src/app/settings/RoutingArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, refusal, textOf } from './support.ts';

const priya: User = {
  ...userExample,
  id: 'c9a2e6b1-7d3f-4c85-9e04-f1b8d2a6c733',
  name: 'Priya Nair',
  email: 'priya@fleetpulse.io',
};
const previous = RoutingRuleSet.parse({
  ...routingRuleSetExample,
  id: '0d4b8f2e-6a1c-4e39-b7d5-c2f8a0e6b914',
  version: 6,
  active: false,
  rules: routingRuleSetExample.rules.slice(2),
  createdAt: '2026-11-01T09:00:00.000Z',
});

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/routing/rule-sets', { status: 200, body: { data: [routingRuleSetExample, previous] } })
    .on('GET', '/v1/users', { status: 200, body: { data: [userExample, priya] } });
  fake.install();
});

function renderArea() {
  const renderer = createRenderer('settings');
  renderer.render(<RoutingArea />);
  return renderer;
}

describe('the routing rules', () => {
  it('starts the editor from the version that is on, conditions as typed and targets by name', async () => {
    const { find, findAll, waitFor } = renderArea();
    await waitFor(() => expect(findAll(Input, { label: 'Rule 1' })).toHaveLength(1));
    const names = findAll(Input)
      .filter((input) => input.props.name.startsWith('rule-name-'))
      .map((input) => input.props.value);
    expect(names).toEqual(['Named accounts go to their owner', 'UK & Ireland mid-market', 'Everyone else']);
    expect(find(Input, { name: 'rule-1-value-0' }).props.value).toBe('GB, IE');
    expect(find(Input, { name: 'rule-1-value-1' }).props.value).toBe('100..2000');
    expect(find(Select, { name: 'rule-target-0' }).props.value).toBe('account_owner');
    expect(find(Select, { name: 'rule-target-1' }).props.value).toBe('pool');
    expect(find(Select, { name: 'rule-target-2' }).props.value).toBe(`user:${priya.id}`);
    expect(find(Select, { name: 'rule-target-2' }).props.options.map((option) => option.label)).toContain('Priya Nair');
  });

  it('saves the rules unchanged as a new version, and turns one on in the same step', async () => {
    fake.on('POST', '/v1/routing/rule-sets', (call) => ({
      status: 201,
      body: {
        ...routingRuleSetExample,
        id: 'new-set',
        version: 8,
        active: call.body!.activate,
        createdAt: '2026-11-24T12:00:00.000Z',
      },
    }));
    const { findByTestId, findAll, waitFor } = renderArea();
    await waitFor(() => findByTestId(LoadingButton, 'save-and-activate'));
    findByTestId(LoadingButton, 'save-and-activate').trigger('onClick');
    expect(findByTestId(LoadingButton, 'save-rules').props.disabled).toBe(true);
    await waitFor(() => expect(findByTestId(Alert, 'rules-saved').text).toContain('Saved and turned on'));
    const [call] = callsTo(fake.calls, 'POST', '/v1/routing/rule-sets');
    expect(call!.body).toEqual(routingRuleSetCreateExample);
    expect(RoutingRuleSetCreate.safeParse(call!.body).success).toBe(true);
    // The new version is listed and is the only one on.
    expect(findAll(StatusTag)).toHaveLength(1);
    findByTestId(LoadingButton, 'activate-7');
  });

  it('edits a condition and a rule, and saves without turning the version on', async () => {
    fake.on('POST', '/v1/routing/rule-sets', {
      status: 201,
      body: { ...routingRuleSetExample, id: 'n', version: 8, active: false },
    });
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => find(Input, { name: 'rule-1-value-0' }));
    find(Input, { name: 'rule-1-value-0' }).trigger('onChange', 'GB, IE, NL' as never);
    find(Select, { name: 'rule-target-0' }).trigger('onChange', `user:${userExample.id}` as never);
    findByTestId(Button, 'remove-rule-2').trigger('onClick');
    findByTestId(LoadingButton, 'save-rules').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'rules-saved').text).toContain('Turn it on below'));
    const body = callsTo(fake.calls, 'POST', '/v1/routing/rule-sets')[0]!.body as RoutingRuleSetCreate;
    expect(body.activate).toBe(false);
    expect(body.rules).toHaveLength(2);
    expect(body.rules[0]!.target).toEqual({ type: 'user', userId: userExample.id });
    expect(body.rules[1]!.conditions[0]).toEqual({
      field: 'company.country',
      operator: 'in',
      value: ['GB', 'IE', 'NL'],
    });
  });

  it('runs the proposed rules on recent leads and shows who would get them', async () => {
    fake.on('POST', '/v1/routing/simulate', { status: 200, body: routingSimulationExample });
    const { findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(LoadingButton, 'simulate'));
    findByTestId(LoadingButton, 'simulate').trigger('onClick');
    await waitFor(() => findByTestId(Alert, 'rules-saved'));
    const call = callsTo(fake.calls, 'POST', '/v1/routing/simulate')[0]!;
    expect(call.body).toEqual({ rules: routingRuleSetExample.rules, leads: 500 });
    const text = textOf(findByTestId(Flex, 'simulation'));
    expect(text).toContain('500 leads from 10 Nov 2026 to 24 Nov 2026: 64 would change owner.');
    expect(text).toContain('Hannah Clarke');
    expect(text).toContain('39 / 77 / 78');
  });

  it('shows each problem next to the condition or rule it is about', async () => {
    fake.on(
      'POST',
      '/v1/routing/rule-sets',
      refusal('rules.1.conditions.1.value: between takes [min, max] with min <= max', [
        { field: 'body.rules.1.conditions.1.value', message: 'between takes [min, max] with min <= max' },
        { field: 'body.rules.0.name', message: 'Too small: expected string to have >=1 characters' },
        { field: 'body.rules.2.skills.0', message: 'Too long' },
      ]),
    );
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => find(Input, { name: 'rule-1-value-1' }));
    find(Input, { name: 'rule-1-value-1' }).trigger('onChange', '2000..100' as never);
    findByTestId(LoadingButton, 'save-rules').trigger('onClick');
    await waitFor(() =>
      expect(find(Input, { name: 'rule-1-value-1' }).props.validationMessage).toBe(
        'between takes [min, max] with min <= max',
      ),
    );
    expect(find(Input, { name: 'rule-name-0' }).props.error).toBe(true);
    expect(find(Input, { name: 'rule-1-value-0' }).props.error).toBe(false);
    // A problem with something the editor does not show is still said, with where it is.
    expect(findByTestId(Alert, 'rules-error').text).toContain('rules.2.skills.0: Too long');
  });

  it('turns an earlier version back on', async () => {
    fake.on('POST', '/v1/routing/rule-sets/6/activate', { status: 200, body: { ...previous, active: true } });
    const { findAll, findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(LoadingButton, 'activate-6'));
    findByTestId(LoadingButton, 'activate-6').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'versions-saved').text).toBe('Version 6 now routes new leads.'));
    expect(findAll(StatusTag)).toHaveLength(1);
    findByTestId(LoadingButton, 'activate-7');
  });

  it('offers a retry when the rules cannot be loaded', async () => {
    fake.on('GET', '/v1/routing/rule-sets', FAILED);
    const { find, findAll, findByTestId, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/routing/rule-sets', { status: 200, body: { data: [routingRuleSetExample] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findAll(Input, { label: 'Rule 1' })).toHaveLength(1));
  });
});
