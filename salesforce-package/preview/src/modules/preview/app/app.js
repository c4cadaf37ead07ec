import { LightningElement } from 'lwc';
import { isApiKey, forgetApiKey, saveApiKey, setRunningUser, takeKeyFromUrl } from '../../../platform/session.js';
import { loadDemoContext } from '../../../platform/demoContext.js';
import { KEY_REJECTED } from '../../../platform/backend.js';

/**
 * The preview's page: the key first, then the record page the SDR components sit on in Salesforce (the package's
 * SDR_Lead_Record_Page: highlights, details, and the SDR panels in the sidebar) and the SDR's home-page queue.
 */
export default class App extends LightningElement {
  /** 'key' | 'loading' | 'ready' | 'error' */
  state = 'loading';
  errorMessage;
  keyError;
  keyInput = '';
  context;

  connectedCallback() {
    if (takeKeyFromUrl()) {
      this.load();
    } else {
      this.state = 'key';
    }
  }

  get needsKey() {
    return this.state === 'key';
  }

  get isLoading() {
    return this.state === 'loading';
  }

  get isError() {
    return this.state === 'error';
  }

  get isReady() {
    return this.state === 'ready';
  }

  get recordId() {
    return this.context && this.context.lead ? this.context.lead.crmId : undefined;
  }

  get hasRecord() {
    return !!this.recordId;
  }

  get objectApiName() {
    return this.context && this.context.lead && this.context.lead.crmType === 'contact' ? 'Contact' : 'Lead';
  }

  get recordedCall() {
    return this.context ? this.context.recordedCall : null;
  }

  get lead() {
    return this.context ? this.context.lead : null;
  }

  get user() {
    return this.context ? this.context.user : null;
  }

  get userName() {
    return this.user ? this.user.name : 'no SDR on the roster';
  }

  async load() {
    this.state = 'loading';
    this.errorMessage = undefined;
    const recordId = new URLSearchParams(window.location.search).get('record');
    try {
      const context = await loadDemoContext(recordId);
      setRunningUser(context.user);
      this.context = context;
      this.state = 'ready';
    } catch (error) {
      if (error && error.message === KEY_REJECTED) {
        forgetApiKey();
        this.keyError = 'The service did not accept that key. Paste the key it printed when it started.';
        this.state = 'key';
        return;
      }
      this.errorMessage = (error && error.message) || 'The preview could not load the demo data.';
      this.state = 'error';
    }
  }

  handleKeyInput(event) {
    this.keyInput = event.target.value;
  }

  handleKeySubmit(event) {
    event.preventDefault();
    const key = (this.keyInput || '').trim();
    if (!isApiKey(key)) {
      this.keyError = 'An API key starts with sdr_. The service prints the demo key when it starts.';
      return;
    }
    this.keyError = undefined;
    saveApiKey(key);
    this.load();
  }

  handleRetry() {
    this.load();
  }

  handleForgetKey() {
    forgetApiKey();
    this.keyInput = '';
    this.state = 'key';
  }
}
