import { LightningElement } from 'lwc';

/**
 * The SDR admin console: one tab per part of the setup. A tab's content is created the first time it is opened, so
 * opening the console calls the SDR service once rather than for every tab, and then kept, so edits not yet saved
 * survive a look at another tab.
 */
export default class SdrAdminConsole extends LightningElement {
  shown = { connection: true };

  handleActive(event) {
    const tab = event.target.value;
    if (!this.shown[tab]) {
      this.shown = { ...this.shown, [tab]: true };
    }
  }
}
