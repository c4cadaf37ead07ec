import { readFile } from 'node:fs/promises';
import { LeadScore, leadScoreExample } from '@sdr/shared';

// The sdrScorePanel component tests run on these files; checking them here keeps them in step with the contract.
const data = new URL('../force-app/main/default/lwc/sdrScorePanel/__tests__/data/', import.meta.url);

async function fixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, data), 'utf8'));
}

describe('sdrScorePanel fixtures', () => {
  it('leadScore.json is the contract example, value for value', async () => {
    expect(await fixture('leadScore.json')).toEqual(leadScoreExample);
  });

  it.each(['leadScore.json', 'leadScoreStale.json', 'leadScoreRules.json'])(
    '%s parses as a LeadScore',
    async (name) => {
      const json = await fixture(name);
      expect(LeadScore.parse(json)).toEqual(json);
    },
  );

  it('the stale variant differs from the example only in freshness and missing features', async () => {
    const stale = LeadScore.parse(await fixture('leadScoreStale.json'));
    expect(stale.freshness).toBe('stale');
    expect(stale.missing.length).toBeGreaterThan(0);
    expect({ ...stale, freshness: leadScoreExample.freshness, missing: leadScoreExample.missing }).toEqual(
      leadScoreExample,
    );
  });

  it('the rules variant differs from the example only in having no model version', async () => {
    const rules = LeadScore.parse(await fixture('leadScoreRules.json'));
    expect(rules.modelVersion).toBeNull();
    expect({ ...rules, modelVersion: leadScoreExample.modelVersion }).toEqual(leadScoreExample);
  });
});
