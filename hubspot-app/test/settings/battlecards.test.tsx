import { Alert, Button, Input, LoadingButton, NumberInput, Select, TextArea, Tile } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  BattlecardCreate,
  BattlecardUpdate,
  battlecardExample,
  CompetitorCreate,
  competitorCreateExample,
  competitorExample,
} from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { BattlecardsArea } from '../../src/app/settings/BattlecardsArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, refusal, textOf } from './support.ts';

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/competitors', { status: 200, body: { data: [competitorExample] } })
    .on('GET', '/v1/battlecards', { status: 200, body: { data: [battlecardExample] } });
  fake.install();
});

function renderArea() {
  const renderer = createRenderer('settings');
  renderer.render(<BattlecardsArea />);
  return renderer;
}

describe('the battlecards', () => {
  it('lists the competitors and their cards', async () => {
    const { getRootNode, waitFor } = renderArea();
    await waitFor(() => expect(textOf(getRootNode())).toContain('Trakwell Telematics'));
    const text = textOf(getRootNode());
    expect(text).toContain('Trakwell, Trak Well, TWT');
    expect(text).toContain('FleetPulse vs Trakwell Telematics');
    expect(text).toContain('30 Oct 2026');
  });

  it('adds a competitor with its other names', async () => {
    fake.on('POST', '/v1/competitors', (call) => ({
      status: 201,
      body: { ...competitorExample, ...call.body, id: 'b1e0c4d2-7f3a-4e58-9c61-d2a8f0b3e745' },
    }));
    const { find, findByTestId, getRootNode, waitFor } = renderArea();
    await waitFor(() => find(Input, { name: 'competitor-name' }));
    find(Input, { name: 'competitor-name' }).trigger('onChange', 'Routeline' as never);
    find(Input, { name: 'competitor-aliases' }).trigger('onChange', 'Route Line' as never);
    find(Input, { name: 'competitor-products' }).trigger('onChange', 'Routeline Dispatch, ' as never);
    find(Input, { name: 'competitor-website' }).trigger('onChange', 'https://routeline.com' as never);
    findByTestId(LoadingButton, 'add-competitor').trigger('onClick');
    expect(findByTestId(LoadingButton, 'add-competitor').props.disabled).toBe(true);
    await waitFor(() => expect(findByTestId(Alert, 'competitor-saved').text).toContain('Routeline is added'));
    const body = callsTo(fake.calls, 'POST', '/v1/competitors')[0]!.body;
    expect(body).toEqual(competitorCreateExample);
    expect(CompetitorCreate.safeParse(body).success).toBe(true);
    expect(textOf(getRootNode())).toContain('Routeline Dispatch');
    expect(find(Input, { name: 'competitor-name' }).props.value).toBe('');
  });

  it('edits a card and saves its sections as the service takes them', async () => {
    fake.on('PATCH', `/v1/battlecards/${battlecardExample.id}`, (call) => ({
      status: 200,
      body: { ...battlecardExample, ...call.body, version: 4 },
    }));
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(Button, `open-card-${battlecardExample.id}`));
    findByTestId(Button, `open-card-${battlecardExample.id}`).trigger('onClick');
    expect(find(Input, { name: 'section-2-item-triggers-0' }).props.value).toBe(
      'cheaper, lower price, less per vehicle',
    );
    find(TextArea, { name: 'section-body-0' }).trigger('onChange', 'Driver app included.' as never);
    find(NumberInput, { name: 'card-stale' }).trigger('onChange', 60 as never);
    findByTestId(LoadingButton, 'save-card').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'card-saved').text).toBe('The card is saved as a new version.'));
    const body = callsTo(fake.calls, 'PATCH', `/v1/battlecards/${battlecardExample.id}`)[0]!.body as BattlecardUpdate;
    expect(body).toEqual({
      title: battlecardExample.title,
      staleAfterDays: 60,
      sections: battlecardExample.sections.map((section, i) =>
        i === 0 ? { ...section, body: 'Driver app included.' } : section,
      ),
    });
    expect(BattlecardUpdate.safeParse(body).success).toBe(true);
    expect(textOf(findByTestId(Tile, 'card-editor'))).toContain('Version 4');
  });

  it('marks a card as reviewed today', async () => {
    fake.on('PATCH', `/v1/battlecards/${battlecardExample.id}`, {
      status: 200,
      body: { ...battlecardExample, version: 4 },
    });
    const { findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(Button, `open-card-${battlecardExample.id}`));
    findByTestId(Button, `open-card-${battlecardExample.id}`).trigger('onClick');
    const before = Date.now();
    findByTestId(LoadingButton, 'mark-reviewed').trigger('onClick');
    await waitFor(() => findByTestId(Alert, 'card-saved'));
    const body = callsTo(fake.calls, 'PATCH', `/v1/battlecards/${battlecardExample.id}`)[0]!.body as {
      reviewedAt: string;
    };
    expect(Object.keys(body)).toEqual(['reviewedAt']);
    expect(Date.parse(body.reviewedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('writes a new card for a competitor', async () => {
    fake.on('POST', '/v1/battlecards', (call) => ({
      status: 201,
      body: { ...battlecardExample, ...call.body, id: 'e5a1c3b7-2d9f-4a60-8b14-f7c2e9d0a538', version: 1 },
    }));
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => find(Select, { name: 'new-card-competitor' }));
    find(Select, { name: 'new-card-competitor' }).trigger('onChange', competitorExample.id as never);
    find(TextArea, { name: 'section-body-0' }).trigger('onChange', 'Trakwell sells to large fleets.' as never);
    findByTestId(LoadingButton, 'save-card').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'card-saved').text).toContain('The card is created'));
    const body = callsTo(fake.calls, 'POST', '/v1/battlecards')[0]!.body;
    expect(body).toEqual({
      competitorId: competitorExample.id,
      title: 'Selling against Trakwell Telematics',
      staleAfterDays: 90,
      sections: [{ key: 'overview', title: 'Overview', body: 'Trakwell sells to large fleets.', items: [] }],
    });
    expect(BattlecardCreate.safeParse(body).success).toBe(true);
    // From then on the same editor saves changes to the new card.
    expect(findByTestId(LoadingButton, 'save-card').text).toBe('Save the card');
  });

  it('shows the service’s problems next to the sections they are about', async () => {
    fake.on(
      'PATCH',
      `/v1/battlecards/${battlecardExample.id}`,
      refusal('sections.1.key: duplicate section', [
        { field: 'body.sections.1.key', message: 'duplicate section landmines' },
        { field: 'body.sections.2.items.0.text', message: 'Too small' },
      ]),
    );
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(Button, `open-card-${battlecardExample.id}`));
    findByTestId(Button, `open-card-${battlecardExample.id}`).trigger('onClick');
    findByTestId(LoadingButton, 'save-card').trigger('onClick');
    await waitFor(() =>
      expect(find(Select, { name: 'section-key-1' }).props.validationMessage).toBe('duplicate section landmines'),
    );
    expect(find(TextArea, { name: 'section-2-item-text-0' }).props.validationMessage).toBe('Too small');
    expect(find(Input, { name: 'card-title' }).props.error).toBe(false);
  });

  it('offers a retry when the cards cannot be loaded', async () => {
    fake.on('GET', '/v1/battlecards', FAILED);
    const { find, findByTestId, getRootNode, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/battlecards', { status: 200, body: { data: [battlecardExample] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(textOf(getRootNode())).toContain('FleetPulse vs Trakwell Telematics'));
  });
});
