import { hubspot } from '@hubspot/ui-extensions';
import { DealRiskPanel } from './DealRiskPanel.tsx';
import { crmIdOf } from './lib/records.ts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => <DealRiskPanel dealId={crmIdOf(context.crm.objectId)} />);
