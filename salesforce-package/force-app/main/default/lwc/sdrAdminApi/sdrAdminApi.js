import { LightningElement } from 'lwc';
import LOCALE from '@salesforce/i18n/locale';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { UnreadableResponse, readJson, reduceErrors } from 'c/sdrErrors';

export const UNREADABLE = 'The SDR service sent an answer the console cannot read. Try again in a minute.';
export const REFUSED = 'The SDR service could not accept these changes.';
export const FIX_FIELDS = 'Some values need changing. Each problem is shown beside its value, or listed here.';

/**
 * The SDR service refused what an admin sent. `fieldErrors` maps each field's path in the body that was sent
 * (`scoring.evTiers.hot`, `rules.1.slaMinutes`) to what is wrong with it, so a form can put it next to the field.
 */
export class RefusedChanges extends Error {
  constructor(message, errors) {
    const fieldErrors = byField(errors);
    // With field problems the service's detail repeats them by path, which reads as code; the form shows each one
    // where it belongs instead.
    super(Object.keys(fieldErrors).length > 0 ? FIX_FIELDS : message || REFUSED);
    this.name = 'RefusedChanges';
    this.fieldErrors = fieldErrors;
  }
}

/** Problem entries keyed by path; the service prefixes body fields with `body.`, which the console never sent. */
export function byField(errors) {
  const fields = {};
  (Array.isArray(errors) ? errors : []).forEach((entry) => {
    if (entry && typeof entry.field === 'string' && typeof entry.message === 'string') {
      const path = entry.field.replace(/^body\./, '');
      fields[path] = fields[path] ? `${fields[path]} ${entry.message}` : entry.message;
    }
  });
  return fields;
}

/**
 * Calls an SdrAdminController method and returns the service's answer. A refusal is thrown as RefusedChanges;
 * Apex errors (an outage, no permission) are thrown as they came, for messageOf.
 */
export async function callAdmin(method, params) {
  const answer = readJson(await method(params), UNREADABLE);
  if (answer && answer.status === 'ok' && answer.data !== null && typeof answer.data === 'object') {
    return answer.data;
  }
  if (answer && answer.status === 'invalid') {
    throw new RefusedChanges(answer.message, answer.errors);
  }
  throw new UnreadableResponse(UNREADABLE);
}

/** The sentence to show for any failure of callAdmin. */
export function messageOf(error, fallback) {
  if (error instanceof RefusedChanges) {
    return error.message;
  }
  return reduceErrors(error, fallback);
}

/** Field errors of a failure, or none. */
export function fieldErrorsOf(error) {
  return error instanceof RefusedChanges ? error.fieldErrors : {};
}

export function showSuccess(component, title) {
  component.dispatchEvent(new ShowToastEvent({ title, variant: 'success' }));
}

/** A deep copy of plain JSON data, to edit without touching what was loaded. */
let lastKey = 0;
/** A key for a row an admin adds in an editor (template loops need one before the service gives it an id). */
export function newKey() {
  lastKey += 1;
  return `k${lastKey}`;
}

export function copyOf(value) {
  return JSON.parse(JSON.stringify(value));
}

/** The list with one field of the item at index set to value, for the editors' rows. */
export function withFieldAt(list, index, field, value) {
  return list.map((item, i) => {
    if (i !== Number(index)) {
      return item;
    }
    return { ...item, [field]: value };
  });
}

// Dates the service keeps at midnight UTC (time away, reviews) are read in UTC, so they do not move a day west.
const DATE = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
const DAY = { day: 'numeric', month: 'short', timeZone: 'UTC' };

/** A date in the user's locale, e.g. Dec 22, 2026. */
export function formatDate(iso) {
  return new Date(iso).toLocaleDateString(LOCALE, DATE);
}

/** A day of this year in the user's locale, e.g. Nov 10. */
export function formatDay(iso) {
  return new Date(iso).toLocaleDateString(LOCALE, DAY);
}

export function formatNumber(value) {
  return value.toLocaleString(LOCALE);
}

/** A comma-separated list as typed, trimmed, empties dropped. */
export function listFromText(value) {
  return String(value || '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function numberOrNull(value) {
  if (value === '' || value === null || value === undefined) {
    return null;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * A tab of the console: loads its data when it appears, shows loading or the failure with a retry, and saves with
 * the buttons held while a save is under way. Subclasses implement load() and set loadFailedMessage.
 */
export class AdminSection extends LightningElement {
  /** 'loading' | 'ready' | 'error' */
  state = 'loading';
  errorMessage;
  loadFailedMessage = 'This part of the console could not be loaded. Try again in a minute.';
  saveFailedMessage = 'The changes could not be saved. Try again in a minute.';
  saving = false;
  // The last save's refusal: a sentence for the form, and the backend's problems by field path.
  formError;
  fieldErrors = {};

  connectedCallback() {
    this.reload();
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

  async reload() {
    this.state = 'loading';
    try {
      await this.load();
      this.state = 'ready';
    } catch (error) {
      this.errorMessage = messageOf(error, this.loadFailedMessage);
      this.state = 'error';
    }
  }

  handleRetry() {
    this.reload();
  }

  /**
   * Runs work (a save); on success a toast with successTitle and its result, on failure undefined with the
   * failure in the form's slots (a tab with two forms names the second form's own).
   */
  async save(work, successTitle, slots = { form: 'formError', fields: 'fieldErrors' }) {
    this.saving = true;
    this[slots.form] = undefined;
    this[slots.fields] = {};
    try {
      const result = await work();
      showSuccess(this, successTitle);
      return result;
    } catch (error) {
      this[slots.form] = messageOf(error, this.saveFailedMessage);
      this[slots.fields] = fieldErrorsOf(error);
      return undefined;
    } finally {
      this.saving = false;
    }
  }

  errorFor(path) {
    return this.fieldErrors[path];
  }

  /** The problems at path or inside it (`rules.1.target` also gets `rules.1.target.members.0.weight`). */
  errorsUnder(path) {
    const messages = Object.keys(this.fieldErrors)
      .filter((key) => key === path || key.startsWith(`${path}.`))
      .map((key) => this.fieldErrors[key]);
    return messages.length > 0 ? messages.join(' ') : undefined;
  }

  /** The problems no input shows (placed tells which paths an input shows), so none is lost. */
  unplaced(placed) {
    return Object.keys(this.fieldErrors)
      .filter((path) => !placed(path))
      .map((path) => ({ path, text: this.fieldErrors[path] }));
  }
}
