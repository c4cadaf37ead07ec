import { Divider, Flex, Heading } from '@hubspot/ui-extensions';
import type { RoutingRuleSet, User } from '@sdr/shared';
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { RuleVersions } from './RuleVersions.tsx';

/** The routing rules: the saved versions (one is on), and an editor for the next version with a dry run. */
export function RoutingArea() {
  const sets = useBackend<{ data: RoutingRuleSet[] }>('/v1/routing/rule-sets');
  const users = useBackend<{ data: User[] }>('/v1/users');
  if (sets.status === 'loading' || users.status === 'loading') return <Loading label="Loading the routing rules" />;
  if (sets.status === 'error' || users.status === 'error') {
    const retry = () => {
      if (sets.status === 'error') sets.reload();
      if (users.status === 'error') users.reload();
    };
    return (
      <Failure
        title="Could not load the routing rules"
        message={(sets.error ?? users.error)!.message}
        onRetry={retry}
      />
    );
  }
  return <RoutingBody initial={sets.data.data} users={users.data.data} />;
}

/** Saves answer with the version they made or turned on, so the list is kept here rather than loaded again. */
function RoutingBody({ initial, users }: { initial: RoutingRuleSet[]; users: User[] }) {
  const [sets, setSets] = useState(initial);
  const active = sets.find((set) => set.active) ?? sets[0] ?? null;

  function record(changed: RoutingRuleSet) {
    setSets((current) =>
      [changed, ...current.filter((set) => set.id !== changed.id)]
        .map((set) => (changed.active && set.id !== changed.id ? { ...set, active: false } : set))
        .sort((a, b) => b.version - a.version),
    );
  }

  return (
    <Flex direction="column" gap="lg">
      <Heading>Routing rules</Heading>
      <RuleEditor base={active} users={users} onSaved={record} />
      <Divider />
      <RuleVersions sets={sets} onActivated={record} />
    </Flex>
  );
}
