import type { RenderedChildNode } from '@hubspot/ui-extensions/testing';
import type { FetchCall } from '../support/fake-fetch.ts';

/** Every piece of text under a node, in order: `.text` only holds a node's own text. */
export function textOf(node: { childNodes: RenderedChildNode[] }): string {
  const found: string[] = [];
  const visit = (child: RenderedChildNode) => {
    if (child.nodeType === 'text') {
      if (child.text.trim()) found.push(child.text);
    } else child.childNodes.forEach(visit);
  };
  node.childNodes.forEach(visit);
  return found.join(' ');
}

/** The calls of one method and path (after /hubspot). */
export function callsTo(calls: FetchCall[], method: string, path: string): FetchCall[] {
  return calls.filter((call) => call.method === method && call.url.pathname === `/hubspot${path}`);
}

/** A refusal as the service words it (RFC 9457 problem details with the wrong fields). */
export function refusal(detail: string, errors: { field: string; message: string }[]) {
  return { status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, detail, errors } };
}

export const FAILED = { status: 503, body: { title: 'Service Unavailable', status: 503 } };
