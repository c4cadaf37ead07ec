import { readFile } from 'node:fs/promises';
import {
  Battlecard,
  BattlecardList,
  CompetitorList,
  CrmConnection,
  FieldMappingView,
  RoutingRuleSetCreate,
  RoutingRuleSetList,
  RoutingSimulation,
  TenantSettings,
  TenantSettingsPatch,
  UserList,
  UserUpsert,
  battlecardExample,
  competitorExample,
  crmConnectionExample,
  modelVersionExample,
  routes,
  routingRuleSetExample,
  routingSimulationExample,
  tenantSettingsExample,
  userExample,
} from '@sdr/shared';

// The admin console's component tests run on these files; checking them here keeps them in step with the contract.
const lwc = new URL('../force-app/main/default/lwc/', import.meta.url);

async function fixture(component: string, name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(`${component}/__tests__/data/${name}`, lwc), 'utf8'));
}

const ModelList = routes.listModels.responses[200].schema;
const CrmFieldList = routes.describeCrmFields.responses[200].schema;

describe('admin console fixtures are the contract examples, value for value', () => {
  it.each([
    ['sdrAdminConnection', 'connection.json', crmConnectionExample, CrmConnection],
    ['sdrAdminScoring', 'settings.json', tenantSettingsExample, TenantSettings],
    ['sdrAdminScoring', 'models.json', { data: [modelVersionExample] }, ModelList],
    ['sdrAdminRouting', 'ruleSets.json', { data: [routingRuleSetExample] }, RoutingRuleSetList],
    ['sdrAdminSimulation', 'simulation.json', routingSimulationExample, RoutingSimulation],
    ['sdrAdminRoster', 'users.json', { data: [userExample] }, UserList],
    ['sdrAdminBattlecards', 'competitors.json', { data: [competitorExample] }, CompetitorList],
    ['sdrAdminBattlecards', 'battlecards.json', { data: [battlecardExample] }, BattlecardList],
  ])('%s/%s', async (component, name, example, schema) => {
    const json = await fixture(component, name);
    expect(json).toEqual(example);
    expect(schema.parse(json)).toEqual(json);
  });

  it('the calibration chart plots the example model’s bins', async () => {
    expect(await fixture('sdrAdminCalibrationChart', 'calibration.json')).toEqual(
      modelVersionExample.metrics!.calibration,
    );
  });
});

describe('admin console fixtures the contract has no example for', () => {
  it('fieldMapping.json is a FieldMappingView whose features and overrides are the settings example’s', async () => {
    const json = await fixture('sdrAdminFieldMapping', 'fieldMapping.json');
    const view = FieldMappingView.parse(json);
    expect(view).toEqual(json);
    expect(view.features).toEqual(tenantSettingsExample.fieldMapping);
    expect(view.objects.lead!.fields.source).toBe(tenantSettingsExample.crmMapping.fields.lead!.source);
  });

  it('leadFields.json is a CrmFieldList holding every lead field the mapping names, and the package score fields', async () => {
    const json = await fixture('sdrAdminFieldMapping', 'leadFields.json');
    expect(CrmFieldList.parse(json)).toEqual(json);
    const names = (json as { data: { name: string }[] }).data.map((field) => field.name);
    const view = FieldMappingView.parse(await fixture('sdrAdminFieldMapping', 'fieldMapping.json'));
    const mapped = [...Object.values(view.objects.lead!.fields), ...Object.values(view.scores.lead!)].filter(
      (name): name is string => name !== null,
    );
    expect(names).toEqual(expect.arrayContaining(mapped));
  });
});

// What the components send, built from the tests' own expectations, must be what the backend accepts.
describe('bodies the admin console sends parse as the contract’s request bodies', () => {
  it('the scoring save is a TenantSettingsPatch', () => {
    const scoring = tenantSettingsExample.scoring;
    const patch = {
      scoring: {
        evTiers: { hot: 75, warm: 45 },
        conversionWindowDays: scoring.conversionWindowDays,
        defaultDealValue: scoring.defaultDealValue,
        coldStartMinOutcomes: scoring.coldStartMinOutcomes,
        icpWeights: scoring.icpWeights,
      },
    };
    expect(TenantSettingsPatch.parse(patch)).toEqual(patch);
  });

  it('the rule editor’s save of the example, unchanged, is a RoutingRuleSetCreate', () => {
    const body = { rules: routingRuleSetExample.rules, activate: true };
    expect(RoutingRuleSetCreate.parse(body)).toEqual(body);
  });

  it('the roster editor’s save is a UserUpsert', () => {
    const body = {
      email: userExample.email,
      name: userExample.name,
      timeZone: userExample.timeZone,
      capacity: 70,
      dailyCap: userExample.dailyCap,
      weight: 3,
      active: true,
      workingHours: userExample.workingHours,
      outOfOffice: userExample.outOfOffice,
    };
    expect(UserUpsert.parse(body)).toEqual(body);
  });

  it('the battlecard editor’s save of the example is a Battlecard update', () => {
    const { title, staleAfterDays, sections } = battlecardExample;
    expect(Battlecard.shape.sections.parse(sections)).toEqual(sections);
    const update = routes.updateBattlecard.body.parse({ title, staleAfterDays, sections });
    expect(update).toEqual({ title, staleAfterDays, sections });
  });

  it('the field mapping save is a FieldMappingUpdate', () => {
    const body = {
      fields: { lead: { language: 'Preferred_Language__c', country: null } },
      scores: { lead: { reasons: null } },
      features: tenantSettingsExample.fieldMapping,
    };
    expect(routes.updateFieldMapping.body.parse(body)).toEqual(body);
  });

  it('the preview is a RoutingSimulationRequest', () => {
    const body = { rules: routingRuleSetExample.rules, leads: 500 };
    expect(routes.simulateRouting.body.parse(body)).toEqual(body);
  });
});
