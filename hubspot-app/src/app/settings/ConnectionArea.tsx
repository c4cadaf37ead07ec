import {
  Alert,
  DescriptionList,
  DescriptionListItem,
  Flex,
  LoadingButton,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type { CrmConnection } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { formatDateTime, formatNumber } from './lib/format.ts';
import { useSave } from '../backend/useSave.ts';

const STATUS: Record<
  CrmConnection['status'],
  { label: string; variant: 'success' | 'warning' | 'danger' | 'default' }
> = {
  connected: { label: 'Connected', variant: 'success' },
  not_connected: { label: 'Not connected', variant: 'default' },
  reauthorization_required: { label: 'Needs reconnecting', variant: 'warning' },
  paused: { label: 'Paused', variant: 'warning' },
  error: { label: 'Not working', variant: 'danger' },
};

/** Whether the SDR service can reach this HubSpot account, and a test that times a round trip to the service. */
export function ConnectionArea() {
  const loaded = useBackend<CrmConnection>('/v1/crm/connection');
  // The last test that passed: its answer stays on screen after a later test fails.
  const [tested, setTested] = useState<{ connection: CrmConnection; elapsedMs: number } | null>(null);
  const test = useSave();

  async function runTest() {
    const started = Date.now();
    const connection = await test.run(() => backend<CrmConnection>('/v1/crm/connection'), 'The connection works');
    if (connection) setTested({ connection, elapsedMs: Date.now() - started });
  }

  if (loaded.status === 'loading') return <Loading label="Checking the connection" />;
  if (loaded.status === 'error')
    return <Failure title="Could not check the connection" message={loaded.error.message} onRetry={loaded.reload} />;
  const connection = tested?.connection ?? loaded.data;
  const status = STATUS[connection.status];

  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" gap="sm" align="center">
        <StatusTag variant={status.variant} testId="connection-status">
          {status.label}
        </StatusTag>
        <Text>{connection.message}</Text>
      </Flex>
      <DescriptionList direction="row">
        <DescriptionListItem label="Connected since">
          <Text>{formatDateTime(connection.connectedAt)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Last sync">
          <Text>{formatDateTime(connection.lastSyncAt)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="API calls today">
          <Text>
            {connection.apiUsage
              ? `${formatNumber(connection.apiUsage.used)} of ${formatNumber(connection.apiUsage.max)}`
              : 'Not known'}
          </Text>
        </DescriptionListItem>
        <DescriptionListItem label="Score updates">
          <Text testId="write-backs">
            {`${connection.pendingWriteBacks} waiting, ${connection.failedWriteBacks} failed`}
          </Text>
        </DescriptionListItem>
      </DescriptionList>
      {connection.failedWriteBacks > 0 ? (
        <Alert title="Some scores were not written to HubSpot" variant="warning">
          They are tried again automatically. If the number keeps growing, check the field mapping.
        </Alert>
      ) : null}
      <Flex direction="row" gap="sm">
        <LoadingButton onClick={runTest} loading={test.saving} disabled={test.saving} testId="test-connection">
          Test the connection
        </LoadingButton>
      </Flex>
      {test.done && tested ? (
        <Alert title={test.done} variant="success" testId="test-passed">
          {`The SDR service answered in ${tested.elapsedMs} ms.`}
        </Alert>
      ) : null}
      {test.error ? (
        <Alert title="The test failed" variant="error" testId="test-failed">
          {test.error}
        </Alert>
      ) : null}
    </Flex>
  );
}
