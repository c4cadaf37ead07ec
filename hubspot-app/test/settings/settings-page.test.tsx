import { Tab, Tabs } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from '../../src/app/settings/SettingsPage.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';

describe('the settings page', () => {
  it('has one tab per area, the connection first', () => {
    // Every area asks for its data as it mounts; unanswered routes just show their failure.
    new FakeFetch().install();
    const { find, findAll, render } = createRenderer('settings');
    render(<SettingsPage />);
    expect(find(Tabs).props.defaultSelected).toBe('connection');
    expect(findAll(Tab).map((tab) => tab.props.title)).toEqual([
      'Connection',
      'Scoring',
      'Routing',
      'Team',
      'Battlecards',
      'Field mapping',
    ]);
  });
});
