import { STATUS_CODES } from 'node:http';
import type { RequestHandler } from 'express';

/** The request log, injected latency and injected faults: what tests use to see and disturb the traffic. */

export interface CallRecord {
  method: string;
  /** The path without its query string. */
  path: string;
  status: number;
}

export interface FaultMatch {
  method?: string;
  /** A string matches any path containing it; a RegExp is tested against the path. */
  path: RegExp | string;
}

export interface Fault {
  status: number;
  /** Defaults to Salesforce's body for the status (`SERVER_UNAVAILABLE` for 503, `UNKNOWN_EXCEPTION` otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; 1 by default. */
  times?: number;
  /** Wait this long before answering with the fault. */
  delayMs?: number;
}

interface PendingFault {
  match: FaultMatch;
  fault: Fault;
  remaining: number;
}

function defaultBody(status: number): unknown {
  if (status === 503) return [{ message: 'Server temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }];
  if (status >= 500) {
    return [
      {
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${Math.floor(Math.random() * 1e9)}-${Math.floor(Math.random() * 1e5)} (${Math.floor(Math.random() * 1e9)})`,
        errorCode: 'UNKNOWN_EXCEPTION',
      },
    ];
  }
  return [{ message: STATUS_CODES[status] ?? 'Error', errorCode: 'UNKNOWN_EXCEPTION' }];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Traffic {
  readonly calls: CallRecord[] = [];
  latencyMs: number;
  readonly #faults: PendingFault[] = [];

  constructor(latencyMs = 0) {
    this.latencyMs = latencyMs;
  }

  failNext(match: FaultMatch, fault: Fault): void {
    this.#faults.push({ match, fault, remaining: fault.times ?? 1 });
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const path = req.path;
      res.on('finish', () => this.calls.push({ method: req.method, path, status: res.statusCode }));
      const pending = this.#faults.find(
        (f) =>
          (!f.match.method || f.match.method.toUpperCase() === req.method) &&
          (typeof f.match.path === 'string' ? path.includes(f.match.path) : f.match.path.test(path)),
      );
      if (pending) {
        pending.remaining -= 1;
        if (pending.remaining <= 0) this.#faults.splice(this.#faults.indexOf(pending), 1);
      }
      const delay = (pending?.fault.delayMs ?? 0) + this.latencyMs;
      const respond = () => {
        if (!pending) return next();
        const { status, headers, body } = pending.fault;
        res.status(status).set(headers ?? {});
        const payload = body === undefined ? defaultBody(status) : body;
        if (typeof payload === 'string') res.send(payload);
        else res.json(payload);
      };
      if (delay > 0) void sleep(delay).then(respond);
      else respond();
    };
  }
}
