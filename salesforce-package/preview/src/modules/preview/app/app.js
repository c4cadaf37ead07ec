import { LightningElement } from 'lwc';
import { isApiKey, forgetApiKey, saveApiKey, setRunningUser, takeKeyFromUrl } from '../../../platform/session.js';
import { loadAdminContext, loadDemoContext } from '../../../platform/demoContext.js';
import { KEY_REJECTED } from '../../../platform/backend.js';

// The pages, as the SDR Assistant app's tabs: `?page=admin` is the SDR Admin tab, anything else the Lead record page.
const ADMIN_PAGE = 'admin';

/**
 * The preview's page: the key first, then the record page the SDR components sit on in Salesforce (the package's
 * SDR_Lead_Record_Page: highlights, details, and the SDR panels in the sidebar) and the SDR's home-page queue, or the
 * SDR Admin tab (the package's SDR_Admin app page, holding the admin console).
 */
export default class App extends LightningElement {
  /** 'key' | 'loading' | 'ready' | 'error' */
  state = 'loading';
  errorMessage;
  keyError;
  keyInput = '';
  context;
  // Read once: moving between pages is a link, a new page load, as moving between tabs of a Lightning app looks.
  page = new URLSearchParams(window.location.search).get('page') === ADMIN_PAGE ? ADMIN_PAGE : 'record';

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

  get isAdminPage() {
    return this.page === ADMIN_PAGE;
  }

  get showsAdmin() {
    return this.isReady && this.isAdminPage;
  }

  get loadingText() {
    return this.isAdminPage ? 'Loading the admin console…' : 'Loading the demo data…';
  }

  /** The address of a page: this one's other parameters (`?record=`, `?speed=`) kept, the page set or left out. */
  hrefFor(page) {
    const params = new URLSearchParams(window.location.search);
    if (page === ADMIN_PAGE) params.set('page', ADMIN_PAGE);
    else params.delete('page');
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ''}`;
  }

  get recordHref() {
    return this.hrefFor('record');
  }

  get adminHref() {
    return this.hrefFor(ADMIN_PAGE);
  }

  get recordTabClass() {
    return this.isAdminPage ? 'app-tab record-tab' : 'app-tab record-tab app-tab_active';
  }

  get adminTabClass() {
    return this.isAdminPage ? 'app-tab admin-tab app-tab_active' : 'app-tab admin-tab';
  }

  get recordCurrent() {
    return this.isAdminPage ? undefined : 'page';
  }

  get adminCurrent() {
    return this.isAdminPage ? 'page' : undefined;
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
    if (this.user) return this.user.name;
    return this.isAdminPage ? 'nobody on the roster' : 'no SDR on the roster';
  }

  async load() {
    this.state = 'loading';
    this.errorMessage = undefined;
    const recordId = new URLSearchParams(window.location.search).get('record');
    try {
      const context = this.isAdminPage ? await loadAdminContext() : await loadDemoContext(recordId);
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
