import { hubspot } from '@hubspot/ui-extensions';
import { ContactScoresPanel } from './ContactScoresPanel.tsx';
import { crmIdOf } from './lib/records.ts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => <ContactScoresPanel contactId={crmIdOf(context.crm.objectId)} />);
