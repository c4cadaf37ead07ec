import { LightningElement, api, wire } from 'lwc';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';

const FIELDS = ['Name', 'Title', 'Company', 'Status', 'Email', 'Phone', 'LeadSource', 'Country'];

/**
 * A Lead record page as the package's SDR_Lead_Record_Page lays it out: highlights across the top, details in the
 * main column, the SDR panels in the sidebar. The main column also holds what the SDR's home page shows (their lead
 * queue), and below the details the company research.
 */
export default class RecordPage extends LightningElement {
  @api recordId;
  @api objectApiName;
  @api lead;
  @api user;
  @api recordedCall;

  record;
  recordError;

  get fields() {
    return FIELDS.map((name) => `${this.objectApiName}.${name}`);
  }

  @wire(getRecord, { recordId: '$recordId', fields: '$fields' })
  wiredRecord({ data, error }) {
    if (data) {
      this.record = data;
      this.recordError = undefined;
    } else if (error) {
      this.recordError = 'The record could not be read.';
    }
  }

  value(name) {
    return this.record ? getFieldValue(this.record, `${this.objectApiName}.${name}`) : undefined;
  }

  get name() {
    return this.value('Name') || '';
  }

  get company() {
    return this.value('Company') || '';
  }

  get title() {
    return this.value('Title') || '';
  }

  get details() {
    const labels = {
      Title: 'Title',
      Company: 'Company',
      Status: `${this.objectApiName} Status`,
      Email: 'Email',
      Phone: 'Phone',
      LeadSource: `${this.objectApiName} Source`,
      Country: 'Country',
    };
    return Object.keys(labels).map((name) => ({ key: name, label: labels[name], value: this.value(name) || '—' }));
  }

  get iconClass() {
    return this.objectApiName === 'Contact'
      ? 'slds-icon_container slds-icon-standard-contact'
      : 'slds-icon_container slds-icon-standard-lead';
  }

  get iconName() {
    return this.objectApiName === 'Contact' ? 'standard:contact' : 'standard:lead';
  }
}
