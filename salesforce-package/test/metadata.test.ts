import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  METADATA_NAMESPACE,
  SCORE_FIELDS,
  SCORE_OBJECTS,
  asList,
  checkCustomFieldNames,
  checkExpectedFields,
  checkMetadataFile,
  checkReferences,
  checkSecrets,
  checkSource,
  loadSource,
  type Source,
} from './metadata-rules.ts';

const forceApp = fileURLToPath(new URL('../force-app/', import.meta.url));

type Body = Record<string, unknown>;

/** Every file under `dir`, keyed by its path relative to `dir` with forward slashes. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full, 'utf8'));
  }
  return files;
}

function xml(root: string, inner: string, namespace = METADATA_NAMESPACE): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${inner}</${root}>\n`;
}

function sourceOf(files: Record<string, string>): Source {
  return loadSource(new Map(Object.entries(files))).source;
}

let packageFiles: Map<string, string>;
let defaultFiles: Map<string, string>;
let source: Source;
let loadProblems: string[];

function body(file: string): Body {
  const metadata = source.metadata.get(file);
  if (!metadata) throw new Error(`${file} is not in the source`);
  return metadata.body;
}

beforeAll(async () => {
  packageFiles = await readTree(forceApp);
  defaultFiles = await readTree(path.join(forceApp, 'main/default'));
  ({ source, problems: loadProblems } = loadSource(defaultFiles));
});

describe('Salesforce metadata in force-app', () => {
  it('every *-meta.xml is well-formed, has the root element and namespace of its kind, and fits its schema', () => {
    expect(loadProblems).toEqual([]);
    const roots = new Set([...source.metadata.values()].map((metadata) => metadata.kind.root));
    // Guards against a loader that silently finds nothing.
    for (const root of [
      'CustomField',
      'CustomObject',
      'CustomPermission',
      'PermissionSet',
      'ExternalCredential',
      'NamedCredential',
      'CspTrustedSite',
      'CustomApplication',
      'CustomTab',
      'FlexiPage',
      'LightningComponentBundle',
    ]) {
      expect(roots).toContain(root);
    }
  });

  it('keeps metadata in main/default, where the rules know its folders', () => {
    const elsewhere = [...packageFiles.keys()].filter(
      (file) => file.endsWith('-meta.xml') && !file.startsWith('main/default/'),
    );
    expect(elsewhere).toEqual([]);
  });

  it('names custom fields with __c and gives platform event fields only the types events support', () => {
    expect(checkCustomFieldNames(source)).toEqual([]);
  });

  it('has the score fields the backend writes on Lead, Contact and Opportunity, with their types', () => {
    expect(checkExpectedFields(source, SCORE_OBJECTS, SCORE_FIELDS)).toEqual([]);
  });

  it('finds everything that permission sets, the app, tabs, credentials and pages name', () => {
    expect(checkReferences(source)).toEqual([]);
  });

  it('holds no secret in any file', () => {
    expect(checkSecrets(packageFiles)).toEqual([]);
  });
});

describe('the SDR package', () => {
  const scoreFieldNames = () =>
    SCORE_OBJECTS.flatMap((object) => Object.keys(SCORE_FIELDS).map((field) => `${object}.${field}`)).sort();

  const controllerNames = () =>
    [...defaultFiles.keys()]
      .filter((file) => /^classes\/\w+Controller\.cls$/.test(file))
      .map((file) => file.slice('classes/'.length, -'.cls'.length));
  // The admin console's controllers are granted to admins only: a rep gets no way in to change the setup.
  const isAdminController = (name: string) => name.startsWith('SdrAdmin');
  const repControllers = () => controllerNames().filter((name) => !isAdminController(name));
  const adminControllers = () => controllerNames().filter(isAdminController);

  const permissionSet = (name: string) => {
    const set = body(`permissionsets/${name}.permissionset-meta.xml`);
    const entries = (element: string) => asList(set[element]) as Body[];
    return {
      fields: Object.fromEntries(
        entries('fieldPermissions').map((p) => [p.field, { readable: p.readable, editable: p.editable }]),
      ),
      classes: entries('classAccesses')
        .filter((c) => c.enabled === 'true')
        .map((c) => c.apexClass)
        .sort(),
      customPermissions: entries('customPermissions')
        .filter((c) => c.enabled === 'true')
        .map((c) => c.name)
        .sort(),
      apps: entries('applicationVisibilities')
        .filter((a) => a.visible === 'true')
        .map((a) => a.application),
      principals: entries('externalCredentialPrincipalAccesses')
        .filter((p) => p.enabled === 'true')
        .map((p) => p.externalCredentialPrincipal),
      tabs: Object.fromEntries(entries('tabSettings').map((t) => [t.tab, t.visibility])),
      eventRead: entries('objectPermissions').some(
        (o) => o.object === 'SDR_Call_Event__e' && o.allowRead === 'true' && o.allowCreate === 'false',
      ),
    };
  };

  it('SDR_User reads the scores, holds SDR_Access and reaches the backend through the credential principal', () => {
    const user = permissionSet('SDR_User');
    expect(Object.keys(user.fields).sort()).toEqual(scoreFieldNames());
    for (const access of Object.values(user.fields)) {
      expect(access).toEqual({ readable: 'true', editable: 'false' });
    }
    expect(user.customPermissions).toEqual(['SDR_Access']);
    // Every controller a component calls, and what they call: a class left out fails for reps only in the org.
    const controllers = repControllers();
    expect(controllers).toEqual(expect.arrayContaining(['SdrScoreController', 'SdrBattlecardController']));
    expect(user.classes).toEqual(['SdrAccess', 'SdrBackend', 'SdrRecords', ...controllers].sort());
    expect(user.apps).toEqual(['SDR_Assistant']);
    expect(user.principals).toEqual(['SDR_Backend-SDR_Backend_Key']);
    expect(user.tabs).toEqual({});
    // The call assistant subscribes to call events; subscribing needs read on the event.
    expect(user.eventRead).toBe(true);
  });

  it('SDR_Admin grants what SDR_User does, plus editing the scores, SDR_Admin_Access, the admin tab and its console', () => {
    const admin = permissionSet('SDR_Admin');
    expect(Object.keys(admin.fields).sort()).toEqual(scoreFieldNames());
    for (const access of Object.values(admin.fields)) {
      expect(access).toEqual({ readable: 'true', editable: 'true' });
    }
    expect(admin.customPermissions).toEqual(['SDR_Access', 'SDR_Admin_Access']);
    expect(adminControllers()).toEqual(['SdrAdminController']);
    expect(admin.classes).toEqual([...permissionSet('SDR_User').classes, ...adminControllers()].sort());
    expect(admin.apps).toEqual(['SDR_Assistant']);
    expect(admin.principals).toEqual(['SDR_Backend-SDR_Backend_Key']);
    expect(admin.tabs).toEqual({ SDR_Admin: 'Visible' });
    expect(admin.eventRead).toBe(true);
  });

  it('publishes only call start and end on SDR_Call_Event__e, a high-volume event sent immediately', () => {
    const event = body('objects/SDR_Call_Event__e/SDR_Call_Event__e.object-meta.xml');
    expect(event).toMatchObject({
      eventType: 'HighVolume',
      publishBehavior: 'PublishImmediately',
      deploymentStatus: 'Deployed',
    });
    expect(
      checkExpectedFields(source, ['SDR_Call_Event__e'], {
        Call_Id__c: { type: 'Text', length: 64 },
        Event_Type__c: { type: 'Text', length: 20 },
        Record_Id__c: { type: 'Text', length: 18 },
        Payload__c: { type: 'LongTextArea', length: 131072 },
      }),
    ).toEqual([]);
    const fields = [...source.metadata.keys()].filter((file) => file.startsWith('objects/SDR_Call_Event__e/fields/'));
    expect(fields).toHaveLength(4);
  });

  it('declares the custom permissions that the Apex checks', () => {
    for (const name of ['SDR_Access', 'SDR_Admin_Access']) {
      expect(body(`customPermissions/${name}.customPermission-meta.xml`).label).toEqual(expect.any(String));
      expect(defaultFiles.get('classes/SdrAccess.cls')).toContain(`'${name}'`);
    }
  });

  it('authenticates with a bearer header built from the key the admin enters, never a key in the file', () => {
    const credential = body('externalCredentials/SDR_Backend.externalCredential-meta.xml');
    expect(credential.authenticationProtocol).toBe('Custom');
    const parameters = asList(credential.externalCredentialParameters) as Body[];
    expect(parameters.filter((p) => p.parameterType === 'NamedPrincipal')).toEqual([
      { parameterName: 'SDR_Backend_Key', parameterType: 'NamedPrincipal', sequenceNumber: '1' },
    ]);
    expect(parameters.filter((p) => p.parameterType === 'AuthHeader')).toEqual([
      expect.objectContaining({
        parameterName: 'Authorization',
        parameterValue: "{!'Bearer ' & $Credential.SDR_Backend.ApiKey}",
      }),
    ]);
    // Authentication parameters hold the key itself: they are entered in Setup, never shipped.
    expect(parameters.filter((p) => p.parameterType === 'AuthParameter')).toEqual([]);
  });

  it('calls the backend through a secured-endpoint named credential that the Apex names', () => {
    const named = body('namedCredentials/SDR_Backend.namedCredential-meta.xml');
    expect(named).toMatchObject({
      namedCredentialType: 'SecuredEndpoint',
      allowMergeFieldsInHeader: 'true',
      generateAuthorizationHeader: 'false',
    });
    const parameters = asList(named.namedCredentialParameters) as Body[];
    expect(parameters.find((p) => p.parameterType === 'Url')?.parameterValue).toBe('https://sdr-backend.example.com');
    expect(parameters.find((p) => p.parameterType === 'Authentication')?.externalCredential).toBe('SDR_Backend');
    expect(defaultFiles.get('classes/SdrBackend.cls')).toContain("'callout:SDR_Backend'");
  });

  it('trusts the backend for connect-src only, at the same placeholder address as the named credential', () => {
    const site = body('cspTrustedSites/SDR_Backend_Stream.cspTrustedSite-meta.xml');
    expect(site).toMatchObject({
      endpointUrl: 'https://sdr-backend.example.com',
      context: 'All',
      isActive: 'true',
      isApplicableToConnectSrc: 'true',
    });
    const others = Object.entries(site).filter(
      ([key]) => /^(isApplicableTo|canAccess)/.test(key) && key !== 'isApplicableToConnectSrc',
    );
    expect(others.length).toBeGreaterThan(0);
    expect(Object.fromEntries(others)).toEqual(Object.fromEntries(others.map(([key]) => [key, 'false'])));
  });

  it('opens home, leads, contacts, deals and accounts on the SDR pages inside the SDR Assistant app', () => {
    const app = body('applications/SDR_Assistant.app-meta.xml');
    expect(app).toMatchObject({ uiType: 'Lightning', navType: 'Standard' });
    expect(asList(app.tabs)).toEqual([
      'standard-home',
      'standard-Lead',
      'standard-Contact',
      'standard-Opportunity',
      'standard-Account',
      'SDR_Admin',
    ]);
    expect(app.description).toEqual(expect.any(String));
    expect((app.brand as Body).headerColor).toMatch(/^#[0-9A-F]{6}$/i);
    const overrides = (asList(app.actionOverrides) as Body[]).map((o) => [
      o.pageOrSobjectType,
      o.actionName,
      o.content,
    ]);
    expect(overrides).toEqual([
      ['standard-home', 'Tab', 'SDR_Home'],
      ['Lead', 'View', 'SDR_Lead_Record_Page'],
      ['Contact', 'View', 'SDR_Contact_Record_Page'],
      ['Opportunity', 'View', 'SDR_Opportunity_Record_Page'],
      ['Account', 'View', 'SDR_Account_Record_Page'],
    ]);
    for (const object of ['Opportunity', 'Account']) {
      const page = body(`flexipages/SDR_${object}_Record_Page.flexipage-meta.xml`);
      expect(page).toMatchObject({ type: 'RecordPage', sobjectType: object });
      expect(JSON.stringify(page.flexiPageRegions)).toContain('c:sdrBattlecard');
    }
    const home = body('flexipages/SDR_Home.flexipage-meta.xml');
    expect(home).toMatchObject({ type: 'HomePage', template: { name: 'home:desktopTemplate' } });
    expect(JSON.stringify(home.flexiPageRegions)).toContain('c:sdrLeadQueue');
  });

  it('places the score panel, live call and battlecards beside the record details, taking their record from the page', () => {
    for (const [page, object] of [
      ['SDR_Lead_Record_Page', 'Lead'],
      ['SDR_Contact_Record_Page', 'Contact'],
    ]) {
      const flexi = body(`flexipages/${page}.flexipage-meta.xml`);
      expect(flexi).toMatchObject({ type: 'RecordPage', sobjectType: object });
      const regions: Record<string, Body[]> = Object.fromEntries(
        (asList(flexi.flexiPageRegions) as Body[]).map((region) => [
          region.name,
          (asList(region.itemInstances) as Body[]).map((item) => item.componentInstance as Body),
        ]),
      );
      expect(regions.main!.map((c) => c.componentName)).toContain('force:detailPanel');
      expect(regions.sidebar!.map((c) => c.componentName)).toEqual([
        'c:sdrScorePanel',
        'c:sdrLiveCall',
        'c:sdrBattlecard',
      ]);
      // A record page sets recordId itself; a property here would override it.
      for (const panel of regions.sidebar!) expect(asList(panel.componentInstanceProperties)).toEqual([]);
    }
    for (const name of ['sdrScorePanel', 'sdrLiveCall', 'sdrBattlecard'])
      expect(defaultFiles.get(`lwc/${name}/${name}.js`)).toMatch(/@api\s+recordId\b/);
  });

  it('places the company research below the record details on the four record pages, taking its record from the page', () => {
    for (const [page, object] of [
      ['SDR_Lead_Record_Page', 'Lead'],
      ['SDR_Contact_Record_Page', 'Contact'],
      ['SDR_Account_Record_Page', 'Account'],
      ['SDR_Opportunity_Record_Page', 'Opportunity'],
    ]) {
      const flexi = body(`flexipages/${page}.flexipage-meta.xml`);
      expect(flexi).toMatchObject({ type: 'RecordPage', sobjectType: object });
      const main = (asList(flexi.flexiPageRegions) as Body[]).find((region) => region.name === 'main')!;
      const components = (asList(main.itemInstances) as Body[]).map((item) => item.componentInstance as Body);
      expect(components.map((c) => c.componentName)).toEqual(['force:detailPanel', 'c:sdrResearch']);
      expect(asList(components[1]!.componentInstanceProperties)).toEqual([]);
    }
    expect(defaultFiles.get('lwc/sdrResearch/sdrResearch.js')).toMatch(/@api\s+recordId\b/);
  });

  it('gives admins a tab whose page holds the admin console, alone and without properties', () => {
    expect(body('tabs/SDR_Admin.tab-meta.xml').flexiPage).toBe('SDR_Admin');
    const page = body('flexipages/SDR_Admin.flexipage-meta.xml');
    expect(page).toMatchObject({ type: 'AppPage', template: { name: 'flexipage:defaultAppHomeTemplate' } });
    const regions = asList(page.flexiPageRegions) as Body[];
    const components = regions.flatMap((region) =>
      (asList(region.itemInstances) as Body[]).map((item) => item.componentInstance as Body),
    );
    expect(components.map((component) => component.componentName)).toEqual(['c:sdrAdminConsole']);
    expect(asList(components[0]!.componentInstanceProperties)).toEqual([]);
    const bundle = body('lwc/sdrAdminConsole/sdrAdminConsole.js-meta.xml');
    expect(bundle).toMatchObject({ isExposed: 'true', masterLabel: expect.any(String) });
    expect(asList((bundle.targets as Body).target)).toEqual(['lightning__AppPage']);
  });

  it('exposes none of the admin console parts on their own', () => {
    const parts = [...source.metadata.keys()].filter(
      (file) => /^lwc\/sdrAdmin\w+\//.test(file) && !file.startsWith('lwc/sdrAdminConsole/'),
    );
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect([part, body(part).isExposed]).toEqual([part, 'false']);
  });
});

describe('the checkers reject broken metadata', () => {
  const field = (inner: string) => xml('CustomField', `<label>Score</label>${inner}`);

  it('rejects XML that is not well-formed', () => {
    const { problems } = checkMetadataFile(
      'objects/Lead/fields/A__c.field-meta.xml',
      '<CustomField xmlns="x"><label>A</CustomField>',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^objects\/Lead\/fields\/A__c\.field-meta\.xml: not well-formed XML/),
    ]);
  });

  it('rejects a root element that does not match the suffix, a wrong namespace and a wrong folder', () => {
    expect(
      checkMetadataFile('objects/Lead/fields/A__c.field-meta.xml', xml('CustomObject', '<label>A</label>')).problems,
    ).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: root element is <CustomObject>, expected <CustomField> for *.field-meta.xml',
    ]);
    expect(
      checkMetadataFile(
        'customPermissions/X.customPermission-meta.xml',
        xml('CustomPermission', '<label>X</label>', 'http://example.com/ns'),
      ).problems,
    ).toEqual([
      `customPermissions/X.customPermission-meta.xml: <CustomPermission> namespace is "http://example.com/ns", expected "${METADATA_NAMESPACE}"`,
    ]);
    expect(
      checkMetadataFile('permissions/X.customPermission-meta.xml', xml('CustomPermission', '<label>X</label>'))
        .problems,
    ).toEqual([
      'permissions/X.customPermission-meta.xml: *.customPermission-meta.xml files belong in customPermissions/',
    ]);
    expect(checkMetadataFile('weird/X.thing-meta.xml', xml('Thing', '')).problems).toEqual([
      'weird/X.thing-meta.xml: no rule for this kind of file; add its suffix, root element and folder to metadata-rules.ts',
    ]);
  });

  it('rejects custom fields without the elements their type requires', () => {
    const check = (inner: string) =>
      checkMetadataFile('objects/Lead/fields/A__c.field-meta.xml', field(inner)).problems;
    expect(check('<type>Number</type><scale>0</scale>')).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: CustomField.precision: required for a Number field',
    ]);
    expect(check('<type>Currency</type><precision>3</precision><scale>4</scale>')).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: CustomField.scale: scale 4 exceeds precision 3',
    ]);
    expect(check('<type>LongTextArea</type><length>32768</length>')).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: CustomField.visibleLines: required for a LongTextArea field',
    ]);
    expect(check('<type>Text</type>')).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: CustomField.length: required for a Text field',
    ]);
    expect(check('<type>Text</type><length>300</length>')).toEqual([
      expect.stringMatching(/^objects\/Lead\/fields\/A__c\.field-meta\.xml: CustomField\.length: .*255/),
    ]);
    expect(check('<type>Number</type><precision>three</precision><scale>0</scale>')).toEqual([
      'objects/Lead/fields/A__c.field-meta.xml: CustomField.precision: expected a whole number',
    ]);
    expect(
      checkMetadataFile('objects/Lead/fields/A__c.field-meta.xml', xml('CustomField', '<type>Date</type>')).problems,
    ).toEqual(['objects/Lead/fields/A__c.field-meta.xml: CustomField.label: missing']);
  });

  it('rejects field names without __c and field types platform events cannot have', () => {
    const bad = sourceOf({
      'objects/Lead/fields/Score.field-meta.xml': field('<type>Date</type>'),
      'objects/Call__e/fields/Kind__c.field-meta.xml': field('<type>Picklist</type>'),
    });
    expect(checkCustomFieldNames(bad)).toEqual([
      'objects/Lead/fields/Score.field-meta.xml: CustomField API name "Score" must end in __c',
      'objects/Call__e/fields/Kind__c.field-meta.xml: CustomField.type: platform events cannot have Picklist fields',
    ]);
  });

  it('reports a score field that is missing or has another type', () => {
    const bad = sourceOf({
      'objects/Lead/fields/SDR_Risk__c.field-meta.xml': field('<type>Text</type><length>3</length>'),
    });
    expect(checkExpectedFields(bad, ['Lead', 'Contact'], { SDR_Risk__c: SCORE_FIELDS.SDR_Risk__c! })).toEqual([
      'objects/Lead/fields/SDR_Risk__c.field-meta.xml: CustomField.type is Text, expected Number',
      'objects/Lead/fields/SDR_Risk__c.field-meta.xml: CustomField.precision is missing, expected 3',
      'objects/Lead/fields/SDR_Risk__c.field-meta.xml: CustomField.scale is missing, expected 0',
      'objects/Contact/fields/SDR_Risk__c.field-meta.xml: missing (Contact.SDR_Risk__c must exist as Number)',
    ]);
  });

  it('reports whatever a permission set names that is not in the source', () => {
    const bad = sourceOf({
      'permissionsets/P.permissionset-meta.xml': xml(
        'PermissionSet',
        `<label>P</label>
         <fieldPermissions><editable>false</editable><field>Lead.Gone__c</field><readable>true</readable></fieldPermissions>
         <fieldPermissions><editable>true</editable><field>Lead.Name</field><readable>false</readable></fieldPermissions>
         <classAccesses><apexClass>Missing</apexClass><enabled>true</enabled></classAccesses>
         <customPermissions><name>Nope</name><enabled>true</enabled></customPermissions>
         <applicationVisibilities><application>No_App</application><visible>true</visible></applicationVisibilities>
         <tabSettings><tab>No_Tab</tab><visibility>Visible</visibility></tabSettings>
         <externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>EC-Wrong</externalCredentialPrincipal></externalCredentialPrincipalAccesses>`,
      ),
      'externalCredentials/EC.externalCredential-meta.xml': xml(
        'ExternalCredential',
        `<authenticationProtocol>Custom</authenticationProtocol><label>EC</label>
         <externalCredentialParameters><parameterName>Right</parameterName><parameterType>NamedPrincipal</parameterType><sequenceNumber>1</sequenceNumber></externalCredentialParameters>`,
      ),
    });
    const file = 'permissionsets/P.permissionset-meta.xml';
    expect(loadSource(bad.files).problems).toEqual([
      `${file}: PermissionSet.fieldPermissions[1].readable: an editable field must also be readable`,
    ]);
    expect(checkReferences(bad)).toEqual([
      `${file}: PermissionSet.fieldPermissions[0].field: Lead.Gone__c is not in the source (objects/Lead/fields/Gone__c)`,
      `${file}: PermissionSet.classAccesses[0].apexClass: classes/Missing.cls is not in the source`,
      `${file}: PermissionSet.customPermissions[0].name: custom permission Nope is not in the source`,
      `${file}: PermissionSet.applicationVisibilities[0].application: app No_App is not in the source`,
      `${file}: PermissionSet.tabSettings[0].tab: tab No_Tab is not in the source`,
      `${file}: PermissionSet.externalCredentialPrincipalAccesses[0].externalCredentialPrincipal: EC has no principal Wrong (it has Right)`,
    ]);
  });

  it('reports a page component that is missing, not targeted at the page, limited to other objects or given unknown properties', () => {
    const page = (object: string, component: string, property = '') =>
      xml(
        'FlexiPage',
        `<masterLabel>P</masterLabel><type>RecordPage</type><sobjectType>${object}</sobjectType>
         <template><name>flexipage:recordHomeTemplateDesktop</name></template>
         <flexiPageRegions><name>sidebar</name><type>Region</type><itemInstances><componentInstance>
           <componentName>${component}</componentName><identifier>x</identifier>${property}
         </componentInstance></itemInstances></flexiPageRegions>`,
      );
    const bundle = (targets: string, config = '') =>
      xml(
        'LightningComponentBundle',
        `<apiVersion>62.0</apiVersion><isExposed>true</isExposed><targets>${targets}</targets><targetConfigs>${config}</targetConfigs>`,
      );
    const bad = sourceOf({
      'flexipages/Missing.flexipage-meta.xml': page('Lead', 'c:ghost'),
      'flexipages/Untargeted.flexipage-meta.xml': page('Lead', 'c:appOnly'),
      'flexipages/Restricted.flexipage-meta.xml': page('Account', 'c:leadsOnly'),
      'flexipages/Property.flexipage-meta.xml': page(
        'Lead',
        'leadsOnly',
        '<componentInstanceProperties><name>title</name><value>Hi</value></componentInstanceProperties>',
      ),
      'lwc/appOnly/appOnly.js-meta.xml': bundle('<target>lightning__AppPage</target>'),
      'lwc/leadsOnly/leadsOnly.js-meta.xml': bundle(
        '<target>lightning__RecordPage</target>',
        '<targetConfig targets="lightning__RecordPage"><objects><object>Lead</object></objects></targetConfig>',
      ),
    });
    const at = 'FlexiPage.flexiPageRegions[0].itemInstances[0].componentInstance';
    expect(checkReferences(bad)).toEqual([
      `flexipages/Missing.flexipage-meta.xml: ${at}.componentName: c:ghost needs lwc/ghost/ghost.js-meta.xml, which is not in the source`,
      `flexipages/Untargeted.flexipage-meta.xml: ${at}.componentName: c:appOnly does not list lightning__RecordPage among its targets, so it cannot go on a RecordPage`,
      `flexipages/Restricted.flexipage-meta.xml: ${at}.componentName: c:leadsOnly is limited to Lead record pages, not Account`,
      `flexipages/Property.flexipage-meta.xml: ${at}.componentInstanceProperties[0].name: leadsOnly declares no property "title" for lightning__RecordPage`,
    ]);
  });

  it('rejects a record page without its object and a region the template does not have', () => {
    const { problems } = checkMetadataFile(
      'flexipages/P.flexipage-meta.xml',
      xml(
        'FlexiPage',
        `<masterLabel>P</masterLabel><type>RecordPage</type><template><name>flexipage:recordHomeTemplateDesktop</name></template>
         <flexiPageRegions><name>footer</name><type>Region</type></flexiPageRegions>`,
      ),
    );
    expect(problems).toEqual([
      'flexipages/P.flexipage-meta.xml: FlexiPage.sobjectType: required for a RecordPage',
      'flexipages/P.flexipage-meta.xml: FlexiPage.flexiPageRegions[0].name: flexipage:recordHomeTemplateDesktop has no region "footer" (it has header, main, sidebar)',
    ]);
  });

  it('rejects component configuration outside the documented vocabulary', () => {
    const { problems } = checkMetadataFile(
      'lwc/panel/panel.js-meta.xml',
      xml(
        'LightningComponentBundle',
        `<apiVersion>62</apiVersion><isExposed>yes</isExposed>
         <targets><target>lightning__RecordPage</target><target>lightning__Desktop</target></targets>
         <targetConfigs>
           <targetConfig targets="lightning__HomePage"></targetConfig>
           <targetConfig targets="lightning__RecordPage">
             <supportedFormFactors><supportedFormFactor type="Medium"/></supportedFormFactors>
           </targetConfig>
         </targetConfigs>`,
      ),
    );
    const file = 'lwc/panel/panel.js-meta.xml: LightningComponentBundle';
    expect(problems).toEqual([
      `${file}.apiVersion: expected an API version like 62.0`,
      expect.stringMatching(new RegExp(`^${file}\\.isExposed: Invalid option`)),
      expect.stringMatching(new RegExp(`^${file}\\.targets\\.target\\[1\\]: Invalid option`)),
      expect.stringMatching(
        new RegExp(
          `^${file}\\.targetConfigs\\.targetConfig\\[1\\]\\.supportedFormFactors\\.supportedFormFactor\\[0\\]\\.@_type: Invalid option`,
        ),
      ),
    ]);
    const unlisted = checkMetadataFile(
      'lwc/panel/panel.js-meta.xml',
      xml(
        'LightningComponentBundle',
        `<apiVersion>62.0</apiVersion><isExposed>true</isExposed><targets><target>lightning__RecordPage</target></targets>
         <targetConfigs><targetConfig targets="lightning__RecordPage, lightning__HomePage"/></targetConfigs>`,
      ),
    );
    expect(unlisted.problems).toEqual([
      `${file}.targetConfigs.targetConfig[0].@_targets: configures lightning__HomePage, which is not among the component's <targets>`,
    ]);
  });

  it('rejects credentials that keep secrets in the file or read another credential, and a trusted site that allows nothing', () => {
    expect(
      checkMetadataFile(
        'namedCredentials/N.namedCredential-meta.xml',
        xml(
          'NamedCredential',
          `<label>N</label><namedCredentialType>SecuredEndpoint</namedCredentialType><password>hunter2</password>
           <namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>http://x.example.com</parameterValue></namedCredentialParameters>`,
        ),
      ).problems,
    ).toEqual([
      'namedCredentials/N.namedCredential-meta.xml: NamedCredential.password: legacy field: authentication belongs in the external credential',
      'namedCredentials/N.namedCredential-meta.xml: NamedCredential.namedCredentialParameters[0].parameterValue: expected an https:// URL',
      'namedCredentials/N.namedCredential-meta.xml: NamedCredential.namedCredentialParameters: a secured endpoint needs an Authentication parameter naming its external credential',
    ]);
    expect(
      checkMetadataFile(
        'externalCredentials/EC.externalCredential-meta.xml',
        xml(
          'ExternalCredential',
          `<authenticationProtocol>Custom</authenticationProtocol><label>EC</label>
           <externalCredentialParameters><parameterName>Authorization</parameterName><parameterType>AuthHeader</parameterType><parameterValue>Bearer {!$Credential.Other.ApiKey}</parameterValue></externalCredentialParameters>`,
        ),
      ).problems,
    ).toEqual([
      'externalCredentials/EC.externalCredential-meta.xml: ExternalCredential.externalCredentialParameters: no principal: nobody could be granted the credential',
      'externalCredentials/EC.externalCredential-meta.xml: ExternalCredential.externalCredentialParameters[0].parameterValue: reads $Credential.Other, not this credential (EC)',
    ]);
    expect(
      checkMetadataFile(
        'cspTrustedSites/S.cspTrustedSite-meta.xml',
        xml(
          'CspTrustedSite',
          `<context>All</context><endpointUrl>https://x.example.com</endpointUrl><isActive>true</isActive><isApplicableToConnectSrc>false</isApplicableToConnectSrc>`,
        ),
      ).problems,
    ).toEqual([
      'cspTrustedSites/S.cspTrustedSite-meta.xml: CspTrustedSite: allows nothing: set at least one isApplicableTo… or canAccess… element to true',
    ]);
  });

  it('finds literal tokens, private keys and key material, but not merge fields', () => {
    const key = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4';
    expect(
      checkSecrets(
        new Map([
          ['main/default/classes/Client.cls', "req.setHeader('Authorization', 'Bearer abcDEF123456ghi');"],
          ['main/default/staticresources/cert.txt', `x\n${['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' ')}\n`],
          ['main/default/namedCredentials/N.namedCredential-meta.xml', `<parameterValue>${key}</parameterValue>`],
          ['main/default/externalCredentials/OK.externalCredential-meta.xml', 'Bearer {!$Credential.OK.ApiKey}'],
          ['main/default/classes/Formula.cls', "String header = 'Bearer ' + token;"],
        ]),
      ),
    ).toEqual([
      'main/default/classes/Client.cls: line 1: looks like a literal bearer token',
      'main/default/staticresources/cert.txt: line 2: looks like a PEM block (key or certificate)',
      'main/default/namedCredentials/N.namedCredential-meta.xml: line 1: looks like key material (40 characters)',
    ]);
  });

  it('checks a whole tree in one call, so a broken file anywhere fails the suite', () => {
    const problems = checkSource(
      new Map([
        ['objects/Lead/fields/Broken.field-meta.xml', field('<type>Number</type>')],
        ['lwc/x/__tests__/ignored.js-meta.xml', 'not even xml'],
      ]),
    );
    expect(problems).toEqual([
      'objects/Lead/fields/Broken.field-meta.xml: CustomField.precision: required for a Number field',
      'objects/Lead/fields/Broken.field-meta.xml: CustomField.scale: required for a Number field',
      'objects/Lead/fields/Broken.field-meta.xml: CustomField API name "Broken" must end in __c',
    ]);
  });
});
