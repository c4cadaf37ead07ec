import getFieldMapping from '@salesforce/apex/SdrAdminController.getFieldMapping';
import saveFieldMapping from '@salesforce/apex/SdrAdminController.saveFieldMapping';
import describeCrmFields from '@salesforce/apex/SdrAdminController.describeCrmFields';
import { AdminSection, callAdmin, messageOf, newKey, withFieldAt } from 'c/sdrAdminApi';

const OBJECT_LABELS = {
  lead: 'Leads',
  contact: 'Contacts',
  company: 'Accounts',
  deal: 'Opportunities',
  activity: 'Activities',
};
const OBJECT_ORDER = Object.keys(OBJECT_LABELS);
const FIELD_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Job title',
  companyName: 'Company name',
  source: 'Lead source',
  status: 'Status',
  country: 'Country',
  region: 'Region',
  language: 'Language',
  owner: 'Owner',
  convertedAt: 'Converted on',
  createdAt: 'Created on',
  company: 'Account',
  industry: 'Industry',
  employees: 'Employees',
  annualRevenue: 'Annual revenue',
  website: 'Website',
  name: 'Name',
  city: 'City',
  postcode: 'Postcode',
  stage: 'Stage',
  amount: 'Amount',
  currency: 'Currency',
  closeDate: 'Close date',
  isClosed: 'Closed',
  isWon: 'Won',
  contact: 'Contact',
  type: 'Type',
  subject: 'Subject',
  direction: 'Direction',
  outcome: 'Outcome',
  occurredAt: 'When it happened',
  who: 'Person',
};
const SCORE_LABELS = {
  ev: 'EV score',
  evAmount: 'Expected value',
  risk: 'Risk',
  urgency: 'Urgency',
  reasons: 'Reasons',
  scoredAt: 'Scored at',
};
// The empty choice: the combobox needs a string, the contract a null.
const NONE = '';

const labelOf = (labels, name) =>
  labels[name] || name.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase());

/**
 * Which CRM field feeds each of the suite's fields, where each score is written, and which custom fields the model
 * may learn from. Only what the admin changed is sent (PUT /v1/settings/field-mapping replaces field by field);
 * with a CRM connected the service checks every named field against it.
 */
export default class SdrAdminFieldMapping extends AdminSection {
  view;
  objectKind;
  // Edits by object: { fields: { source: 'X__c' | null }, scores: { ev: ... } }.
  changes = {};
  features;
  featuresChanged = false;
  // CRM fields by object: { state: 'loading' | 'ready' | 'error', fields, message }.
  crmFields = {};

  loadFailedMessage = 'The field mapping could not be loaded. Try again in a minute.';
  saveFailedMessage = 'The field mapping could not be saved. Try again in a minute.';

  async load() {
    this.apply(await callAdmin(getFieldMapping));
    const first = this.objectKinds[0];
    if (first && !this.objectKinds.includes(this.objectKind)) {
      this.objectKind = first;
    }
    if (this.objectKind) {
      this.describe(this.objectKind);
    }
  }

  apply(view) {
    this.view = view;
    this.changes = {};
    this.features = view.features.map((feature) => ({ ...feature, key: newKey() }));
    this.featuresChanged = false;
  }

  get objectKinds() {
    return OBJECT_ORDER.filter((kind) => this.view.objects[kind]);
  }

  get objectOptions() {
    return this.objectKinds.map((kind) => ({
      label: `${OBJECT_LABELS[kind]} (${this.view.objects[kind].crmObject})`,
      value: kind,
    }));
  }

  get hasObjects() {
    return this.objectKinds.length > 0;
  }

  handleObjectPick(event) {
    this.objectKind = event.detail.value;
    this.describe(this.objectKind);
  }

  async describe(kind) {
    const known = this.crmFields[kind];
    if (known && known.state !== 'error') {
      return;
    }
    this.crmFields = { ...this.crmFields, [kind]: { state: 'loading' } };
    try {
      const answer = await callAdmin(describeCrmFields, { objectKind: kind });
      this.crmFields = { ...this.crmFields, [kind]: { state: 'ready', fields: answer.data } };
    } catch (error) {
      const message = messageOf(error, 'The CRM fields could not be listed. Type the field names instead.');
      this.crmFields = { ...this.crmFields, [kind]: { state: 'error', message } };
    }
  }

  handleRetryDescribe() {
    this.describe(this.objectKind);
  }

  get describeState() {
    return this.crmFields[this.objectKind] || { state: 'loading' };
  }

  get describing() {
    return this.describeState.state === 'loading';
  }

  get describeFailed() {
    return this.describeState.state === 'error';
  }

  get hasPickers() {
    return this.describeState.state === 'ready';
  }

  /** Picker choices: the CRM's fields, plus whatever is mapped now should the CRM no longer list it. */
  options(current, noneLabel, onlyUpdateable) {
    const fields = (this.describeState.fields || []).filter((field) => !onlyUpdateable || field.updateable);
    const options = fields.map((field) => ({ label: `${field.label} (${field.name})`, value: field.name }));
    if (current && !fields.some((field) => field.name === current)) {
      options.unshift({ label: `${current} (not found in the CRM)`, value: current });
    }
    return [{ label: noneLabel, value: NONE }, ...options];
  }

  mappedValue(section, name) {
    const changed = (this.changes[this.objectKind] || {})[section] || {};
    if (name in changed) {
      return changed[name];
    }
    const saved = section === 'fields' ? this.view.objects[this.objectKind].fields : this.scoreFields;
    return saved[name] ?? null;
  }

  get scoreFields() {
    return this.view.scores[this.objectKind] || {};
  }

  get fieldRows() {
    return Object.keys(this.view.objects[this.objectKind].fields).map((name) => {
      const value = this.mappedValue('fields', name);
      return {
        key: name,
        name,
        label: labelOf(FIELD_LABELS, name),
        value: value ?? NONE,
        options: this.options(value, 'Not read', false),
        error: this.errorsUnder(`fields.${this.objectKind}.${name}`),
      };
    });
  }

  get isScored() {
    return ['lead', 'contact', 'deal'].includes(this.objectKind);
  }

  get scoreRows() {
    return Object.keys(SCORE_LABELS).map((name) => {
      const value = this.mappedValue('scores', name);
      return {
        key: name,
        name,
        label: SCORE_LABELS[name],
        value: value ?? NONE,
        options: this.options(value, 'Not written', true),
        error: this.errorsUnder(`scores.${this.objectKind}.${name}`),
      };
    });
  }

  change(section, name, value) {
    const mapped = value === NONE ? null : value.trim();
    const forObject = this.changes[this.objectKind] || {};
    this.changes = {
      ...this.changes,
      [this.objectKind]: { ...forObject, [section]: { ...(forObject[section] || {}), [name]: mapped } },
    };
  }

  handleFieldChange(event) {
    this.change('fields', event.target.dataset.name, event.detail.value);
  }

  handleScoreChange(event) {
    this.change('scores', event.target.dataset.name, event.detail.value);
  }

  // ---- features

  get featureRows() {
    return this.features.map((feature, index) => ({
      ...feature,
      index,
      error: this.errorsUnder(`features.${index}`),
      removeLabel: `Stop learning from ${feature.crmField || 'this field'}`,
    }));
  }

  get hasFeatures() {
    return this.features.length > 0;
  }

  handleFeatureChange(event) {
    const { index, field } = event.target.dataset;
    this.features = withFieldAt(this.features, index, field, event.detail.value);
    this.featuresChanged = true;
  }

  handleAddFeature() {
    this.features = [...this.features, { key: newKey(), crmField: '', feature: 'custom.', label: '' }];
    this.featuresChanged = true;
  }

  handleRemoveFeature(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.features = this.features.filter((feature, i) => i !== index);
    this.featuresChanged = true;
  }

  // ---- saving

  /** The FieldMappingUpdate: only the changed fields and scores, and the features when they changed. */
  get update() {
    const update = {};
    Object.entries(this.changes).forEach(([kind, change]) => {
      ['fields', 'scores'].forEach((section) => {
        if (change[section] && Object.keys(change[section]).length > 0) {
          update[section] = { ...(update[section] || {}), [kind]: change[section] };
        }
      });
    });
    if (this.featuresChanged) {
      update.features = this.features.map(({ crmField, feature, label }) => ({
        crmField: crmField.trim(),
        feature: feature.trim(),
        label: label.trim(),
      }));
    }
    return update;
  }

  get dirty() {
    return Object.keys(this.update).length > 0;
  }

  get saveDisabled() {
    return this.saving || !this.dirty;
  }

  get unplacedErrors() {
    // Problems of another object's fields are placed when that object is shown; list them here meanwhile.
    const shown = new RegExp(`^(fields|scores)\\.${this.objectKind}\\.\\w+$|^features\\.\\d+(\\.|$)`);
    return this.unplaced((path) => shown.test(path)).map((problem) => {
      const [section, kind, name] = problem.path.split('.');
      if (!OBJECT_LABELS[kind] || !name) {
        return problem;
      }
      const field = section === 'scores' ? SCORE_LABELS[name] || name : labelOf(FIELD_LABELS, name);
      return { ...problem, text: `${OBJECT_LABELS[kind]}, ${field}: ${problem.text}` };
    });
  }

  async handleSave() {
    const saved = await this.save(
      () => callAdmin(saveFieldMapping, { bodyJson: JSON.stringify(this.update) }),
      'Field mapping saved',
    );
    if (saved) {
      this.apply(saved);
    }
  }

  handleUndo() {
    this.apply(this.view);
    this.formError = undefined;
    this.fieldErrors = {};
  }
}
