import getSettings from '@salesforce/apex/SdrAdminController.getSettings';
import saveSettings from '@salesforce/apex/SdrAdminController.saveSettings';
import listModels from '@salesforce/apex/SdrAdminController.listModels';
import promoteModel from '@salesforce/apex/SdrAdminController.promoteModel';
import {
  AdminSection,
  callAdmin,
  copyOf,
  formatNumber,
  messageOf,
  newKey,
  numberOrNull,
  showSuccess,
  withFieldAt,
} from 'c/sdrAdminApi';

const KIND_LABELS = { icp_rules: 'ICP rules', gbm: 'Gradient-boosted trees', logreg: 'Logistic regression' };
const STATUS_LABELS = { active: 'Active', candidate: 'Candidate', retired: 'Retired' };
const SETTING_FIELDS = ['conversionWindowDays', 'defaultDealValue', 'coldStartMinOutcomes'];
const RANGE = /^\s*(-?\d+(?:\.\d+)?)?\s*\.\.\s*(-?\d+(?:\.\d+)?)?\s*$/;

/** An ICP value as the admin types it: a range as 100..2000 (an open end left empty), else the value itself. */
export function valueToText(value) {
  if (Array.isArray(value)) {
    return `${value[0] ?? ''}..${value[1] ?? ''}`;
  }
  return String(value);
}

export function valueFromText(text) {
  const range = RANGE.exec(text);
  if (range && (range[1] !== undefined || range[2] !== undefined)) {
    return [numberOrNull(range[1]), numberOrNull(range[2])];
  }
  const trimmed = String(text).trim();
  if (trimmed === 'true' || trimmed === 'false') {
    return trimmed === 'true';
  }
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) {
    return Number(trimmed);
  }
  return trimmed;
}

const fixed = (value, digits) => (value === null || value === undefined ? '–' : value.toFixed(digits));

export default class SdrAdminScoring extends AdminSection {
  settings;
  models = [];
  // The form: scoring settings as typed, ICP rows with their value as text.
  draft;
  dirty = false;
  selectedVersion;
  promoting;
  modelsError;

  loadFailedMessage = 'The scoring settings could not be loaded. Try again in a minute.';
  saveFailedMessage = 'The scoring settings could not be saved. Try again in a minute.';

  async load() {
    const [settings, models] = await Promise.all([callAdmin(getSettings), callAdmin(listModels)]);
    this.applySettings(settings);
    this.applyModels(models.data);
  }

  applySettings(settings) {
    this.settings = settings;
    const scoring = settings.scoring;
    this.draft = {
      hot: scoring.evTiers.hot,
      warm: scoring.evTiers.warm,
      conversionWindowDays: scoring.conversionWindowDays,
      defaultDealValue: scoring.defaultDealValue,
      coldStartMinOutcomes: scoring.coldStartMinOutcomes,
      icpWeights: scoring.icpWeights.map((weight, index) => ({
        key: `row${index}`,
        attribute: weight.attribute,
        value: valueToText(weight.value),
        weight: weight.weight,
      })),
    };
    this.dirty = false;
  }

  applyModels(models) {
    this.models = models;
    const active = models.find((model) => model.status === 'active');
    if (!models.some((model) => model.version === this.selectedVersion)) {
      this.selectedVersion = (active || models[0] || {}).version;
    }
  }

  // ---- settings form

  get currency() {
    return this.settings.scoring.currency;
  }

  get dealValueLabel() {
    return `Deal value when history gives none (${this.currency})`;
  }

  get hotError() {
    return this.errorFor('scoring.evTiers.hot');
  }

  get warmError() {
    return this.errorFor('scoring.evTiers.warm');
  }

  get conversionWindowDaysError() {
    return this.errorFor('scoring.conversionWindowDays');
  }

  get defaultDealValueError() {
    return this.errorFor('scoring.defaultDealValue');
  }

  get coldStartMinOutcomesError() {
    return this.errorFor('scoring.coldStartMinOutcomes');
  }

  get icpRows() {
    return this.draft.icpWeights.map((row, index) => {
      const at = `scoring.icpWeights.${index}`;
      return {
        ...row,
        index,
        number: index + 1,
        attributeError: this.errorsUnder(`${at}.attribute`),
        valueError: this.errorsUnder(`${at}.value`),
        weightError: this.errorsUnder(`${at}.weight`),
        removeLabel: `Remove ICP rule ${index + 1}`,
      };
    });
  }

  get hasIcpRows() {
    return this.draft.icpWeights.length > 0;
  }

  /** Problems the inputs do not show (the list as a whole, say), listed under the form. */
  get unplacedErrors() {
    return this.unplaced(
      (path) =>
        /^scoring\.(evTiers\.(hot|warm)|conversionWindowDays|defaultDealValue|coldStartMinOutcomes)$/.test(path) ||
        /^scoring\.icpWeights\.\d+\.(attribute|value|weight)(\.|$)/.test(path),
    );
  }

  get saveDisabled() {
    return this.saving || !this.dirty;
  }

  handleSettingChange(event) {
    this.draft = { ...this.draft, [event.target.dataset.field]: event.detail.value };
    this.dirty = true;
  }

  handleIcpChange(event) {
    const { index, field } = event.target.dataset;
    const icpWeights = withFieldAt(this.draft.icpWeights, index, field, event.detail.value);
    this.draft = { ...this.draft, icpWeights };
    this.dirty = true;
  }

  handleAddIcp() {
    const key = newKey();
    this.draft = {
      ...this.draft,
      icpWeights: [...this.draft.icpWeights, { key, attribute: '', value: '', weight: 10 }],
    };
    this.dirty = true;
  }

  handleRemoveIcp(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.draft = { ...this.draft, icpWeights: this.draft.icpWeights.filter((row, i) => i !== index) };
    this.dirty = true;
  }

  /** The PATCH body: the scoring settings this form edits, as numbers; the service checks them. */
  get patch() {
    const draft = this.draft;
    const scoring = {
      evTiers: { hot: numberOrNull(draft.hot), warm: numberOrNull(draft.warm) },
      icpWeights: draft.icpWeights.map((row) => ({
        attribute: row.attribute.trim(),
        value: valueFromText(row.value),
        weight: numberOrNull(row.weight),
      })),
    };
    SETTING_FIELDS.forEach((field) => {
      scoring[field] = numberOrNull(draft[field]);
    });
    return { scoring };
  }

  async handleSave() {
    const settings = await this.save(
      () => callAdmin(saveSettings, { patchJson: JSON.stringify(this.patch) }),
      'Scoring settings saved',
    );
    if (settings) {
      this.applySettings(settings);
    }
  }

  handleReset() {
    this.applySettings(copyOf(this.settings));
    this.formError = undefined;
    this.fieldErrors = {};
  }

  // ---- models

  get hasModels() {
    return this.models.length > 0;
  }

  get modelRows() {
    return this.models.map((model) => {
      const metrics = model.metrics;
      const isActive = model.status === 'active';
      return {
        key: model.id,
        version: model.version,
        kind: KIND_LABELS[model.kind] || model.kind,
        status: STATUS_LABELS[model.status] || model.status,
        rocAuc: fixed(metrics && metrics.rocAuc, 3),
        prAuc: fixed(metrics && metrics.prAuc, 3),
        brier: fixed(metrics && metrics.brier, 3),
        lift: metrics && metrics.topDecileLift !== null ? `${metrics.topDecileLift.toFixed(1)}×` : '–',
        rows: metrics ? formatNumber(metrics.rows) : '–',
        trainedAt: model.trainedAt,
        canPromote: !isActive,
        promoteLabel: isActive ? 'Active' : 'Make active',
        promoteTitle: `Make model ${model.version} the active one`,
        showLabel: `Show calibration of model ${model.version}`,
        showVariant: model.version === this.selectedVersion ? 'brand' : 'neutral',
        promoteDisabled: isActive || !!this.promoting,
      };
    });
  }

  get selectedModel() {
    return this.models.find((model) => model.version === this.selectedVersion);
  }

  get selectedBins() {
    const model = this.selectedModel;
    return model && model.metrics ? model.metrics.calibration : [];
  }

  get selectedPromotion() {
    const model = this.selectedModel;
    return model && model.training ? model.training.promotion : undefined;
  }

  handleShowModel(event) {
    this.selectedVersion = event.currentTarget.dataset.version;
  }

  async handlePromote(event) {
    const version = event.currentTarget.dataset.version;
    this.promoting = version;
    this.modelsError = undefined;
    try {
      await callAdmin(promoteModel, { version });
      const models = await callAdmin(listModels);
      this.applyModels(models.data);
      showSuccess(this, `Model ${version} is now active`);
    } catch (error) {
      this.modelsError = messageOf(error, 'The model could not be made active. Try again in a minute.');
    } finally {
      this.promoting = undefined;
    }
  }
}
