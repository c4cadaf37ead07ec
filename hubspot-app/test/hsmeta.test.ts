import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HUBSPOT_MAPPING } from '../../backend/src/integrations/crm/default-mapping.ts';
import { BACKEND_URL } from '../src/app/backend/address.ts';

/**
 * Every `*-hsmeta.json` of the project, checked against the shapes HubSpot documents for platform 2025.2 (app,
 * card, settings, webhooks) and against the service it talks to. `hs project validate` needs a HubSpot account and
 * downloads its schemas, so it cannot run here: these checks stand in for it and catch what it would not (a scope
 * the service asks for but the app lacks, a webhook pointed at another host).
 */

const appRoot = fileURLToPath(new URL('../', import.meta.url));
const srcDir = join(appRoot, 'src');
const repoRoot = join(appRoot, '..');

function hsmetaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return hsmetaFiles(path);
    return entry.name.endsWith('-hsmeta.json') ? [path] : [];
  });
}

const files = hsmetaFiles(srcDir).map((path) => ({
  path,
  name: relative(srcDir, path),
  json: JSON.parse(readFileSync(path, 'utf8')) as { uid?: unknown; type?: unknown; config?: Record<string, unknown> },
}));

// HubSpot: up to 64 characters; letters, digits, _ - and . only; unique across the project.
const Uid = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a uid of up to 64 letters, digits, _ - or .');
const HttpsUrl = z.url({ protocol: /^https$/ }).refine((url) => {
  const host = new URL(url).hostname;
  return host !== 'localhost' && !/^127\.|^\[?::1\]?$/.test(host);
}, 'HTTPS and not localhost: HubSpot refuses anything else');
// OAuth scopes: dotted lower-case words such as crm.objects.contacts.read, or legacy names such as sales-email-read.
const Scope = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9_-]+)*$/, 'a HubSpot scope such as crm.objects.contacts.read');
const Scopes = z.array(Scope).refine((scopes) => new Set(scopes).size === scopes.length, 'each scope once');
const Name = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => name.trim() === name, 'no spaces at either end');
const Entrypoint = (folder: string) =>
  z.string().regex(new RegExp(`^/app/${folder}/[^/]+\\.(jsx|tsx)$`), `a .jsx or .tsx file in /app/${folder}/`);

const AppMeta = z.strictObject({
  uid: Uid,
  type: z.literal('app'),
  config: z
    .strictObject({
      name: Name,
      description: z.string().min(1).max(8192),
      distribution: z.enum(['marketplace', 'private']),
      auth: z.strictObject({
        type: z.enum(['oauth', 'static']),
        redirectUrls: z.array(HttpsUrl),
        requiredScopes: Scopes.min(1),
        optionalScopes: Scopes.optional(),
        conditionallyRequiredScopes: Scopes.optional(),
      }),
      permittedUrls: z.strictObject({
        fetch: z.array(HttpsUrl),
        iframe: z.array(HttpsUrl),
        img: z.array(HttpsUrl),
      }),
      support: z.strictObject({
        supportEmail: z.email(),
        documentationUrl: HttpsUrl,
        supportUrl: HttpsUrl.optional(),
        supportPhone: z.string().optional(),
      }),
    })
    // Marketplace apps install through OAuth; static tokens are for private apps only.
    .refine((config) => config.distribution === 'private' || config.auth.type === 'oauth', {
      message: 'a marketplace app authenticates with oauth',
      path: ['auth', 'type'],
    })
    .refine((config) => config.auth.type !== 'oauth' || config.auth.redirectUrls.length > 0, {
      message: 'OAuth needs a redirect URL',
      path: ['auth', 'redirectUrls'],
    }),
});

export const CARD_LOCATIONS = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] as const;
export const CARD_OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets', 'leads'] as const;
const CardMeta = z.strictObject({
  uid: Uid,
  type: z.literal('card'),
  config: z.strictObject({
    name: Name,
    description: z.string().max(8192).optional(),
    previewImage: z.string().optional(),
    location: z.enum(CARD_LOCATIONS),
    entrypoint: Entrypoint('cards'),
    objectTypes: z
      .array(z.enum(CARD_OBJECT_TYPES))
      .min(1)
      .refine((types) => new Set(types).size === types.length, 'each object type once'),
  }),
});

const SettingsMeta = z.strictObject({
  uid: Uid,
  type: z.literal('settings'),
  config: z.strictObject({ entrypoint: Entrypoint('settings') }),
});

const WEBHOOK_OBJECTS = ['contact', 'company', 'deal', 'ticket', 'product', 'line_item'] as const;
const OBJECT_EVENTS = ['creation', 'deletion', 'merge', 'restore', 'propertyChange', 'associationChange'] as const;
const CrmObjectSubscription = z
  .strictObject({
    subscriptionType: z.enum(OBJECT_EVENTS.map((event) => `object.${event}` as const)),
    objectType: z.enum(WEBHOOK_OBJECTS),
    propertyName: z.string().min(1).optional(),
    active: z.boolean(),
  })
  .refine(
    (sub) => (sub.subscriptionType === 'object.propertyChange') === (sub.propertyName !== undefined),
    'propertyName goes with object.propertyChange, and only with it',
  );
const LegacySubscription = z
  .strictObject({
    subscriptionType: z.string().regex(new RegExp(`^(${WEBHOOK_OBJECTS.join('|')})\\.(${OBJECT_EVENTS.join('|')})$`)),
    propertyName: z.string().min(1).optional(),
    active: z.boolean(),
  })
  .refine(
    (sub) => sub.subscriptionType.endsWith('.propertyChange') === (sub.propertyName !== undefined),
    'propertyName goes with propertyChange, and only with it',
  );
const HubEventSubscription = z.strictObject({
  subscriptionType: z.enum(['contact.privacyDeletion', 'conversation.creation', 'conversation.deletion']),
  active: z.boolean(),
});
const WebhooksMeta = z.strictObject({
  uid: Uid,
  type: z.literal('webhooks'),
  config: z.strictObject({
    settings: z.strictObject({ targetUrl: HttpsUrl, maxConcurrentRequests: z.number().int().min(1) }),
    subscriptions: z.strictObject({
      crmObjects: z.array(CrmObjectSubscription).optional(),
      legacyCrmObjects: z.array(LegacySubscription).optional(),
      hubEvents: z.array(HubEventSubscription).optional(),
    }),
  }),
});

const SCHEMAS: Record<string, z.ZodType> = {
  app: AppMeta,
  card: CardMeta,
  settings: SettingsMeta,
  webhooks: WebhooksMeta,
};
// HubSpot reads each kind of component from its own folder under src/app.
const FOLDERS: Record<string, string> = {
  app: 'app',
  card: 'app/cards',
  settings: 'app/settings',
  webhooks: 'app/webhooks',
};

const byType = (type: string) => files.filter((file) => file.json.type === type);
const app = () => AppMeta.parse(byType('app')[0]!.json);
const webhooks = () => byType('webhooks').map((file) => WebhooksMeta.parse(file.json));

/** The scopes the service asks HubSpot for when an admin installs the app (`hubspotAuthorizeUrl`). */
function serviceScopes(): string[] {
  const text = readFileSync(join(repoRoot, 'backend/src/integrations/crm/hubspot/install.ts'), 'utf8');
  const list = /export const HUBSPOT_SCOPES = \[([^\]]*)\]/.exec(text);
  if (!list) throw new Error('HUBSPOT_SCOPES not found in the service');
  return [...list[1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('hsproject.json', () => {
  it('names the project, its source folder and platform 2025.2', () => {
    const project = z
      .strictObject({
        name: z.string().regex(/^[a-z0-9-]+$/),
        srcDir: z.literal('src'),
        platformVersion: z.literal('2025.2'),
      })
      .parse(JSON.parse(readFileSync(join(appRoot, 'hsproject.json'), 'utf8')));
    expect(existsSync(join(appRoot, project.srcDir, 'app'))).toBe(true);
  });
});

describe('every -hsmeta.json', () => {
  it('finds the app, the settings page, the webhooks and at least one card', () => {
    expect(byType('app')).toHaveLength(1);
    expect(byType('settings')).toHaveLength(1);
    expect(byType('webhooks')).toHaveLength(1);
    expect(byType('card').length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [file.name, file] as const))('%s has the documented shape for its type', (_, file) => {
    const schema = SCHEMAS[String(file.json.type)];
    expect(schema ? String(file.json.type) : `unknown type ${String(file.json.type)}`).toBe(String(file.json.type));
    const result = schema!.safeParse(file.json);
    expect(result.success ? [] : z.prettifyError(result.error).split('\n')).toEqual([]);
    expect(relative(srcDir, dirname(file.path))).toBe(FOLDERS[String(file.json.type)]);
  });

  it('uses each uid once across the project', () => {
    const uids = files.map((file) => file.json.uid);
    expect(uids.filter((uid, i) => uids.indexOf(uid) !== i)).toEqual([]);
  });

  it('points every entrypoint at a file that registers itself for the same location', () => {
    for (const file of files.filter((one) => typeof one.json.config?.entrypoint === 'string')) {
      const entry = join(srcDir, String(file.json.config!.entrypoint));
      expect(existsSync(entry) ? entry : `${file.name}: missing ${entry}`).toBe(entry);
      const location = file.json.type === 'settings' ? 'settings' : String(file.json.config!.location);
      const registered = [...readFileSync(entry, 'utf8').matchAll(/hubspot\.extend(?:<'([^']+)'>)?\(/g)];
      expect(registered).toHaveLength(1);
      if (registered[0]![1]) expect(`${file.name}: ${registered[0]![1]}`).toBe(`${file.name}: ${location}`);
    }
  });
});

describe('the app', () => {
  it('lets the extensions fetch from the SDR service only, over HTTPS', () => {
    expect(app().config.permittedUrls.fetch).toEqual([BACKEND_URL]);
    expect(new URL(BACKEND_URL).protocol).toBe('https:');
  });

  it('sends the OAuth install back to the service’s callback', () => {
    expect(app().config.auth.redirectUrls).toEqual([`${BACKEND_URL}/oauth/hubspot/callback`]);
  });

  it('asks for exactly the scopes the service requests at install, no more and no fewer', () => {
    // HubSpot refuses an install whose scope list differs from the app's required scopes.
    const { requiredScopes, optionalScopes = [], conditionallyRequiredScopes = [] } = app().config.auth;
    expect([...requiredScopes].sort()).toEqual([...serviceScopes()].sort());
    expect(
      [...optionalScopes, ...conditionallyRequiredScopes].filter((scope) => requiredScopes.includes(scope)),
    ).toEqual([]);
  });

  it('is ready for the marketplace', () => {
    expect(app().config.distribution).toBe('marketplace');
    expect(app().config.auth.type).toBe('oauth');
  });
});

describe('the webhooks', () => {
  // Properties of the default mapping that never need a webhook: set once at creation (covered by
  // object.creation), or worked out by HubSpot from dealstage, which is subscribed to.
  const NOT_SUBSCRIBED = new Set(['createdate', 'hs_is_closed', 'hs_is_closed_won']);
  const subscriptions = () => webhooks()[0]!.config.subscriptions.crmObjects ?? [];

  it('deliver to the service’s webhook endpoint on the same host as the extensions', () => {
    const { targetUrl } = webhooks()[0]!.config.settings;
    expect(targetUrl).toBe(`${BACKEND_URL}/webhooks/hubspot`);
    expect(new URL(targetUrl).host).toBe(new URL(BACKEND_URL).host);
  });

  it.each(['contact', 'company', 'deal'] as const)(
    'follow %s records from creation to deletion and merges',
    (object) => {
      const types = subscriptions()
        .filter((sub) => sub.objectType === object && sub.active)
        .map((sub) => sub.subscriptionType);
      for (const event of ['object.creation', 'object.deletion', 'object.merge', 'object.restore'])
        expect(types).toContain(event);
    },
  );

  it.each(['contact', 'company', 'deal'] as const)(
    'watch every %s property the default field mapping reads, and none of the score properties',
    (object) => {
      const mapped = Object.values(HUBSPOT_MAPPING.fields[object] ?? {}).filter(
        (property): property is string => property !== null && !NOT_SUBSCRIBED.has(property),
      );
      const watched = subscriptions()
        .filter((sub) => sub.objectType === object && sub.subscriptionType === 'object.propertyChange')
        .map((sub) => sub.propertyName);
      expect([...watched].sort()).toEqual([...new Set(mapped)].sort());
      // The service writes the scores itself: a webhook for them would echo every write back to it.
      const scores = Object.values(HUBSPOT_MAPPING.scores.contact);
      expect(watched.filter((property) => scores.includes(property ?? ''))).toEqual([]);
    },
  );

  it('subscribe each event once', () => {
    const keys = subscriptions().map((sub) => `${sub.subscriptionType} ${sub.objectType} ${sub.propertyName ?? ''}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe('the extensions’ code', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
      return /\.(tsx?|jsx?)$/.test(entry.name) ? [path] : [];
    });

  it('imports the contract for its types only: HubSpot’s build cannot install the workspace package', () => {
    const offending = sources(join(srcDir, 'app')).filter((path) =>
      [...readFileSync(path, 'utf8').matchAll(/import\s+([^;]*?)\s+from\s+'@sdr\/shared'/g)].some(
        (match) => !match[1]!.startsWith('type '),
      ),
    );
    expect(offending.map((path) => relative(srcDir, path))).toEqual([]);
  });

  it('uses neither window nor fetch directly: every request goes through hubspot.fetch in backend()', () => {
    const files = sources(join(srcDir, 'app'));
    expect(files.some((path) => path.includes('/cards/'))).toBe(true);
    expect(files.some((path) => path.includes('/settings/'))).toBe(true);
    for (const path of files) {
      const file = relative(srcDir, path);
      const source = readFileSync(path, 'utf8');
      expect({ file, window: /\bwindow\./.test(source), fetch: /(^|[^.\w])fetch\(/.test(source) }).toEqual({
        file,
        window: false,
        fetch: false,
      });
      expect({ file, html: /dangerouslySetInnerHTML|innerHTML/.test(source) }).toEqual({ file, html: false });
    }
  });
});

describe('the checks themselves', () => {
  it('catch what HubSpot would refuse', () => {
    const card = CardMeta.parse(byType('card')[0]!.json);
    const cardWith = (config: object) => CardMeta.safeParse({ ...card, config: { ...card.config, ...config } }).success;
    expect(cardWith({ location: 'crm.record.middle' })).toBe(false);
    expect(cardWith({ objectTypes: ['contact'] })).toBe(false);
    expect(cardWith({ entrypoint: '/app/cards/Card.ts' })).toBe(false);
    expect(Uid.safeParse('has space').success).toBe(false);
    expect(Uid.safeParse('x'.repeat(65)).success).toBe(false);
    expect(HttpsUrl.safeParse('http://sdr.example.com').success).toBe(false);
    expect(HttpsUrl.safeParse('https://localhost:3000').success).toBe(false);
    expect(Scope.safeParse('crm.objects.contacts.read ').success).toBe(false);
    expect(
      CrmObjectSubscription.safeParse({
        subscriptionType: 'object.creation',
        objectType: 'contact',
        propertyName: 'email',
        active: true,
      }).success,
    ).toBe(false);
    expect(
      CrmObjectSubscription.safeParse({
        subscriptionType: 'object.propertyChange',
        objectType: 'contact',
        active: true,
      }).success,
    ).toBe(false);
    expect(LegacySubscription.safeParse({ subscriptionType: 'contact.updated', active: true }).success).toBe(false);
  });
});
