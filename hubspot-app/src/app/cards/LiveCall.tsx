import { hubspot } from '@hubspot/ui-extensions';
import { ContactLiveCallPanel } from './LiveCallPanel.tsx';
import { crmIdOf } from './lib/records.ts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => (
  <ContactLiveCallPanel contactId={crmIdOf(context.crm.objectId)} />
));
