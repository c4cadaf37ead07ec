import {
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { RoutingSimulation } from '@sdr/shared';
import { formatDate } from './lib/format.ts';

/** Who would get the recent leads under the proposed rules, beside who has them now. */
export function SimulationResult({ simulation }: { simulation: RoutingSimulation }) {
  return (
    <Flex direction="column" gap="sm" testId="simulation">
      <Heading>Dry run</Heading>
      <Text>
        {`${simulation.leads} leads from ${formatDate(simulation.from)} to ${formatDate(simulation.to)}: ` +
          `${simulation.moved} would change owner.`}
      </Text>
      <Text>{simulation.byRule.map((rule) => `${rule.name}: ${rule.leads}`).join(' · ')}</Text>
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Rep</TableHeader>
            <TableHeader>Now</TableHeader>
            <TableHeader>Proposed</TableHeader>
            <TableHeader>Hot / warm / cold</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {simulation.distribution.map((row) => (
            <TableRow key={row.userId ?? 'nobody'}>
              <TableCell>
                <Text>{row.name}</Text>
              </TableCell>
              <TableCell>
                <Text>{String(row.current)}</Text>
              </TableCell>
              <TableCell>
                <Text>{String(row.proposed)}</Text>
              </TableCell>
              <TableCell>
                <Text>{`${row.proposedByTier.hot} / ${row.proposedByTier.warm} / ${row.proposedByTier.cold}`}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
