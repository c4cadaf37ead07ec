import { Alert, Button, LoadingButton, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { CrmConnection, crmConnectionExample } from '@sdr/shared';
import { UNREACHABLE } from '../../src/app/backend/request.ts';
import { ConnectionArea } from '../../src/app/settings/ConnectionArea.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { callsTo, FAILED, textOf } from './support.ts';

// The HubSpot app talks to a HubSpot portal: the contract's example is Salesforce's, so it is adapted and checked.
const connection = CrmConnection.parse({
  ...crmConnectionExample,
  crm: 'hubspot',
  instanceUrl: 'https://app.hubspot.com',
  failedWriteBacks: 3,
});

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch().on('GET', '/v1/crm/connection', { status: 200, body: connection });
  fake.install();
});

function renderArea() {
  const renderer = createRenderer('settings');
  renderer.render(<ConnectionArea />);
  return renderer;
}

describe('the connection area', () => {
  it('shows the status, sync times, API usage and write-backs in plain words', async () => {
    const { find, findByTestId, getRootNode, waitFor } = renderArea();
    await waitFor(() => expect(findByTestId(StatusTag, 'connection-status').text).toBe('Connected'));
    const text = textOf(getRootNode());
    expect(text).toContain('Connected; last sync 2 minutes ago.');
    expect(text).toContain('24 Nov 2026, 09:28 UTC');
    expect(text).toContain('1,840 of 100,000');
    expect(text).toContain('0 waiting, 3 failed');
    expect(find(Alert).props.title).toBe('Some scores were not written to HubSpot');
  });

  it('times a round trip to the service and shows the fresh status', async () => {
    const { findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(LoadingButton, 'test-connection'));
    fake.on('GET', '/v1/crm/connection', {
      status: 200,
      body: { ...connection, status: 'paused', message: 'Paused.' },
    });
    findByTestId(LoadingButton, 'test-connection').trigger('onClick');
    expect(findByTestId(LoadingButton, 'test-connection').props.disabled).toBe(true);
    await waitFor(() =>
      expect(findByTestId(Alert, 'test-passed').text).toMatch(/^The SDR service answered in \d+ ms\.$/),
    );
    expect(findByTestId(StatusTag, 'connection-status').text).toBe('Paused');
    expect(findByTestId(LoadingButton, 'test-connection').props.disabled).toBe(false);
    expect(callsTo(fake.calls, 'GET', '/v1/crm/connection')).toHaveLength(2);
  });

  it('says when the test fails', async () => {
    const { findByTestId, waitFor } = renderArea();
    await waitFor(() => findByTestId(LoadingButton, 'test-connection'));
    fake.on('GET', '/v1/crm/connection', 'network-error');
    findByTestId(LoadingButton, 'test-connection').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'test-failed').text).toBe(UNREACHABLE));
  });

  it('offers a retry when the status cannot be loaded', async () => {
    fake.on('GET', '/v1/crm/connection', FAILED);
    const { find, findByTestId, waitFor } = renderArea();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/crm/connection', { status: 200, body: connection });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'connection-status').text).toBe('Connected'));
  });
});
