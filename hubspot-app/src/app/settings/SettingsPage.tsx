import { Tab, Tabs } from '@hubspot/ui-extensions';
import { BattlecardsArea } from './BattlecardsArea.tsx';
import { ConnectionArea } from './ConnectionArea.tsx';
import { FieldMappingArea } from './FieldMappingArea.tsx';
import { RosterArea } from './RosterArea.tsx';
import { RoutingArea } from './RoutingArea.tsx';
import { ScoringArea } from './ScoringArea.tsx';

/** The admin's settings for the SDR service, one tab per area; each area loads and saves on its own. */
export function SettingsPage() {
  return (
    <Tabs defaultSelected="connection" variant="enclosed">
      <Tab tabId="connection" title="Connection">
        <ConnectionArea />
      </Tab>
      <Tab tabId="scoring" title="Scoring">
        <ScoringArea />
      </Tab>
      <Tab tabId="routing" title="Routing">
        <RoutingArea />
      </Tab>
      <Tab tabId="team" title="Team">
        <RosterArea />
      </Tab>
      <Tab tabId="battlecards" title="Battlecards">
        <BattlecardsArea />
      </Tab>
      <Tab tabId="mapping" title="Field mapping">
        <FieldMappingArea />
      </Tab>
    </Tabs>
  );
}
