import { readFile } from 'node:fs/promises';
import { Call, CallEvents, CallToken, callEventsExample, callExample } from '@sdr/shared';

// The sdrLiveCall component tests run on these files; checking them here keeps them in step with the contract.
const data = new URL('../force-app/main/default/lwc/sdrLiveCall/__tests__/data/', import.meta.url);

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(name, data), 'utf8')) as Record<string, unknown>;
}

/** The sequence number a cursor stands for, as the service encodes it (opaque to the component). */
function seqOf(cursor: string): number {
  return (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { seq: number }).seq;
}

const PAGES = ['callEventsInterim.json', 'callEvents.json', 'callEventsCompetitor.json', 'callEventsEnded.json'];

describe('sdrLiveCall fixtures', () => {
  it('call.json is the contract example, value for value', async () => {
    expect(await fixture('call.json')).toEqual(callExample);
  });

  it('callEvents.json is the contract example, value for value', async () => {
    expect(await fixture('callEvents.json')).toEqual(callEventsExample);
  });

  it('call.json parses as a Call', async () => {
    const json = await fixture('call.json');
    expect(Call.parse(json)).toEqual(json);
  });

  it.each(PAGES)('%s parses as CallEvents of the example call', async (name) => {
    const json = await fixture(name);
    expect(CallEvents.parse(json)).toEqual(json);
    expect(json.callId).toBe(callExample.id);
  });

  it('the pages follow one another as the stream sends them: cursors only move forward', async () => {
    const cursors = await Promise.all(PAGES.map(async (name) => (await fixture(name)).cursor as string));
    const seqs = cursors.map(seqOf);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('the interim page holds an interim version of the example segment, which the example replaces', async () => {
    const interim = CallEvents.parse(await fixture('callEventsInterim.json'));
    const final = callEventsExample.segments[0]!;
    const replaced = interim.segments.find((segment) => segment.segmentId === final.segmentId)!;
    expect(replaced.final).toBe(false);
    expect(final.final).toBe(true);
    expect(final.text.startsWith(replaced.text)).toBe(true);
    expect(replaced.seq).toBeLessThan(final.seq);
    expect(interim.segments.some((segment) => segment.speaker === 'rep')).toBe(true);
  });

  it('the competitor page brings a competitor suggestion from a battlecard, newer than the example', async () => {
    const page = CallEvents.parse(await fixture('callEventsCompetitor.json'));
    const [suggestion] = page.suggestions;
    expect(suggestion!.kind).toBe('competitor');
    expect(suggestion!.source).not.toBeNull();
    expect(Date.parse(suggestion!.createdAt)).toBeGreaterThan(Date.parse(callEventsExample.suggestions[0]!.createdAt));
    expect(page.metrics!.repTalkRatio).not.toBe(callEventsExample.metrics!.repTalkRatio);
  });

  it('the ended page carries the example summary, as the stream sends it before closing', async () => {
    const page = CallEvents.parse(await fixture('callEventsEnded.json'));
    expect(page.callStatus).toBe('ended');
    expect(page.summary).toEqual(callExample.summary);
  });

  it('liveCall.json is what SdrLiveCallController.getLiveCall returns for the example call while live', async () => {
    const json = await fixture('liveCall.json');
    expect(Object.keys(json).sort()).toEqual(['call', 'status', 'token']);
    expect(json.status).toBe('live');
    const call = Call.parse(json.call);
    expect(call).toEqual({ ...callExample, status: 'live', endedAt: null, summary: null, metrics: null });
    const token = CallToken.parse(json.token);
    expect(token).toEqual(json.token);
    expect(token.streamUrl).toMatch(/^https:\/\//);
    expect(new URL(token.streamUrl).pathname).toBe(`/v1/calls/${call.id}/events`);
    expect(new URL(token.streamUrl).searchParams.get('token')).toBe(token.token);
  });
});
