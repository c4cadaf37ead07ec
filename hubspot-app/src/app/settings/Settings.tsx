import { hubspot } from '@hubspot/ui-extensions';
import { SettingsPage } from './SettingsPage.tsx';

hubspot.extend<'settings'>(() => <SettingsPage />);
