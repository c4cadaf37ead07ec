import { api } from 'lwc';
import saveUser from '@salesforce/apex/SdrAdminController.saveUser';
import { AdminSection, callAdmin, formatDate, newKey, numberOrNull, withFieldAt } from 'c/sdrAdminApi';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_OPTIONS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
  (label, day) => ({ label, value: String(day) }),
);
const ROLE_LABELS = { sdr: 'SDR', manager: 'Manager', admin: 'Admin' };

const dateOf = (iso) => (iso ? iso.slice(0, 10) : '');

/** Working hours in a line: days with the same hours together, e.g. "Mon, Tue 08:30–17:30". */
export function hoursInWords(workingHours) {
  if (workingHours.length === 0) {
    return 'No hours set';
  }
  const byHours = new Map();
  [...workingHours]
    .sort((a, b) => a.day - b.day)
    .forEach(({ day, start, end }) => {
      const hours = `${start}–${end}`;
      byHours.set(hours, [...(byHours.get(hours) || []), DAYS[day]]);
    });
  return [...byHours.entries()].map(([hours, days]) => `${days.join(', ')} ${hours}`).join('; ');
}

/**
 * The roster, and an editor for one user at a time. Saving sends the user keyed by e-mail (PUT /v1/users), with
 * working hours and leave as whole lists, and tells the routing tab through a userchange event.
 */
export default class SdrAdminRoster extends AdminSection {
  @api users = [];
  editing;
  draft;

  dayOptions = DAY_OPTIONS;
  saveFailedMessage = 'The changes could not be saved. Try again in a minute.';

  async load() {
    // The routing tab loads the roster with the rules; nothing of its own to load.
  }

  get hasUsers() {
    return Array.isArray(this.users) && this.users.length > 0;
  }

  get rows() {
    return this.users.map((user) => ({
      key: user.id,
      id: user.id,
      name: user.name,
      role: ROLE_LABELS[user.role] || user.role,
      timeZone: user.timeZone,
      capacity: user.capacity,
      dailyCap: user.dailyCap,
      weight: user.weight,
      status: user.active ? 'Active' : 'Inactive',
      hours: hoursInWords(user.workingHours),
      away:
        user.outOfOffice.map((period) => `${formatDate(period.start)} to ${formatDate(period.end)}`).join('; ') ||
        'None',
      editLabel: `Edit ${user.name}`,
    }));
  }

  get editingName() {
    return this.editing ? this.editing.name : '';
  }

  get editorHeading() {
    return `Edit ${this.editingName}`;
  }

  handleEdit(event) {
    const user = this.users.find((candidate) => candidate.id === event.currentTarget.dataset.id);
    this.editing = user;
    this.formError = undefined;
    this.fieldErrors = {};
    this.draft = {
      timeZone: user.timeZone,
      capacity: user.capacity,
      dailyCap: user.dailyCap,
      weight: user.weight,
      active: user.active,
      workingHours: user.workingHours.map((hours) => ({ ...hours, key: newKey(), day: String(hours.day) })),
      // The original instants are kept, so a period whose dates are not changed is sent back exactly.
      outOfOffice: user.outOfOffice.map((period) => ({
        key: newKey(),
        start: dateOf(period.start),
        end: dateOf(period.end),
        original: period,
      })),
    };
  }

  handleCancel() {
    this.editing = undefined;
    this.draft = undefined;
  }

  get hoursRows() {
    return this.draft.workingHours.map((hours, index) => ({
      ...hours,
      index,
      error: this.errorsUnder(`workingHours.${index}`),
      removeLabel: `Remove hours ${index + 1}`,
    }));
  }

  get awayRows() {
    return this.draft.outOfOffice.map((period, index) => ({
      ...period,
      index,
      error: this.errorsUnder(`outOfOffice.${index}`),
      removeLabel: `Remove time away ${index + 1}`,
    }));
  }

  get timeZoneError() {
    return this.errorsUnder('timeZone');
  }

  get capacityError() {
    return this.errorsUnder('capacity');
  }

  get dailyCapError() {
    return this.errorsUnder('dailyCap');
  }

  get weightError() {
    return this.errorsUnder('weight');
  }

  get unplacedErrors() {
    return this.unplaced((path) =>
      /^(timeZone|capacity|dailyCap|weight|workingHours\.\d+|outOfOffice\.\d+)(\.|$)/.test(path),
    );
  }

  handleDraftChange(event) {
    const field = event.target.dataset.field;
    const value = field === 'active' ? event.target.checked : event.detail.value;
    this.draft = { ...this.draft, [field]: value };
  }

  changeListItem(list, event) {
    const { index, field } = event.target.dataset;
    this.draft = {
      ...this.draft,
      [list]: withFieldAt(this.draft[list], index, field, event.detail.value),
    };
  }

  handleHoursChange(event) {
    this.changeListItem('workingHours', event);
  }

  handleAwayChange(event) {
    this.changeListItem('outOfOffice', event);
  }

  handleAddHours() {
    const hours = { key: newKey(), day: '1', start: '09:00', end: '17:00' };
    this.draft = { ...this.draft, workingHours: [...this.draft.workingHours, hours] };
  }

  handleAddAway() {
    this.draft = { ...this.draft, outOfOffice: [...this.draft.outOfOffice, { key: newKey(), start: '', end: '' }] };
  }

  handleRemove(event) {
    const { list, index } = event.currentTarget.dataset;
    this.draft = { ...this.draft, [list]: this.draft[list].filter((item, i) => i !== Number(index)) };
  }

  /** The UserUpsert: the fields this editor changes; the others stay as they are. */
  get upsert() {
    const user = this.editing;
    const draft = this.draft;
    const instant = (date, original) => (original && dateOf(original) === date ? original : `${date}T00:00:00.000Z`);
    return {
      email: user.email,
      name: user.name,
      timeZone: draft.timeZone.trim(),
      capacity: numberOrNull(draft.capacity),
      dailyCap: numberOrNull(draft.dailyCap),
      weight: numberOrNull(draft.weight),
      active: draft.active,
      workingHours: draft.workingHours.map((hours) => ({
        day: Number(hours.day),
        start: hours.start.trim(),
        end: hours.end.trim(),
      })),
      outOfOffice: draft.outOfOffice.map((period) => ({
        start: instant(period.start, period.original && period.original.start),
        end: instant(period.end, period.original && period.original.end),
      })),
    };
  }

  async handleSave() {
    const name = this.editing.name;
    const saved = await this.save(
      () => callAdmin(saveUser, { userJson: JSON.stringify(this.upsert) }),
      `${name}'s settings saved`,
    );
    if (saved) {
      this.dispatchEvent(new CustomEvent('userchange', { detail: saved }));
      this.editing = undefined;
      this.draft = undefined;
    }
  }
}
