import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { CrmObject } from '../port.ts';
import type { SalesforceSession } from './session.ts';

/**
 * Change Data Capture through jsforce streaming, with durable replay: each channel resumes from the replay id stored
 * after the last event it processed, so events published while the service was down are received on restart
 * (Salesforce keeps them 72 hours; older gaps are closed by the next incremental sync).
 *
 * Events are gathered for a short moment and handled as one batch per channel: the records they name are read back
 * in one query (so the mapping applies exactly as in the sync) and the batch's last replay id is stored only after
 * they are stored. A crash in between replays the batch: storing the same records twice changes nothing.
 *
 * jsforce's Replay extension writes its own channel's map into every subscribe of its client, so each channel gets
 * a client of its own.
 */

export const CHANGE_CHANNELS: Partial<Record<CrmObject, string>> = {
  lead: '/data/LeadChangeEvent',
  contact: '/data/ContactChangeEvent',
  deal: '/data/OpportunityChangeEvent',
};

export interface ChangeBatch {
  object: CrmObject;
  channel: string;
  /** Records created, changed or restored from the recycle bin. */
  recordIds: string[];
  /** Records deleted (to the recycle bin, or merged away). */
  deletedIds: string[];
  lastReplayId: number;
}

/** What a subscriber receives: the event's data (faye unwraps the Bayeux message). */
interface ChangeMessage {
  payload?: { ChangeEventHeader?: { changeType?: string; recordIds?: string[]; entityName?: string } };
  event?: { replayId?: number };
}

interface FayeClient {
  subscribe(channel: string, listener: (message: ChangeMessage) => void): PromiseLike<unknown>;
  disconnect(): PromiseLike<void> | undefined;
}

export class ChangeListener {
  private readonly session: SalesforceSession;
  private readonly handle: (batch: ChangeBatch) => Promise<void>;
  private readonly onAuthFailure: (message: string) => void;
  private readonly onError: (error: unknown) => void;
  private readonly gatherMs: number;
  private readonly clients: FayeClient[] = [];
  private readonly pending = new Map<
    string,
    { object: CrmObject; ids: Set<string>; deleted: Set<string>; lastReplayId: number }
  >();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    session: SalesforceSession,
    options: {
      handle: (batch: ChangeBatch) => Promise<void>;
      onAuthFailure: (message: string) => void;
      onError?: (error: unknown) => void;
      gatherMs?: number;
    },
  ) {
    this.onError = options.onError ?? (() => {});
    this.session = session;
    this.handle = options.handle;
    this.onAuthFailure = options.onAuthFailure;
    this.gatherMs = options.gatherMs ?? 500;
  }

  /** Subscribes each channel from its stored replay id (-1, new events only, when none is stored yet). */
  async start(replayIds: Record<string, number>): Promise<void> {
    for (const [object, channel] of Object.entries(CHANGE_CHANNELS) as [CrmObject, string][]) {
      const client = this.session.conn.streaming.createClient([
        new StreamingExtension.Replay(channel, replayIds[channel] ?? -1),
        new StreamingExtension.AuthFailure(() =>
          this.onAuthFailure('Salesforce ended the change-event session; it resumes after the next successful sync'),
        ),
      ]) as unknown as FayeClient;
      this.clients.push(client);
      await client.subscribe(channel, (message) => this.receive(object, channel, message));
    }
  }

  private receive(object: CrmObject, channel: string, message: ChangeMessage): void {
    if (this.stopped) return;
    const header = message.payload?.ChangeEventHeader;
    const replayId = message.event?.replayId;
    if (!header || typeof replayId !== 'number') return;
    const entry = this.pending.get(channel) ?? {
      object,
      ids: new Set<string>(),
      deleted: new Set<string>(),
      lastReplayId: replayId,
    };
    // In arrival order, so a record deleted and then restored within one batch ends up changed, and vice versa.
    for (const id of header.recordIds ?? []) {
      const deleted = header.changeType === 'DELETE' || header.changeType === 'GAP_DELETE';
      (deleted ? entry.ids : entry.deleted).delete(id);
      (deleted ? entry.deleted : entry.ids).add(id);
    }
    entry.lastReplayId = Math.max(entry.lastReplayId, replayId);
    this.pending.set(channel, entry);
    if (!this.timers.has(channel))
      this.timers.set(
        channel,
        setTimeout(() => this.flush(channel), this.gatherMs),
      );
  }

  private flush(channel: string): void {
    this.timers.delete(channel);
    const entry = this.pending.get(channel);
    this.pending.delete(channel);
    if (!entry) return;
    // One batch at a time, in arrival order, so replay ids are stored in order.
    this.chain = this.chain
      .then(() =>
        this.handle({
          object: entry.object,
          channel,
          recordIds: [...entry.ids],
          deletedIds: [...entry.deleted],
          lastReplayId: entry.lastReplayId,
        }),
      )
      // The replay id was not stored: the events come again after a restart, and the sync covers them meanwhile.
      .catch((error: unknown) => this.onError(error));
  }

  /** Handles what was gathered, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const channel of [...this.timers.keys()]) {
      clearTimeout(this.timers.get(channel));
      this.flush(channel);
    }
    await this.chain;
    await Promise.all(this.clients.map((client) => client.disconnect()?.then(undefined, () => undefined)));
  }
}
