// c-sdr-panel-state renders the SDR panels' loading, error and notice blocks in its own shadow tree, as
// c-sdr-admin-form-error does the admin forms' save errors. These queries look into them as well, in document order,
// so a component's tests find those blocks where the person sees them.
const SHARED_PARTS = new Set(['c-sdr-panel-state', 'c-sdr-admin-form-error']);

function deepAll(root, selector) {
  return Array.from(root.querySelectorAll('*')).flatMap((node) => [
    ...(node.matches(selector) ? [node] : []),
    ...(SHARED_PARTS.has(node.localName) ? deepAll(node.shadowRoot, selector) : []),
  ]);
}

export const $$deep = (element, selector) => deepAll(element.shadowRoot, selector);

export const $deep = (element, selector) => $$deep(element, selector)[0] || null;

/** All the text of the panel, its states' included. */
export const deepText = (element) =>
  [element.shadowRoot, ...element.shadowRoot.querySelectorAll('c-sdr-panel-state')]
    .map((root) => (root.shadowRoot || root).textContent)
    .join(' ');
