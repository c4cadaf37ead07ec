import {
  Flex,
  Heading,
  LoadingButton,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { RoutingRuleSet } from '@sdr/shared';
import { backend } from '../backend/request.ts';
import { formatDateTime } from './lib/format.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { useSave } from '../backend/useSave.ts';

/** Saved versions, newest first; turning an older one back on is how a change is rolled back. */
export function RuleVersions({
  sets,
  onActivated,
}: {
  sets: RoutingRuleSet[];
  onActivated: (set: RoutingRuleSet) => void;
}) {
  const save = useSave();

  async function activate(set: RoutingRuleSet) {
    const done = await save.run(
      () => backend<RoutingRuleSet>(`/v1/routing/rule-sets/${set.version}/activate`, { method: 'POST' }),
      `Version ${set.version} now routes new leads.`,
    );
    if (done) onActivated(done);
  }

  return (
    <Flex direction="column" gap="sm">
      <Heading>Saved versions</Heading>
      <SaveFeedback save={save} placed={[]} testId="versions" />
      {sets.length === 0 ? (
        <Text>No rules are saved yet: new leads go to the fallback owner, if one is set.</Text>
      ) : (
        <Table bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Version</TableHeader>
              <TableHeader>Rules</TableHeader>
              <TableHeader>Saved</TableHeader>
              <TableHeader>By</TableHeader>
              <TableHeader> </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {sets.map((set) => (
              <TableRow key={set.id}>
                <TableCell>
                  <Text>{`Version ${set.version}`}</Text>
                </TableCell>
                <TableCell>
                  <Text>{set.rules.map((rule) => rule.name).join(', ') || 'None'}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatDateTime(set.createdAt)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{set.createdBy ?? 'Unknown'}</Text>
                </TableCell>
                <TableCell>
                  {set.active ? (
                    <StatusTag variant="success">On</StatusTag>
                  ) : (
                    <LoadingButton
                      size="sm"
                      onClick={() => activate(set)}
                      loading={save.saving}
                      disabled={save.saving}
                      testId={`activate-${set.version}`}
                    >
                      Turn on
                    </LoadingButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Flex>
  );
}
