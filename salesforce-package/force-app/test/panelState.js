// c-sdr-panel-state renders the SDR panels' loading, error and notice blocks in its own shadow tree. These queries
// look into it as well, in document order, so a panel's tests find those blocks where the rep sees them.

function deepAll(root, selector) {
  return Array.from(root.querySelectorAll('*')).flatMap((node) => [
    ...(node.matches(selector) ? [node] : []),
    ...(node.localName === 'c-sdr-panel-state' ? deepAll(node.shadowRoot, selector) : []),
  ]);
}

export const $$deep = (element, selector) => deepAll(element.shadowRoot, selector);

export const $deep = (element, selector) => $$deep(element, selector)[0] || null;

/** All the text of the panel, its states' included. */
export const deepText = (element) =>
  [element.shadowRoot, ...element.shadowRoot.querySelectorAll('c-sdr-panel-state')]
    .map((root) => (root.shadowRoot || root).textContent)
    .join(' ');
