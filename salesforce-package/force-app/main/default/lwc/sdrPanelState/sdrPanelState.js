import { LightningElement, api } from 'lwc';

/**
 * The states every SDR panel shows before or instead of its data: loading, an error, or a notice such as "not
 * synced yet", each with an optional retry. Kept in one place so they look, read and announce the same everywhere.
 */
export default class SdrPanelState extends LightningElement {
  /** 'loading' | 'error' | 'notice' */
  @api mode;
  @api spinnerText;
  @api message;
  @api iconName;
  @api iconText;
  // Lets each panel keep its own name for the message (empty-message, roster-message, …) for styling and tests.
  @api messageClass;
  @api retryLabel;
  @api retryDisabled = false;

  get isLoading() {
    return this.mode === 'loading';
  }

  get isError() {
    return this.mode === 'error';
  }

  get isNotice() {
    return this.mode === 'notice';
  }

  get showRetry() {
    return (this.isError || this.isNotice) && !!this.retryLabel;
  }

  get messageClasses() {
    return this.messageClass ? `notice-text ${this.messageClass}` : 'notice-text';
  }

  handleRetry() {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
