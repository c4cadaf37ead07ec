/**
 * hubspot.fetch stands on the extension worker's `self.hsFetch`; tests put a fake there that answers from a table of
 * routes (the contract's example payloads), records every call, and can fail, time out or answer too much.
 */
export interface FetchCall {
  url: URL;
  method: string;
  body: Record<string, unknown> | undefined;
  timeout: number | undefined;
}

type Answer = { status: number; body?: unknown } | 'network-error';
type Route = { method: string; path: string; answer: Answer | ((call: FetchCall) => Answer) };

export class FakeFetch {
  readonly calls: FetchCall[] = [];
  #routes: Route[] = [];

  /** Answers requests to `path` (the part after /hubspot, without the query); later routes win. */
  on(method: string, path: string, answer: Route['answer']): this {
    this.#routes.unshift({ method, path, answer });
    return this;
  }

  install(): void {
    (globalThis as unknown as { self: unknown }).self = globalThis;
    (globalThis as unknown as { hsFetch: unknown }).hsFetch = (
      url: string,
      options: { method?: string; body?: Record<string, unknown>; timeout?: number } = {},
    ) => this.#fetch(url, options);
  }

  async #fetch(url: string, options: { method?: string; body?: Record<string, unknown>; timeout?: number }) {
    const call: FetchCall = {
      url: new URL(url),
      method: options.method ?? 'GET',
      body: options.body,
      timeout: options.timeout,
    };
    this.calls.push(call);
    const path = call.url.pathname.replace(/^\/hubspot/, '');
    const route = this.#routes.find((r) => r.method === call.method && r.path === path);
    if (!route)
      return new Response(JSON.stringify({ title: 'Not Found', detail: `no route ${path}` }), { status: 404 });
    const answer = typeof route.answer === 'function' ? route.answer(call) : route.answer;
    if (answer === 'network-error') throw new TypeError('fetch failed');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }
}
