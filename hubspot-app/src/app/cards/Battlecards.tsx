import { hubspot } from '@hubspot/ui-extensions';
import { BattlecardsPanel } from './BattlecardsPanel.tsx';
import { crmIdOf } from './lib/records.ts';

// One card for contacts, companies and deals: the service finds the competitors from any of their CRM ids.
hubspot.extend<'crm.record.sidebar'>(({ context }) => <BattlecardsPanel crmId={crmIdOf(context.crm.objectId)} />);
