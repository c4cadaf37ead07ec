import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Shapes of credentials the HubSpot CLI accepts: personal access keys, OAuth/private-app tokens, legacy API keys.
const KEY_LIKE = [
  /pat-(na|eu)\d?-[0-9a-f-]{20,}/i,
  /\b(personalAccessKey|accessToken|apiKey|clientSecret|refreshToken)\s*:\s*['"]?[^\s'"#]{8,}/i,
  /\b[A-Za-z0-9+/]{40,}={0,2}\b/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
];

export function findKeyLike(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .filter((line) => KEY_LIKE.some((pattern) => pattern.test(line)));
}

describe('hubspot.config.yml', () => {
  it('holds no key: credentials come from HUBSPOT_PERSONAL_ACCESS_KEY with --use-env', async () => {
    const text = await readFile(`${root}hubspot.config.yml`, 'utf8');
    expect(findKeyLike(text)).toEqual([]);
  });

  it('the check itself catches the shapes of real keys', () => {
    expect(findKeyLike('personalAccessKey: CiRuYTEtZmFrZS1rZXktZm9yLXRlc3RpbmctdGhlLWNoZWNr')).toHaveLength(1);
    // Assembled at run time so that no key-shaped literal sits in the repository.
    expect(findKeyLike(`    auth: ${['pat', 'na1', '11111111-2222-3333-4444-555555555555'].join('-')}`)).toHaveLength(
      1,
    );
    expect(findKeyLike('    apiKey: 0a1b2c3d-4e5f-6789-abcd-ef0123456789')).toHaveLength(1);
    expect(findKeyLike('defaultPortal: sdr-dev\n# personalAccessKey: set in the environment')).toEqual([]);
  });
});

describe('the HubSpot project files', () => {
  const appRoot = `${root}hubspot-app/`;
  const projectFiles = [
    'hsproject.json',
    'src/app/app-hsmeta.json',
    'src/app/settings/settings-hsmeta.json',
    'src/app/webhooks/webhooks-hsmeta.json',
  ];

  it.each(projectFiles)('%s holds no key or secret: the service keeps the client secret', async (path) => {
    const text = await readFile(`${appRoot}${path}`, 'utf8');
    expect(findKeyLike(text)).toEqual([]);
    expect(text).not.toMatch(/secret|password|token/i);
  });

  it('hubspot.config.yml names no account either: HUBSPOT_ACCOUNT_ID comes from the environment', async () => {
    const text = await readFile(`${root}hubspot.config.yml`, 'utf8');
    const settings = text.split('\n').filter((line) => line.trim() && !line.trimStart().startsWith('#'));
    expect(settings.filter((line) => /portalId|accountId|\b\d{6,}\b/i.test(line))).toEqual([]);
    expect(settings.some((line) => /authType:\s*personalaccesskey/.test(line))).toBe(true);
  });
});
