import { LightningElement } from 'lwc';
import { reduceErrors } from 'c/sdrErrors';

// A base class rather than copies: the record panels gate every state on having a record and fail the same way.
export default class SdrPanel extends LightningElement {
  // recordId is declared @api by each panel itself, where record pages and their checks look for it.

  /** 'loading' | 'not_synced' | 'error', and whatever states each panel adds for its own data. */
  state = 'loading';
  errorMessage;
  // Shown when an error carries no message written for the rep; each panel names what it failed to load.
  loadFailedMessage;

  get hasRecord() {
    return !!this.recordId;
  }

  get isLoading() {
    return this.hasRecord && this.state === 'loading';
  }

  get isError() {
    return this.hasRecord && this.state === 'error';
  }

  get isNotSynced() {
    return this.hasRecord && this.state === 'not_synced';
  }

  showError(error) {
    this.errorMessage = reduceErrors(error, this.loadFailedMessage);
    this.state = 'error';
  }
}
