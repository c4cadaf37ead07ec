import type { RenderedChildNode } from '@hubspot/ui-extensions/testing';

interface Parent {
  childNodes: RenderedChildNode[];
}

/** Every piece of text under a node, in order: `.text` only holds a node's own text. */
export function textsOf(node: Parent): string[] {
  const found: string[] = [];
  const visit = (child: RenderedChildNode) => {
    if (child.nodeType === 'text') {
      if (child.text.trim()) found.push(child.text);
    } else child.childNodes.forEach(visit);
  };
  node.childNodes.forEach(visit);
  return found;
}

export function textOf(node: Parent): string {
  return textsOf(node).join(' ');
}
