import { hubspot } from '@hubspot/ui-extensions';
import { CompanyResearchPanel } from './CompanyResearchPanel.tsx';
import { crmIdOf } from './lib/records.ts';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <CompanyResearchPanel companyCrmId={crmIdOf(context.crm.objectId)} />
));
