import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const source = path.join(root, 'salesforce-package/force-app/main/default');
const sf = path.join(root, 'node_modules/.bin/sf');

/** Source folders and the Metadata API type of what they hold, named as package.xml names them. */
const FOLDERS: Record<string, { type: string; suffix: string }> = {
  applications: { type: 'CustomApplication', suffix: '.app-meta.xml' },
  classes: { type: 'ApexClass', suffix: '.cls' },
  cspTrustedSites: { type: 'CspTrustedSite', suffix: '.cspTrustedSite-meta.xml' },
  customPermissions: { type: 'CustomPermission', suffix: '.customPermission-meta.xml' },
  externalCredentials: { type: 'ExternalCredential', suffix: '.externalCredential-meta.xml' },
  flexipages: { type: 'FlexiPage', suffix: '.flexipage-meta.xml' },
  namedCredentials: { type: 'NamedCredential', suffix: '.namedCredential-meta.xml' },
  permissionsets: { type: 'PermissionSet', suffix: '.permissionset-meta.xml' },
  tabs: { type: 'CustomTab', suffix: '.tab-meta.xml' },
};

/** What the source says the package holds, by type: the answer package.xml must give. */
async function expectedMembers(): Promise<Record<string, string[]>> {
  const expected: Record<string, string[]> = {};
  const add = (type: string, member: string) => (expected[type] ??= []).push(member);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = entry.name;
    const entries = await readdir(path.join(source, folder));
    const kind = FOLDERS[folder];
    if (kind) {
      for (const file of entries) if (file.endsWith(kind.suffix)) add(kind.type, file.slice(0, -kind.suffix.length));
    } else if (folder === 'lwc') {
      for (const bundle of entries) if (!bundle.startsWith('.')) add('LightningComponentBundle', bundle);
    } else if (folder === 'objects') {
      for (const object of entries) {
        const files = await readdir(path.join(source, folder, object));
        if (files.includes(`${object}.object-meta.xml`)) add('CustomObject', object);
        if (files.includes('fields'))
          for (const field of await readdir(path.join(source, folder, object, 'fields')))
            add('CustomField', `${object}.${field.replace('.field-meta.xml', '')}`);
      }
    } else throw new Error(`No expectation for the source folder ${folder}: add it to FOLDERS`);
  }
  for (const members of Object.values(expected)) members.sort();
  return expected;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('sf project convert source', () => {
  let home: string;
  let out: string;
  let result: { stdout: string; stderr: string };

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'sdr-sf-convert-'));
    out = path.join(home, 'mdapi');
    // The CLI keeps state and caches under HOME and the XDG folders: a temp dir keeps the machine's own untouched.
    result = await run(
      sf,
      ['project', 'convert', 'source', '-r', 'salesforce-package/force-app', '-d', out, '--json'],
      {
        cwd: root,
        env: {
          ...process.env,
          HOME: home,
          XDG_CONFIG_HOME: path.join(home, 'config'),
          XDG_DATA_HOME: path.join(home, 'data'),
          XDG_CACHE_HOME: path.join(home, 'cache'),
          SF_DISABLE_TELEMETRY: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_SKIP_NEW_VERSION_CHECK: 'true',
          PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
        },
      },
    );
  }, 120_000);
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('succeeds, writing Metadata API format', () => {
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 0, result: { location: out } });
  });

  it('lists in package.xml exactly what the source holds, at the project API version', async () => {
    const parsed = new XMLParser({
      parseTagValue: false,
      isArray: (name) => name === 'types' || name === 'members',
    }).parse(await readFile(path.join(out, 'package.xml'), 'utf8'));
    const listed = Object.fromEntries(
      (parsed.Package.types as { name: string; members: string[] }[]).map((t) => [t.name, [...t.members].sort()]),
    );
    expect(listed).toEqual(await expectedMembers());
    const project = JSON.parse(await readFile(path.join(root, 'sfdx-project.json'), 'utf8'));
    expect(String(parsed.Package.version)).toBe(project.sourceApiVersion);
  });

  it('leaves the component tests out and keeps every bundle and class whole', async () => {
    const files = await filesUnder(out);
    expect(files.filter((file) => file.includes('__tests__'))).toEqual([]);
    for (const bundle of await readdir(path.join(source, 'lwc'))) {
      expect(files).toContain(path.join('lwc', bundle, `${bundle}.js`));
      expect(files).toContain(path.join('lwc', bundle, `${bundle}.js-meta.xml`));
    }
    for (const file of await readdir(path.join(source, 'classes')))
      if (file.endsWith('.cls')) expect(files).toContain(path.join('classes', `${file}-meta.xml`));
    // Fields of standard objects merge into one object file each, as the Metadata API wants them.
    for (const object of ['Lead', 'Contact', 'Opportunity'])
      expect((await stat(path.join(out, 'objects', `${object}.object`))).isFile()).toBe(true);
  });
});
