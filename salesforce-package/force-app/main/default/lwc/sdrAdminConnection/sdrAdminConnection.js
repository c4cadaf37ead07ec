import getConnection from '@salesforce/apex/SdrAdminController.getConnection';
import testConnection from '@salesforce/apex/SdrAdminController.testConnection';
import { AdminSection, callAdmin, formatNumber, messageOf } from 'c/sdrAdminApi';

const STATUS_LABELS = {
  connected: 'Connected',
  not_connected: 'Not connected',
  reauthorization_required: 'Needs reconnecting',
  paused: 'Paused',
  error: 'Not working',
};
const CRM_LABELS = { salesforce: 'Salesforce', hubspot: 'HubSpot' };

export default class SdrAdminConnection extends AdminSection {
  connection;
  testing = false;
  // The last test: { ok, text }.
  testResult;

  loadFailedMessage = 'The connection status could not be loaded. Try again in a minute.';

  async load() {
    this.connection = await callAdmin(getConnection);
  }

  get statusLabel() {
    return STATUS_LABELS[this.connection.status] || this.connection.status;
  }

  get statusClass() {
    return this.connection.status === 'connected' ? 'status slds-badge slds-theme_success' : 'status slds-badge';
  }

  get crmLabel() {
    return CRM_LABELS[this.connection.crm] || this.connection.crm;
  }

  get apiUsageText() {
    const usage = this.connection.apiUsage;
    if (!usage) {
      return 'Not known';
    }
    return `${formatNumber(usage.used)} of ${formatNumber(usage.max)} calls`;
  }

  get writeBacksText() {
    const { pendingWriteBacks, failedWriteBacks } = this.connection;
    return `${pendingWriteBacks} waiting, ${failedWriteBacks} failed`;
  }

  get hasFailedWriteBacks() {
    return this.connection.failedWriteBacks > 0;
  }

  get testPassed() {
    return !!this.testResult && this.testResult.ok;
  }

  get testFailed() {
    return !!this.testResult && !this.testResult.ok;
  }

  async handleTest() {
    this.testing = true;
    this.testResult = undefined;
    try {
      const result = await callAdmin(testConnection);
      if (result.ok) {
        this.testResult = { ok: true, text: `The SDR service answered in ${result.milliseconds} ms.` };
        if (result.connection) {
          this.connection = result.connection;
        }
      } else {
        this.testResult = { ok: false, text: result.message };
      }
    } catch (error) {
      this.testResult = { ok: false, text: messageOf(error, 'The test could not be run. Try again in a minute.') };
    } finally {
      this.testing = false;
    }
  }
}
