import { Alert, Button, Input, LoadingButton, NumberInput, Select, Toggle, ToggleGroup } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { crmUserListExample, UserUpsert, userExample } from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { RosterArea } from '../../src/app/settings/RosterArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, refusal, textOf } from './support.ts';

// HubSpot owner ids are numeric; the contract's example user comes from Salesforce.
const hannah = { ...userExample, crmUserId: '81234567' };

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch().on('GET', '/v1/users', { status: 200, body: { data: [hannah] } });
  fake.install();
});

function renderArea() {
  const renderer = createRenderer('settings');
  renderer.render(<RosterArea />);
  return renderer;
}

async function openEditor(renderer: ReturnType<typeof renderArea>) {
  await renderer.waitFor(() => renderer.findByTestId(Button, `edit-${hannah.id}`));
  renderer.findByTestId(Button, `edit-${hannah.id}`).trigger('onClick');
}

describe('the team', () => {
  it('lists each person with their HubSpot owner, caps and share of leads', async () => {
    const { getRootNode, waitFor } = renderArea();
    await waitFor(() => expect(textOf(getRootNode())).toContain('Hannah Clarke'));
    const text = textOf(getRootNode());
    expect(text).toContain('81234567');
    expect(text).toContain('60');
    expect(text).toContain('25');
  });

  it('opens a person with their hours and leave, and saves only what the service needs', async () => {
    fake.on('PUT', '/v1/users', (call) => ({ status: 200, body: { ...hannah, ...call.body } }));
    const renderer = renderArea();
    await openEditor(renderer);
    const { find, findByTestId, waitFor } = renderer;
    expect(find(Input, { name: 'crmUserId' }).props.value).toBe('81234567');
    expect(find(ToggleGroup).props.value).toEqual(['1', '2', '3', '4', '5']);
    expect(find(Input, { name: 'start' }).props.value).toBe('08:30');
    expect(find(Input, { name: 'leave-start-0' }).props.value).toBe('2026-12-22');
    find(NumberInput, { name: 'capacity' }).trigger('onChange', 45 as never);
    find(Input, { name: 'crmUserId' }).trigger('onChange', ' 81234599 ' as never);
    find(Toggle).trigger('onChange', false as never);
    findByTestId(LoadingButton, 'save-user').trigger('onClick');
    expect(findByTestId(LoadingButton, 'save-user').props.disabled).toBe(true);
    await waitFor(() => expect(findByTestId(Alert, 'user-saved').text).toBe('Hannah Clarke is saved.'));
    const body = callsTo(fake.calls, 'PUT', '/v1/users')[0]!.body;
    expect(body).toEqual({
      email: hannah.email,
      name: hannah.name,
      crmUserId: '81234599',
      capacity: 45,
      dailyCap: 25,
      weight: 2,
      active: false,
      timeZone: 'Europe/London',
    });
    expect(UserUpsert.safeParse(body).success).toBe(true);
    expect(textOf(renderer.getRootNode())).toContain('81234599');
  });

  it("picks the owner from the portal's owners when they can be listed", async () => {
    fake.on('GET', '/v1/crm/users', {
      status: 200,
      body: {
        data: [{ ...crmUserListExample.data[0]!, crmUserId: '81234567', onRoster: true }, crmUserListExample.data[1]!],
      },
    });
    fake.on('PUT', '/v1/users', (call) => ({ status: 200, body: { ...hannah, ...call.body } }));
    const renderer = renderArea();
    await openEditor(renderer);
    await renderer.waitFor(() => renderer.find(Select, { name: 'crmUserId' }));
    const select = renderer.find(Select, { name: 'crmUserId' });
    expect(select.props.value).toBe('81234567');
    expect(select.props.options.map((o: { label: string }) => o.label)).toEqual([
      'Not linked to an owner',
      'Sam Seller (sam@acme.example)',
      'Ana Admin (ana@acme.example)',
    ]);
    select.trigger('onChange', '4456' as never);
    renderer.find(LoadingButton).trigger('onClick');
    await renderer.waitFor(() => expect(callsTo(fake.calls, 'PUT', '/v1/users')).toHaveLength(1));
    expect(callsTo(fake.calls, 'PUT', '/v1/users')[0]!.body).toMatchObject({ crmUserId: '4456' });
  });

  it('sends hours and leave once they are changed', async () => {
    fake.on('PUT', '/v1/users', (call) => ({ status: 200, body: { ...hannah, ...call.body } }));
    const renderer = renderArea();
    await openEditor(renderer);
    const { find, findByTestId, waitFor } = renderer;
    find(ToggleGroup).trigger('onChange', ['1', '2', '3'] as never);
    find(Input, { name: 'end' }).trigger('onChange', '16:00' as never);
    findByTestId(Button, 'add-leave').trigger('onClick');
    find(Input, { name: 'leave-start-1' }).trigger('onChange', '2027-02-15' as never);
    find(Input, { name: 'leave-end-1' }).trigger('onChange', '2027-02-19' as never);
    findByTestId(LoadingButton, 'save-user').trigger('onClick');
    await waitFor(() => findByTestId(Alert, 'user-saved'));
    const body = callsTo(fake.calls, 'PUT', '/v1/users')[0]!.body as UserUpsert;
    expect(body.workingHours).toEqual([1, 2, 3].map((day) => ({ day, start: '08:30', end: '16:00' })));
    expect(body.outOfOffice).toEqual([
      ...hannah.outOfOffice,
      { start: '2027-02-15T00:00:00.000Z', end: '2027-02-19T00:00:00.000Z' },
    ]);
  });

  it('shows problems next to the fields, and a clash of owner ids in words', async () => {
    fake.on(
      'PUT',
      '/v1/users',
      refusal('timeZone: an IANA time zone such as Europe/London', [
        { field: 'body.timeZone', message: 'an IANA time zone such as Europe/London' },
        { field: 'body.outOfOffice.0.end', message: 'end must be after start' },
      ]),
    );
    const renderer = renderArea();
    await openEditor(renderer);
    const { find, findByTestId, waitFor } = renderer;
    find(Input, { name: 'timeZone' }).trigger('onChange', 'London' as never);
    findByTestId(LoadingButton, 'save-user').trigger('onClick');
    await waitFor(() =>
      expect(find(Input, { name: 'timeZone' }).props.validationMessage).toBe('an IANA time zone such as Europe/London'),
    );
    expect(find(Input, { name: 'leave-end-0' }).props.validationMessage).toBe('end must be after start');

    fake.on('PUT', '/v1/users', {
      status: 409,
      body: { title: 'Conflict', status: 409, detail: 'Another user has that CRM user id' },
    });
    findByTestId(LoadingButton, 'save-user').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'user-error').text).toBe('Another user has that CRM user id'));
    expect(find(Input, { name: 'timeZone' }).props.error).toBe(false);
  });

  it('offers a retry when the team cannot be loaded', async () => {
    fake.on('GET', '/v1/users', FAILED);
    const { find, findByTestId, getRootNode, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/users', { status: 200, body: { data: [hannah] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(textOf(getRootNode())).toContain('Hannah Clarke'));
  });
});
