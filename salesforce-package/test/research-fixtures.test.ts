import { readFile } from 'node:fs/promises';
import { RegisterEntryChoice, ResearchReport, registerEntryChoiceExample, researchReportExample } from '@sdr/shared';

// The sdrResearch component tests run on these files; checking them here keeps them in step with the contract.
const data = new URL('../force-app/main/default/lwc/sdrResearch/__tests__/data/', import.meta.url);

async function fixture(name: string): Promise<ResearchReport> {
  return JSON.parse(await readFile(new URL(name, data), 'utf8')) as ResearchReport;
}

/** What a report holds before it is completed: nothing researched yet. */
const NOT_YET = {
  overview: null,
  overviewFactIds: [],
  writtenBy: null,
  registerMatch: null,
  keyPeople: [],
  recentEvents: [],
  riskFlags: [],
  crmContext: null,
  talkingPoints: [],
  facts: [],
  sources: [],
  expiresAt: null,
};

const FIXTURES = [
  'report.json',
  'reportPending.json',
  'reportRunning.json',
  'reportFailed.json',
  'reportAmbiguous.json',
  'reportUnavailable.json',
];

describe('sdrResearch fixtures', () => {
  it('report.json is the contract example, value for value', async () => {
    expect(await fixture('report.json')).toEqual(researchReportExample);
  });

  it.each(FIXTURES)('%s parses as a ResearchReport', async (name) => {
    const json = await fixture(name);
    expect(ResearchReport.parse(json)).toEqual(json);
  });

  it('every fact the example cites is one of its facts, so every citation marker has a fact to point at', () => {
    const ids = new Set(researchReportExample.facts.map((fact) => fact.id));
    const cited = [
      ...researchReportExample.overviewFactIds,
      ...researchReportExample.keyPeople.flatMap((person) => person.factIds),
      ...researchReportExample.recentEvents.flatMap((event) => event.factIds),
      ...researchReportExample.riskFlags.flatMap((flag) => flag.factIds),
      ...researchReportExample.talkingPoints.flatMap((point) => point.factIds),
    ];
    expect(cited.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each([
    ['reportPending.json', 'pending'],
    ['reportRunning.json', 'running'],
  ])('%s is the example before any research, %s', async (name, status) => {
    const report = await fixture(name);
    expect(report).toEqual({ ...researchReportExample, ...NOT_YET, status, error: null, completedAt: null });
  });

  it('the failed variant is the example with nothing researched, and why', async () => {
    const report = await fixture('reportFailed.json');
    expect(report.status).toBe('failed');
    expect(report.error).toEqual(expect.any(String));
    expect(report).toEqual({
      ...researchReportExample,
      ...NOT_YET,
      status: 'failed',
      error: report.error,
      completedAt: report.completedAt,
    });
  });

  it('the ambiguous variant differs from the example only in its register match, with candidates to pick', async () => {
    const report = await fixture('reportAmbiguous.json');
    const match = report.registerMatch!;
    expect(match.status).toBe('ambiguous');
    expect(match.companyNumber).toBeNull();
    expect(match.candidates.length).toBeGreaterThan(1);
    expect(match.candidates[0]).toEqual(researchReportExample.registerMatch!.candidates[0]);
    // Each candidate's number is one the choice endpoint accepts.
    for (const candidate of match.candidates) {
      expect(RegisterEntryChoice.parse({ companyNumber: candidate.companyNumber })).toEqual({
        companyNumber: candidate.companyNumber,
      });
    }
    expect(match.candidates.map((c) => c.companyNumber)).toContain(registerEntryChoiceExample.companyNumber);
    expect({ ...report, registerMatch: researchReportExample.registerMatch }).toEqual(researchReportExample);
  });

  it('the unavailable variant differs from the example only in its register match, with parts missing', async () => {
    const report = await fixture('reportUnavailable.json');
    const match = report.registerMatch!;
    expect(match.status).toBe('unavailable');
    expect(match.missing.length).toBeGreaterThan(0);
    expect(match.message).not.toBe('');
    expect({ ...report, registerMatch: researchReportExample.registerMatch }).toEqual(researchReportExample);
  });
});
