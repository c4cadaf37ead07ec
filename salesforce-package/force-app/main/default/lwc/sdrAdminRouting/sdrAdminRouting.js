import listRuleSets from '@salesforce/apex/SdrAdminController.listRuleSets';
import saveRuleSet from '@salesforce/apex/SdrAdminController.saveRuleSet';
import activateRuleSet from '@salesforce/apex/SdrAdminController.activateRuleSet';
import simulateRouting from '@salesforce/apex/SdrAdminController.simulateRouting';
import listUsers from '@salesforce/apex/SdrAdminController.listUsers';
import { AdminSection, callAdmin, fieldErrorsOf, messageOf, newKey, showSuccess, withFieldAt } from 'c/sdrAdminApi';
import { OPERATOR_OPTIONS, fromEditable, newRuleId, targetInWords, targetKey, toEditable } from './ruleText';

// As many of the latest leads as the service simulates by default: enough to see a trend, quick to answer.
const SIMULATED_LEADS = 500;

export default class SdrAdminRouting extends AdminSection {
  ruleSets = [];
  users = [];
  // The rules being edited, and the version they started from.
  draft = [];
  baseVersion;
  dirty = false;
  activateOnSave = true;
  activating;
  versionsError;
  simulation;
  simulating = false;
  simulateError;

  operatorOptions = OPERATOR_OPTIONS;
  loadFailedMessage = 'The routing rules could not be loaded. Try again in a minute.';
  saveFailedMessage = 'The rules could not be saved. Try again in a minute.';

  async load() {
    const [ruleSets, users] = await Promise.all([callAdmin(listRuleSets), callAdmin(listUsers)]);
    this.users = users.data;
    this.applyRuleSets(ruleSets.data);
    this.edit(this.ruleSets.find((set) => set.active) || this.ruleSets[0]);
  }

  applyRuleSets(ruleSets) {
    this.ruleSets = ruleSets;
  }

  edit(ruleSet) {
    this.baseVersion = ruleSet ? ruleSet.version : undefined;
    this.draft = ruleSet ? ruleSet.rules.map(toEditable) : [];
    this.dirty = false;
    this.simulation = undefined;
    this.formError = undefined;
    this.fieldErrors = {};
  }

  get namesById() {
    return Object.fromEntries(this.users.map((user) => [user.id, user.name]));
  }

  // ---- versions

  get hasVersions() {
    return this.ruleSets.length > 0;
  }

  get versionRows() {
    return this.ruleSets.map((set) => ({
      key: `v${set.version}`,
      version: set.version,
      status: set.active ? 'Active' : '',
      createdBy: set.createdBy || '',
      createdAt: set.createdAt,
      rules: set.rules.length,
      canActivate: !set.active,
      activateTitle: `Make version ${set.version} the active one`,
      editTitle: `Edit a copy of version ${set.version}`,
      // Opening another version would throw away the rules being edited.
      editDisabled: this.dirty || this.busy,
      activateDisabled: !!this.activating,
    }));
  }

  handleEditVersion(event) {
    const version = Number(event.currentTarget.dataset.version);
    this.edit(this.ruleSets.find((set) => set.version === version));
  }

  async handleActivate(event) {
    const version = Number(event.currentTarget.dataset.version);
    this.activating = version;
    this.versionsError = undefined;
    try {
      await callAdmin(activateRuleSet, { version });
      this.applyRuleSets((await callAdmin(listRuleSets)).data);
      showSuccess(this, `Version ${version} is now active`);
    } catch (error) {
      this.versionsError = messageOf(error, 'The version could not be made active. Try again in a minute.');
    } finally {
      this.activating = undefined;
    }
  }

  // ---- rule editor

  get hasRules() {
    return this.draft.length > 0;
  }

  get editingText() {
    return this.baseVersion ? `Editing a copy of version ${this.baseVersion}.` : 'No rules yet.';
  }

  get ruleRows() {
    const names = this.namesById;
    const last = this.draft.length - 1;
    return this.draft.map((rule, index) => {
      const at = `rules.${index}`;
      const poolOption =
        rule.target.type === 'pool' ? [{ label: targetInWords(rule.target, names), value: 'pool' }] : [];
      return {
        ...rule,
        index,
        heading: `Rule ${index + 1}`,
        targetValue: targetKey(rule.target),
        targetOptions: [
          { label: "The account's owner", value: 'account_owner' },
          ...poolOption,
          ...this.users.map((user) => ({ label: user.name, value: `user:${user.id}` })),
        ],
        hasConditions: rule.conditions.length > 0,
        conditions: rule.conditions.map((condition, position) => ({
          ...condition,
          index: position,
          error: this.errorsUnder(`${at}.conditions.${position}`),
          removeLabel: `Remove condition ${position + 1} of rule ${index + 1}`,
        })),
        nameError: this.errorsUnder(`${at}.name`),
        targetError: this.errorsUnder(`${at}.target`),
        skillsError: this.errorsUnder(`${at}.skills`),
        slaError: this.errorsUnder(`${at}.slaMinutes`),
        conditionsError: this.errorFor(`${at}.conditions`),
        upDisabled: index === 0,
        downDisabled: index === last,
        upLabel: `Move rule ${index + 1} up`,
        downLabel: `Move rule ${index + 1} down`,
        removeLabel: `Remove rule ${index + 1}`,
      };
    });
  }

  get unplacedErrors() {
    return this.unplaced(
      (path) =>
        /^rules\.\d+\.(name|target|skills|slaMinutes|conditions\.\d+)(\.|$)/.test(path) ||
        /^rules\.\d+\.conditions$/.test(path),
    );
  }

  get busy() {
    return this.saving || this.simulating;
  }

  get saveDisabled() {
    return this.busy || !this.dirty;
  }

  change(index, update) {
    this.draft = this.draft.map((rule, i) => (i === index ? { ...rule, ...update(rule) } : rule));
    this.dirty = true;
    // A preview of other rules would mislead.
    this.simulation = undefined;
  }

  handleRuleChange(event) {
    const { index, field } = event.target.dataset;
    this.change(Number(index), () => ({ [field]: event.detail.value }));
  }

  handleTargetChange(event) {
    const index = Number(event.target.dataset.index);
    const value = event.detail.value;
    this.change(index, (rule) => {
      if (value === 'pool') {
        return {};
      }
      if (value.startsWith('user:')) {
        return { target: { type: 'user', userId: value.slice('user:'.length) } };
      }
      return { target: rule.target.type === value ? rule.target : { type: value } };
    });
  }

  handleConditionChange(event) {
    const { index, position, field } = event.target.dataset;
    this.change(Number(index), (rule) => ({
      conditions: withFieldAt(rule.conditions, position, field, event.detail.value),
    }));
  }

  handleAddCondition(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.change(index, (rule) => ({
      conditions: [...rule.conditions, { key: newKey(), field: 'company.country', operator: 'eq', value: '' }],
    }));
  }

  handleRemoveCondition(event) {
    const { index, position } = event.currentTarget.dataset;
    this.change(Number(index), (rule) => ({
      conditions: rule.conditions.filter((condition, i) => i !== Number(position)),
    }));
  }

  handleMove(event) {
    const index = Number(event.currentTarget.dataset.index);
    const to = index + Number(event.currentTarget.dataset.step);
    const rules = [...this.draft];
    [rules[index], rules[to]] = [rules[to], rules[index]];
    this.draft = rules;
    this.dirty = true;
    this.simulation = undefined;
  }

  handleRemoveRule(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.draft = this.draft.filter((rule, i) => i !== index);
    this.dirty = true;
    this.simulation = undefined;
  }

  handleAddRule() {
    const id = newRuleId(this.draft);
    const rule = {
      id,
      name: 'New rule',
      conditions: [],
      target: { type: 'account_owner' },
      skills: [],
      slaMinutes: null,
    };
    this.draft = [...this.draft, toEditable(rule, this.draft.length)];
    this.dirty = true;
    this.simulation = undefined;
  }

  handleUndo() {
    this.edit(this.ruleSets.find((set) => set.version === this.baseVersion));
  }

  handleActivateToggle(event) {
    this.activateOnSave = event.target.checked;
  }

  get rules() {
    return this.draft.map(fromEditable);
  }

  async handleSave() {
    const activate = this.activateOnSave;
    const saved = await this.save(
      () => callAdmin(saveRuleSet, { bodyJson: JSON.stringify({ rules: this.rules, activate }) }),
      activate ? 'Rules saved and active' : 'Rules saved as a new version',
    );
    if (saved) {
      this.applyRuleSets([saved, ...this.ruleSets.map((set) => (activate ? { ...set, active: false } : set))]);
      this.edit(saved);
    }
  }

  async handlePreview() {
    this.simulating = true;
    this.simulateError = undefined;
    this.formError = undefined;
    this.fieldErrors = {};
    try {
      this.simulation = await callAdmin(simulateRouting, {
        bodyJson: JSON.stringify({ rules: this.rules, leads: SIMULATED_LEADS }),
      });
    } catch (error) {
      this.simulation = undefined;
      this.simulateError = messageOf(error, 'The preview could not be made. Try again in a minute.');
      this.fieldErrors = fieldErrorsOf(error);
    } finally {
      this.simulating = false;
    }
  }

  // ---- roster

  handleUserChange(event) {
    const changed = event.detail;
    const known = this.users.some((user) => user.id === changed.id);
    this.users = known ? this.users.map((user) => (user.id === changed.id ? changed : user)) : [...this.users, changed];
  }
}
