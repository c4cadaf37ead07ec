import { hubspot } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { FakeFetch } from '../support/fake-fetch.ts';
import { until } from './until.ts';

const cardsDir = fileURLToPath(new URL('../../src/app/cards/', import.meta.url));

interface CardMeta {
  uid: string;
  type: string;
  config: { name: string; location: string; entrypoint: string; objectTypes: string[] };
}

async function cardMetas(): Promise<CardMeta[]> {
  const names = (await readdir(cardsDir)).filter((name) => name.endsWith('-hsmeta.json'));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(cardsDir + name, 'utf8')) as CardMeta));
}

type Extend = (api: { context: unknown; actions: unknown }) => ReactElement;

/** Loads a card's entry with hubspot.extend caught, as HubSpot would call it. */
async function loadEntry(entrypoint: string): Promise<Extend> {
  let captured: Extend | undefined;
  const original = hubspot.extend;
  (hubspot as { extend: unknown }).extend = (callback: Extend) => {
    captured = callback;
  };
  try {
    await import(`../../src${entrypoint}`);
  } finally {
    (hubspot as { extend: unknown }).extend = original;
  }
  if (!captured) throw new Error(`${entrypoint} did not call hubspot.extend`);
  return captured;
}

describe('the card definitions', () => {
  // hsmeta.test.ts checks the shape HubSpot documents and that each entry exists; these are the cards this app has.
  it('are the five cards, on record sidebars and tabs of contacts, companies and deals', async () => {
    const metas = await cardMetas();
    expect(metas.map((meta) => meta.uid).sort()).toEqual([
      'sdr-battlecards',
      'sdr-company-research',
      'sdr-contact-live-call',
      'sdr-contact-scores',
      'sdr-deal-risk',
    ]);
    for (const meta of metas) {
      expect(['crm.record.sidebar', 'crm.record.tab']).toContain(meta.config.location);
      expect(meta.config.entrypoint).toMatch(/^\/app\/cards\/[A-Za-z]+\.tsx$/);
      for (const type of meta.config.objectTypes) expect(['contacts', 'companies', 'deals']).toContain(type);
    }
  });
});

describe('the card entries', () => {
  const expected: Record<string, string> = {
    'sdr-contact-scores': '/v1/leads',
    'sdr-contact-live-call': '/v1/leads',
    'sdr-battlecards': '/v1/battlecards/in-play',
    'sdr-company-research': '/v1/companies',
    'sdr-deal-risk': '/v1/opportunities',
  };

  it.each(Object.entries(expected))('%s looks up the record on screen by its HubSpot id', async (uid, path) => {
    const meta = (await cardMetas()).find((candidate) => candidate.uid === uid)!;
    const fake = new FakeFetch();
    fake.install();
    const extend = await loadEntry(meta.config.entrypoint);
    const renderer = createRenderer(meta.config.location as 'crm.record.sidebar');
    const context = { ...renderer.mocks.context, crm: { objectId: 4242, objectTypeId: '0-1' } };
    renderer.render(extend({ context, actions: renderer.mocks.actions }));
    await until(() => fake.calls.length > 0);
    expect(fake.calls[0]!.url.pathname).toBe(`/hubspot${path}`);
    expect(fake.calls[0]!.url.searchParams.get('crmId')).toBe('4242');
  });
});
