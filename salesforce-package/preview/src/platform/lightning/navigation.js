// lightning/navigation: record pages are the preview's own page for another record; anything else stays put.

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

/** The preview's URL for a page reference, or null for pages the preview does not have. */
export function urlFor(pageReference) {
  const attributes = (pageReference && pageReference.attributes) || {};
  if (pageReference && pageReference.type === 'standard__recordPage' && attributes.recordId) {
    const params = new URLSearchParams({ record: attributes.recordId });
    return `${window.location.pathname}?${params.toString()}`;
  }
  return null;
}

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      const url = urlFor(pageReference);
      if (!url) return;
      if (replace) window.location.replace(url);
      else window.location.assign(url);
    }

    [GenerateUrl](pageReference) {
      return Promise.resolve(urlFor(pageReference) || window.location.href);
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** A wire adapter giving the current page's reference, as a record page's would be. */
export class CurrentPageReference {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {
    const params = new URLSearchParams(window.location.search);
    const recordId = params.get('record');
    this.dataCallback(
      recordId
        ? { type: 'standard__recordPage', attributes: { recordId, actionName: 'view' }, state: {} }
        : { type: 'standard__namedPage', attributes: { pageName: 'home' }, state: {} },
    );
  }

  update() {}

  disconnect() {}
}
