// `@salesforce/i18n/locale`: in Salesforce, the locale in the user's settings. The preview has no user settings; the
// browser's own language is the nearest thing the page can know.
const locale = (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

export default locale;
