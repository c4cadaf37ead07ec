import {
  Button,
  Flex,
  Heading,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { CrmUserEntry, User } from '@sdr/shared';
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading, Notice } from '../components/PanelStates.tsx';
import { UserEditor } from './UserEditor.tsx';

/** The team routing hands leads to, each tied to their HubSpot owner, with capacity, hours and leave. */
export function RosterArea() {
  const loaded = useBackend<{ data: User[] }>('/v1/users');
  // Read once for the page, not on every open of an editor; if they cannot be listed, the editor takes a typed id.
  const owners = useBackend<{ data: CrmUserEntry[] }>('/v1/crm/users');
  if (loaded.status === 'loading') return <Loading label="Loading the team" />;
  if (loaded.status === 'error')
    return <Failure title="Could not load the team" message={loaded.error.message} onRetry={loaded.reload} />;
  return <Roster initial={loaded.data.data} owners={owners.status === 'ready' ? owners.data.data : null} />;
}

function Roster({ initial, owners }: { initial: User[]; owners: CrmUserEntry[] | null }) {
  const [users, setUsers] = useState(initial);
  // Owners were listed before any save here: which of them are taken follows the team as edited since.
  const choices =
    owners?.map((owner) => ({ ...owner, onRoster: users.some((user) => user.crmUserId === owner.crmUserId) })) ?? null;
  const [editing, setEditing] = useState<string | null>(null);
  const chosen = users.find((user) => user.id === editing) ?? null;
  const replace = (saved: User) => setUsers((current) => current.map((user) => (user.id === saved.id ? saved : user)));

  if (users.length === 0)
    return (
      <Notice title="No one on the team yet">
        People are added when the service first syncs HubSpot owners, or through the SDR service&apos;s API.
      </Notice>
    );
  return (
    <Flex direction="column" gap="md">
      <Heading>Team</Heading>
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Name</TableHeader>
            <TableHeader>HubSpot owner ID</TableHeader>
            <TableHeader>Open leads at most</TableHeader>
            <TableHeader>New leads a day</TableHeader>
            <TableHeader>Share</TableHeader>
            <TableHeader> </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id}>
              <TableCell>
                <Flex direction="row" gap="xs">
                  <Text>{user.name}</Text>
                  {user.active ? null : <StatusTag>Not routed to</StatusTag>}
                </Flex>
              </TableCell>
              <TableCell>
                <Text>{user.crmUserId ?? 'Not linked'}</Text>
              </TableCell>
              <TableCell>
                <Text>{String(user.capacity)}</Text>
              </TableCell>
              <TableCell>
                <Text>{String(user.dailyCap)}</Text>
              </TableCell>
              <TableCell>
                <Text>{String(user.weight)}</Text>
              </TableCell>
              <TableCell>
                <Button size="sm" onClick={() => setEditing(user.id)} testId={`edit-${user.id}`}>
                  Edit
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {chosen ? (
        <UserEditor key={chosen.id} user={chosen} owners={choices} onSaved={replace} onClose={() => setEditing(null)} />
      ) : null}
    </Flex>
  );
}
