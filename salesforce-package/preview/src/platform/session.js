// Who the preview acts as: the tenant's API key, and the Salesforce user the components run as. Apex reads both from
// the org (the Named Credential's key, UserInfo.getUserId()); a browser page has neither, so they are kept here.

const KEY_STORAGE = 'sdr-preview-key';
const KEY_SHAPE = /^sdr_[A-Za-z0-9_-]{8,200}$/;

let runningUser = null;

/**
 * The key from `#key=sdr_…` (a fragment never reaches the server, so the key is not in any access log), else the one
 * this tab saved. Taken out of the address bar at once, so it does not end up in screenshots or shared links.
 */
export function takeKeyFromUrl() {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const key = params.get('key');
  if (key !== null) {
    params.delete('key');
    const rest = params.toString();
    const url = `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
    if (isApiKey(key)) saveApiKey(key);
  }
  return apiKey();
}

export function isApiKey(value) {
  return typeof value === 'string' && KEY_SHAPE.test(value.trim());
}

export function apiKey() {
  return window.sessionStorage.getItem(KEY_STORAGE);
}

export function saveApiKey(key) {
  window.sessionStorage.setItem(KEY_STORAGE, key.trim());
}

export function forgetApiKey() {
  window.sessionStorage.removeItem(KEY_STORAGE);
}

/** The demo's SDR: `{ id, crmUserId, name }`, the user UserInfo.getUserId() would name in Salesforce. */
export function setRunningUser(user) {
  runningUser = user;
}

export function getRunningUser() {
  return runningUser;
}
