import { readFile } from 'node:fs/promises';
import { LeadQueue, leadQueueExample, queuePriority } from '@sdr/shared';
import type { LeadQueueItem } from '@sdr/shared';

// The sdrLeadQueue component tests run on these files; checking them here keeps them in step with the contract.
const data = new URL('../force-app/main/default/lwc/sdrLeadQueue/__tests__/data/', import.meta.url);

async function fixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, data), 'utf8'));
}

const priorityOf = (item: LeadQueueItem) => queuePriority(item.score);

describe('sdrLeadQueue fixtures', () => {
  it('queue.json is the contract example, value for value', async () => {
    expect(await fixture('queue.json')).toEqual(leadQueueExample);
  });

  it.each(['queue.json', 'queueMixed.json', 'queueEmpty.json'])('%s parses as a LeadQueue', async (name) => {
    const json = await fixture(name);
    expect(LeadQueue.parse(json)).toEqual(json);
  });

  it('the empty variant is the example with no leads', async () => {
    expect(await fixture('queueEmpty.json')).toEqual({ ...leadQueueExample, data: [] });
  });

  describe('the mixed variant', () => {
    let queue: LeadQueue;
    beforeAll(async () => {
      queue = LeadQueue.parse(await fixture('queueMixed.json'));
    });

    it('starts with the example lead', () => {
      expect(queue.user).toEqual(leadQueueExample.user);
      expect(queue.data[0]).toEqual(leadQueueExample.data[0]);
    });

    it('has every deadline state the component shows, a lead with no deadline and one not yet scored', () => {
      expect(queue.data.map((item) => item.sla?.state ?? null)).toEqual(
        expect.arrayContaining(['pending', 'met', 'missed', 'closed', null]),
      );
      expect(queue.data.filter((item) => item.sla?.state === 'pending')).toHaveLength(2);
      expect(queue.data.some((item) => item.score === null)).toBe(true);
      expect(queue.data.some((item) => item.lead.crmType === 'contact')).toBe(true);
      expect(queue.data.some((item) => item.lastTouchAt !== null)).toBe(true);
    });

    it("has priorities as the service computes them (the contract's queuePriority)", () => {
      for (const item of queue.data) expect(item.priority).toBe(priorityOf(item));
    });

    it('is in the order the service sends, highest priority first, unscored leads last', () => {
      const priorities = queue.data.map((item) => item.priority);
      expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
      expect(queue.data.at(-1)!.score).toBeNull();
    });

    it('uses one id per lead and per CRM record', () => {
      expect(new Set(queue.data.map((item) => item.lead.id)).size).toBe(queue.data.length);
      expect(new Set(queue.data.map((item) => item.lead.crmId)).size).toBe(queue.data.length);
    });
  });
});
