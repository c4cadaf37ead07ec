import { randomUUID } from 'node:crypto';
import { TranscriptSegmentBatch, type TranscriptSegmentUpsert } from '@sdr/shared';
import type { CallSink } from '../../src/integrations/calls/call-sink.ts';

type Segment = TranscriptSegmentUpsert;
type StartInput = Parameters<CallSink['start']>[1];

export interface FakeCall {
  tenantId: string;
  callId: string;
  platform: StartInput['platform'];
  externalId: string;
  leadId: string | null | undefined;
  userId: string | null | undefined;
  startedAt: string | undefined;
  status: 'live' | 'ended';
  endedAt: string | undefined;
  segments: Map<string, Segment>;
}

/**
 * The call sink's contract in memory: a call per tenant, platform and externalId, segments upserted by id, idempotent
 * ends. Every call is recorded, so a test can check what reached the sink as well as what it holds.
 */
export class MemorySink implements CallSink {
  readonly calls: FakeCall[] = [];
  readonly started: StartInput[] = [];
  readonly deliveries: { callId: string; segments: Segment[] }[] = [];
  readonly ended: { callId: string; endedAt: string | undefined; segmentsAtEnd: number }[] = [];
  // Every call made, in order: `start <externalId>`, `segments <count>`, `end`.
  readonly log: string[] = [];

  async start(tenantId: string, input: StartInput) {
    this.log.push(`start ${input.externalId}`);
    this.started.push(input);
    let call = this.calls.find(
      (c) => c.tenantId === tenantId && c.platform === input.platform && c.externalId === input.externalId,
    );
    if (!call) {
      call = {
        tenantId,
        callId: randomUUID(),
        platform: input.platform,
        externalId: input.externalId,
        leadId: input.leadId,
        userId: input.userId,
        startedAt: input.startedAt,
        status: 'live',
        endedAt: undefined,
        segments: new Map(),
      };
      this.calls.push(call);
    }
    return { callId: call.callId, status: call.status };
  }

  async segments(tenantId: string, callId: string, segments: Segment[]) {
    this.log.push(`segments ${segments.length}`);
    const call = this.#call(tenantId, callId);
    if (call.status === 'ended') throw new Error('the call has ended');
    // Whatever reaches the sink must pass the public API's validation of a batch.
    TranscriptSegmentBatch.parse({ segments });
    this.deliveries.push({ callId, segments });
    for (const segment of segments) call.segments.set(segment.segmentId, segment);
  }

  async end(tenantId: string, callId: string, endedAt?: string) {
    this.log.push('end');
    const call = this.#call(tenantId, callId);
    this.ended.push({ callId, endedAt, segmentsAtEnd: call.segments.size });
    if (call.status === 'ended') return;
    call.status = 'ended';
    call.endedAt = endedAt;
  }

  /** The call started for a platform meeting, whichever tenant it is in. */
  call(externalId: string): FakeCall | undefined {
    return this.calls.find((c) => c.externalId === externalId);
  }

  /** Every segment of a call in delivery order, duplicates included. */
  delivered(callId: string): Segment[] {
    return this.deliveries.filter((d) => d.callId === callId).flatMap((d) => d.segments);
  }

  #call(tenantId: string, callId: string): FakeCall {
    const call = this.calls.find((c) => c.callId === callId && c.tenantId === tenantId);
    if (!call) throw new Error('no such call');
    return call;
  }
}
