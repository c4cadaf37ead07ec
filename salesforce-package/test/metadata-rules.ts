// Offline checks for the package's Salesforce source. Nothing here can reach an org, so these rules stand in for
// what a deploy would reject (wrong root element, missing precision, a permission set naming a field that is not in
// the package, a page placing a component that cannot go there) and for what a deploy would accept but must never
// ship: a secret in a credential file.
//
// Every check returns problems as strings of the form `path: Element.child[index].grandchild: what is wrong`, so a
// failing test names the file and the element to fix.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** The Salesforce source, keyed by path relative to the package directory's `main/default` folder. */
export type SourceFiles = ReadonlyMap<string, string>;

type Body = Record<string, unknown>;

export interface ParsedMetadata {
  /** Path relative to `main/default`. */
  path: string;
  /** The component's API name, taken from the file name (`SDR_User` for `permissionsets/SDR_User.permissionset-meta.xml`). */
  name: string;
  kind: Kind;
  /** The root element's content: child elements as keys, attributes as `@_name`. */
  body: Body;
}

export interface Source {
  files: SourceFiles;
  metadata: Map<string, ParsedMetadata>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Small zod vocabulary for metadata XML. The parser keeps every value as text (the Metadata API is typed by its WSDL,
// not by how a value looks), so numbers and booleans are checked as text here.

const text = z.string();
const bool = z.enum(['true', 'false']);
const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().min(min).max(max));
const limited = (max: number) => z.string().max(max, `longer than ${max} characters`);

/** A repeated element: the parser gives one occurrence as a value and several as an array. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess(asList, z.array(item));
}

/** An element that may be written empty (`<targets/>`), which the parser reads as an empty string. */
function container<T extends z.ZodType>(shape: T) {
  return z.preprocess((value) => (value === '' ? {} : value), shape);
}

export function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Custom fields

/** Field types that take no type-specific elements, or whose extra elements these rules do not check. */
const OTHER_FIELD_TYPES = [
  'AutoNumber',
  'Date',
  'DateTime',
  'Email',
  'Location',
  'MultiselectPicklist',
  'Phone',
  'Picklist',
  'TextArea',
  'Time',
  'Url',
];
const FIELD_TYPES = [
  'Checkbox',
  'Currency',
  'EncryptedText',
  'Html',
  'Lookup',
  'LongTextArea',
  'MasterDetail',
  'Number',
  'Percent',
  'Text',
  ...OTHER_FIELD_TYPES,
] as const;

/** What a platform event field can be (Salesforce refuses the rest on `__e` objects). */
export const PLATFORM_EVENT_FIELD_TYPES = ['Checkbox', 'Date', 'DateTime', 'LongTextArea', 'Number', 'Text'];

const customField = z
  .object({
    fullName: text.optional(),
    label: limited(40),
    description: limited(1000).optional(),
    inlineHelpText: limited(510).optional(),
    type: z.enum(FIELD_TYPES),
    precision: text.optional(),
    scale: text.optional(),
    length: text.optional(),
    visibleLines: text.optional(),
    defaultValue: text.optional(),
    referenceTo: text.optional(),
    relationshipName: text.optional(),
    required: bool.optional(),
    externalId: bool.optional(),
    unique: bool.optional(),
    trackHistory: bool.optional(),
  })
  .superRefine((field, ctx) => {
    const need = (element: string, schema: z.ZodType) => {
      const value = (field as Record<string, unknown>)[element];
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', path: [element], message: `required for a ${field.type} field` });
        return undefined;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: [element], message: parsed.error.issues[0]!.message });
        return undefined;
      }
      return parsed.data as number;
    };
    switch (field.type) {
      case 'Number':
      case 'Currency':
      case 'Percent': {
        const precision = need('precision', wholeNumber(1, 18));
        const scale = need('scale', wholeNumber(0, 17));
        if (precision !== undefined && scale !== undefined && scale > precision) {
          ctx.addIssue({ code: 'custom', path: ['scale'], message: `scale ${scale} exceeds precision ${precision}` });
        }
        break;
      }
      case 'Text':
        need('length', wholeNumber(1, 255));
        break;
      case 'EncryptedText':
        need('length', wholeNumber(1, 175));
        break;
      case 'LongTextArea':
      case 'Html':
        need('length', wholeNumber(256, 131072));
        need('visibleLines', wholeNumber(1, 50));
        break;
      case 'Checkbox':
        need('defaultValue', bool);
        break;
      case 'Lookup':
      case 'MasterDetail':
        need('referenceTo', text);
        need('relationshipName', text);
        break;
    }
  });

// ---------------------------------------------------------------------------------------------------------------------
// Objects: only custom objects and platform events are defined in this package; standard objects appear as folders
// holding fields.

const platformEvent = z.object({
  label: limited(40),
  pluralLabel: limited(40),
  description: limited(1000).optional(),
  deploymentStatus: z.enum(['Deployed', 'InDevelopment']),
  eventType: z.enum(['HighVolume', 'StandardVolume']),
  publishBehavior: z.enum(['PublishImmediately', 'PublishAfterCommit']),
});

const customObject = z.object({
  label: limited(40),
  pluralLabel: limited(40),
  description: limited(1000).optional(),
  deploymentStatus: z.enum(['Deployed', 'InDevelopment']),
  sharingModel: text,
  nameField: z.object({ label: text, type: z.enum(['Text', 'AutoNumber']) }),
});

function objectSchema(name: string): z.ZodType | undefined {
  if (name.endsWith('__e')) return platformEvent;
  if (name.endsWith('__c')) return customObject;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Permissions

const customPermission = z.object({
  label: limited(80),
  description: limited(255).optional(),
  isLicensed: bool.optional(),
});

const permissionSet = z.object({
  label: limited(80),
  description: limited(255).optional(),
  hasActivationRequired: bool.optional(),
  license: text.optional(),
  applicationVisibilities: list(z.object({ application: text, visible: bool })),
  classAccesses: list(z.object({ apexClass: text, enabled: bool })),
  customPermissions: list(z.object({ name: text, enabled: bool })),
  externalCredentialPrincipalAccesses: list(
    z.object({
      enabled: bool,
      externalCredentialPrincipal: text.regex(
        /^[A-Za-z]\w*-\S.*$/,
        'expected <ExternalCredential>-<Principal>, the two names separated by a dash',
      ),
    }),
  ),
  fieldPermissions: list(
    z
      .object({
        editable: bool,
        field: text.regex(/^[A-Za-z]\w*\.[A-Za-z]\w*$/, 'expected <Object>.<Field>'),
        readable: bool.optional(),
      })
      .refine((p) => p.editable === 'false' || p.readable === 'true', {
        message: 'an editable field must also be readable',
        path: ['readable'],
      }),
  ),
  objectPermissions: list(
    z.object({
      object: text,
      allowCreate: bool,
      allowDelete: bool,
      allowEdit: bool,
      allowRead: bool,
      modifyAllRecords: bool,
      viewAllRecords: bool,
    }),
  ),
  tabSettings: list(z.object({ tab: text, visibility: z.enum(['Visible', 'Available', 'None']) })),
});

// ---------------------------------------------------------------------------------------------------------------------
// Credentials and trusted sites

const EXTERNAL_CREDENTIAL_PARAMETER_TYPES = [
  'AdditionalRefreshStatusCode',
  'AuthHeader',
  'AuthParameter',
  'AuthProtocolVariant',
  'AuthProvider',
  'AuthProviderUrl',
  'AuthProviderUrlQueryParameter',
  'AwsStsPrincipal',
  'ExternalAuthIdentityProvider',
  'JwtBodyClaim',
  'JwtHeaderClaim',
  'NamedPrincipal',
  'PerUserPrincipal',
  'SigningCertificate',
] as const;
const PRINCIPAL_TYPES = ['NamedPrincipal', 'PerUserPrincipal', 'AwsStsPrincipal'];

function externalCredentialSchema(name: string) {
  return z
    .object({
      label: text,
      description: text.optional(),
      authenticationProtocol: z.enum([
        'AwsSv4',
        'Basic',
        'Custom',
        'Jwt',
        'JwtExchange',
        'NoAuthentication',
        'Oauth',
        'Password',
      ]),
      externalCredentialParameters: list(
        z.object({
          parameterName: text,
          parameterType: z.enum(EXTERNAL_CREDENTIAL_PARAMETER_TYPES),
          parameterValue: text.optional(),
          parameterGroup: text.optional(),
          sequenceNumber: wholeNumber(1, 1000).optional(),
          description: text.optional(),
          authProvider: text.optional(),
          certificate: text.optional(),
          externalAuthIdentityProvider: text.optional(),
        }),
      ),
    })
    .superRefine((credential, ctx) => {
      const parameters = credential.externalCredentialParameters;
      if (
        credential.authenticationProtocol !== 'NoAuthentication' &&
        !parameters.some((p) => PRINCIPAL_TYPES.includes(p.parameterType))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['externalCredentialParameters'],
          message: 'no principal: nobody could be granted the credential',
        });
      }
      parameters.forEach((parameter, index) => {
        const at = ['externalCredentialParameters', index];
        if (PRINCIPAL_TYPES.includes(parameter.parameterType) && parameter.sequenceNumber === undefined) {
          ctx.addIssue({ code: 'custom', path: [...at, 'sequenceNumber'], message: 'required for a principal' });
        }
        if (parameter.parameterType !== 'AuthHeader') return;
        if (parameter.parameterValue === undefined) {
          ctx.addIssue({ code: 'custom', path: [...at, 'parameterValue'], message: 'required for a header' });
          return;
        }
        // A header can only read parameters of its own credential; anything else resolves to nothing at callout time.
        for (const [, owner] of parameter.parameterValue.matchAll(/\$Credential\.(\w+)\.\w+/g)) {
          if (owner !== name) {
            ctx.addIssue({
              code: 'custom',
              path: [...at, 'parameterValue'],
              message: `reads $Credential.${owner}, not this credential (${name})`,
            });
          }
        }
      });
    });
}

// Fields of the pre-Winter '23 model, which keep credentials in the named credential itself.
const LEGACY_NAMED_CREDENTIAL_FIELDS = [
  'endpoint',
  'password',
  'username',
  'principalType',
  'protocol',
  'oauthToken',
  'oauthRefreshToken',
  'awsAccessKey',
  'awsAccessSecret',
  'authProvider',
];

const namedCredential = z
  .object({
    label: text,
    description: text.optional(),
    namedCredentialType: z.enum(['Legacy', 'PrivateEndpoint', 'SecuredEndpoint']),
    allowMergeFieldsInBody: bool.optional(),
    allowMergeFieldsInHeader: bool.optional(),
    generateAuthorizationHeader: bool.optional(),
    calloutStatus: z.enum(['Enabled', 'Disabled']).optional(),
    namedCredentialParameters: list(
      z.object({
        parameterName: text,
        parameterType: z.enum([
          'AllowedManagedPackageNamespaces',
          'Authentication',
          'ClientCertificate',
          'HttpHeader',
          'ManagedByNamespace',
          'OutboundNetworkConnection',
          'Url',
        ]),
        parameterValue: text.optional(),
        externalCredential: text.optional(),
        certificate: text.optional(),
        outboundNetworkConnection: text.optional(),
        sequenceNumber: wholeNumber(1, 1000).optional(),
        description: text.optional(),
      }),
    ),
  })
  .catchall(z.unknown())
  .superRefine((credential, ctx) => {
    for (const legacy of LEGACY_NAMED_CREDENTIAL_FIELDS) {
      if (credential.namedCredentialType !== 'Legacy' && credential[legacy] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [legacy],
          message: `legacy field: authentication belongs in the external credential`,
        });
      }
    }
    if (credential.namedCredentialType !== 'SecuredEndpoint') return;
    const parameters = credential.namedCredentialParameters;
    const urls = parameters.filter((p) => p.parameterType === 'Url');
    if (urls.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['namedCredentialParameters'],
        message: `a secured endpoint needs exactly one Url parameter, found ${urls.length}`,
      });
    }
    parameters.forEach((parameter, index) => {
      const at = ['namedCredentialParameters', index];
      if (parameter.parameterType === 'Url' && !/^https:\/\/[^\s/]+/.test(parameter.parameterValue ?? '')) {
        ctx.addIssue({ code: 'custom', path: [...at, 'parameterValue'], message: 'expected an https:// URL' });
      }
      if (parameter.parameterType === 'Authentication' && parameter.externalCredential === undefined) {
        ctx.addIssue({ code: 'custom', path: [...at, 'externalCredential'], message: 'required for Authentication' });
      }
    });
    if (!parameters.some((p) => p.parameterType === 'Authentication')) {
      ctx.addIssue({
        code: 'custom',
        path: ['namedCredentialParameters'],
        message: 'a secured endpoint needs an Authentication parameter naming its external credential',
      });
    }
  });

const CSP_SOURCES = [
  'isApplicableToConnectSrc',
  'isApplicableToFontSrc',
  'isApplicableToFrameSrc',
  'isApplicableToImgSrc',
  'isApplicableToMediaSrc',
  'isApplicableToStyleSrc',
  'canAccessCamera',
  'canAccessMicrophone',
] as const;

const cspTrustedSite = z
  .object({
    endpointUrl: text.regex(
      /^(https|wss):\/\/[A-Za-z0-9*.-]+(:\d+)?(\/\S*)?$/,
      'expected an https:// or wss:// URL with a host name',
    ),
    isActive: bool,
    context: z.enum(['All', 'Communities', 'FieldServiceMobileExtension', 'LEX', 'LightningOut', 'VisualForce']),
    description: text.optional(),
    ...Object.fromEntries(CSP_SOURCES.map((source) => [source, bool.optional()])),
  })
  .refine((site) => CSP_SOURCES.some((source) => (site as Record<string, unknown>)[source] === 'true'), {
    message: 'allows nothing: set at least one isApplicableTo… or canAccess… element to true',
  });

// ---------------------------------------------------------------------------------------------------------------------
// Apps, tabs and pages

const FORM_FACTOR = z.enum(['Small', 'Medium', 'Large']);

const customApplication = z
  .object({
    label: text,
    description: text.optional(),
    navType: z.enum(['Standard', 'Console']).optional(),
    uiType: z.enum(['Lightning', 'Aloha']).optional(),
    formFactors: list(FORM_FACTOR),
    defaultLandingTab: text.optional(),
    tabs: list(text),
    brand: z
      .object({
        headerColor: text.regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour like #0B5CAB').optional(),
        footerColor: text.regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour like #0B5CAB').optional(),
        logo: text.optional(),
        shouldOverrideOrgTheme: bool.optional(),
      })
      .optional(),
    actionOverrides: list(
      z.object({
        actionName: text,
        comment: text.optional(),
        content: text.optional(),
        formFactor: FORM_FACTOR.optional(),
        pageOrSobjectType: text,
        skipRecordTypeSelect: bool.optional(),
        type: z.enum(['Default', 'Flexipage', 'LightningComponent', 'Standard', 'Visualforce']),
      }),
    ),
    profileActionOverrides: list(
      z.object({
        actionName: text,
        content: text.optional(),
        formFactor: FORM_FACTOR,
        pageOrSobjectType: text,
        profile: text.optional(),
        recordType: text.optional(),
        type: z.enum(['Default', 'Flexipage']),
      }),
    ),
  })
  .superRefine((app, ctx) => {
    for (const key of ['actionOverrides', 'profileActionOverrides'] as const) {
      app[key].forEach((override, index) => {
        if (override.type === 'Flexipage' && override.content === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key, index, 'content'],
            message: 'required to name the Lightning page',
          });
        }
      });
    }
  });

const TAB_CONTENT = ['flexiPage', 'lwcComponent', 'auraComponent', 'page', 'url', 'customObject', 'scontrol'];

const customTab = z
  .object({
    label: text.optional(),
    description: text.optional(),
    motif: text.regex(/^Custom\d+: .+$/, 'expected a tab style like "Custom19: Wrench"'),
  })
  .catchall(z.unknown())
  .superRefine((tab, ctx) => {
    const contents = TAB_CONTENT.filter((key) => tab[key] !== undefined);
    if (contents.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `a tab shows exactly one of ${TAB_CONTENT.join(', ')}; found ${contents.join(', ') || 'none'}`,
      });
    }
  });

/** Regions of the templates this package uses (others are accepted without checking region names). */
const TEMPLATE_REGIONS: Record<string, string[]> = {
  'flexipage:recordHomeTemplateDesktop': ['header', 'main', 'sidebar'],
  'flexipage:defaultAppHomeTemplate': ['main'],
  'home:desktopTemplate': ['top', 'bottomLeft', 'bottomRight', 'sidebar'],
};

const componentInstance = z.object({
  componentName: text,
  identifier: text.optional(),
  componentInstanceProperties: list(z.object({ name: text, value: text.optional() }).catchall(z.unknown())),
  visibilityRule: z.unknown().optional(),
});

const flexiPage = z
  .object({
    masterLabel: text,
    description: text.optional(),
    type: z.enum(['AppPage', 'HomePage', 'RecordPage', 'UtilityBar', 'RecordPreview', 'MailAppAppPage']),
    sobjectType: text.optional(),
    parentFlexiPage: text.optional(),
    template: z.object({ name: text }).catchall(z.unknown()),
    flexiPageRegions: list(
      z.object({
        name: text,
        type: z.enum(['Region', 'Facet', 'Background']),
        mode: z.enum(['Append', 'Prepend', 'Replace']).optional(),
        itemInstances: list(
          z.object({ componentInstance: componentInstance.optional(), fieldInstance: z.unknown().optional() }),
        ),
      }),
    ),
  })
  .superRefine((page, ctx) => {
    if (page.type === 'RecordPage' && page.sobjectType === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sobjectType'], message: 'required for a RecordPage' });
    }
    if (page.type !== 'RecordPage' && page.sobjectType !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sobjectType'], message: `not allowed on a ${page.type}` });
    }
    const regions = TEMPLATE_REGIONS[page.template.name];
    const identifiers = new Set<string>();
    page.flexiPageRegions.forEach((region, index) => {
      if (regions && region.type === 'Region' && !regions.includes(region.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['flexiPageRegions', index, 'name'],
          message: `${page.template.name} has no region "${region.name}" (it has ${regions.join(', ')})`,
        });
      }
      region.itemInstances.forEach((item, itemIndex) => {
        const identifier = item.componentInstance?.identifier;
        if (identifier === undefined) return;
        if (identifiers.has(identifier)) {
          ctx.addIssue({
            code: 'custom',
            path: ['flexiPageRegions', index, 'itemInstances', itemIndex, 'componentInstance', 'identifier'],
            message: `identifier "${identifier}" is used twice on the page`,
          });
        }
        identifiers.add(identifier);
      });
    });
  });

// ---------------------------------------------------------------------------------------------------------------------
// Lightning web component configuration (`<name>.js-meta.xml`)

/** The targets these rules know, from the LWC guide's XML configuration reference. */
export const LWC_TARGETS = [
  'lightning__RecordPage',
  'lightning__AppPage',
  'lightning__HomePage',
  'lightning__Tab',
  'lightning__UtilityBar',
  'lightning__FlowScreen',
  'lightningCommunity__Page',
  'lightningCommunity__Default',
] as const;

const lightningComponentBundle = z
  .object({
    apiVersion: text.regex(/^\d{2,3}\.0$/, 'expected an API version like 62.0'),
    isExposed: bool,
    masterLabel: text.optional(),
    description: text.optional(),
    targets: container(z.object({ target: list(z.enum(LWC_TARGETS)) })).optional(),
    targetConfigs: container(
      z.object({
        targetConfig: list(
          z.object({
            '@_targets': text,
            property: list(z.object({ '@_name': text }).catchall(z.unknown())),
            objects: container(z.object({ object: list(text) })).optional(),
            supportedFormFactors: container(
              z.object({ supportedFormFactor: list(z.object({ '@_type': z.enum(['Small', 'Large']) })) }),
            ).optional(),
          }),
        ),
      }),
    ).optional(),
    capabilities: z.unknown().optional(),
  })
  .superRefine((bundle, ctx) => {
    const listed = new Set<string>(bundle.targets?.target ?? []);
    bundle.targetConfigs?.targetConfig.forEach((config, index) => {
      for (const target of splitTargets(config['@_targets'])) {
        if (!listed.has(target)) {
          ctx.addIssue({
            code: 'custom',
            path: ['targetConfigs', 'targetConfig', index, '@_targets'],
            message: `configures ${target}, which is not among the component's <targets>`,
          });
        }
      }
    });
  });

function splitTargets(targets: string): string[] {
  return targets
    .split(',')
    .map((target) => target.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------------------
// Which files are which: the suffix decides the root element, and the root element decides the folder.

export interface Kind {
  root: string;
  suffix: string;
  /** Where files of this kind live, relative to `main/default`. */
  location: RegExp;
  /** Said in the problem when a file is elsewhere. */
  where: string;
  schema?: (name: string) => z.ZodType | undefined;
}

const KINDS: Kind[] = [
  {
    root: 'CustomField',
    suffix: '.field-meta.xml',
    location: /^objects\/[^/]+\/fields\/[^/]+$/,
    where: 'objects/<Object>/fields/',
    schema: () => customField,
  },
  {
    root: 'CustomObject',
    suffix: '.object-meta.xml',
    location: /^objects\/([^/]+)\/\1\.object-meta\.xml$/,
    where: 'objects/<Object>/<Object>.object-meta.xml',
    schema: objectSchema,
  },
  {
    root: 'CustomPermission',
    suffix: '.customPermission-meta.xml',
    location: /^customPermissions\/[^/]+$/,
    where: 'customPermissions/',
    schema: () => customPermission,
  },
  {
    root: 'PermissionSet',
    suffix: '.permissionset-meta.xml',
    location: /^permissionsets\/[^/]+$/,
    where: 'permissionsets/',
    schema: () => permissionSet,
  },
  {
    root: 'ExternalCredential',
    suffix: '.externalCredential-meta.xml',
    location: /^externalCredentials\/[^/]+$/,
    where: 'externalCredentials/',
    schema: externalCredentialSchema,
  },
  {
    root: 'NamedCredential',
    suffix: '.namedCredential-meta.xml',
    location: /^namedCredentials\/[^/]+$/,
    where: 'namedCredentials/',
    schema: () => namedCredential,
  },
  {
    root: 'CspTrustedSite',
    suffix: '.cspTrustedSite-meta.xml',
    location: /^cspTrustedSites\/[^/]+$/,
    where: 'cspTrustedSites/',
    schema: () => cspTrustedSite,
  },
  {
    root: 'CustomApplication',
    suffix: '.app-meta.xml',
    location: /^applications\/[^/]+$/,
    where: 'applications/',
    schema: () => customApplication,
  },
  { root: 'CustomTab', suffix: '.tab-meta.xml', location: /^tabs\/[^/]+$/, where: 'tabs/', schema: () => customTab },
  {
    root: 'FlexiPage',
    suffix: '.flexipage-meta.xml',
    location: /^flexipages\/[^/]+$/,
    where: 'flexipages/',
    schema: () => flexiPage,
  },
  {
    root: 'LightningComponentBundle',
    suffix: '.js-meta.xml',
    location: /^lwc\/([^/]+)\/\1\.js-meta\.xml$/,
    where: 'lwc/<component>/<component>.js-meta.xml',
    schema: () => lightningComponentBundle,
  },
  {
    root: 'ApexClass',
    suffix: '.cls-meta.xml',
    location: /^classes\/[^/]+$/,
    where: 'classes/',
    schema: () =>
      z.object({
        apiVersion: text.regex(/^\d{2,3}\.0$/, 'expected an API version like 62.0'),
        status: z.enum(['Active', 'Inactive', 'Deleted']),
      }),
  },
  { root: 'ApexTrigger', suffix: '.trigger-meta.xml', location: /^triggers\/[^/]+$/, where: 'triggers/' },
  { root: 'ApexPage', suffix: '.page-meta.xml', location: /^pages\/[^/]+$/, where: 'pages/' },
  { root: 'ApexComponent', suffix: '.component-meta.xml', location: /^components\/[^/]+$/, where: 'components/' },
  {
    root: 'AuraDefinitionBundle',
    suffix: '.cmp-meta.xml',
    location: /^aura\/([^/]+)\/\1\.cmp-meta\.xml$/,
    where: 'aura/<component>/',
  },
  {
    root: 'StaticResource',
    suffix: '.resource-meta.xml',
    location: /^staticresources\/[^/]+$/,
    where: 'staticresources/',
  },
  { root: 'CustomLabels', suffix: '.labels-meta.xml', location: /^labels\/[^/]+$/, where: 'labels/' },
  {
    root: 'LightningMessageChannel',
    suffix: '.messageChannel-meta.xml',
    location: /^messageChannels\/[^/]+$/,
    where: 'messageChannels/',
  },
  { root: 'Layout', suffix: '.layout-meta.xml', location: /^layouts\/[^/]+$/, where: 'layouts/' },
  {
    root: 'ListView',
    suffix: '.listView-meta.xml',
    location: /^objects\/[^/]+\/listViews\/[^/]+$/,
    where: 'objects/<Object>/listViews/',
  },
  {
    root: 'CompactLayout',
    suffix: '.compactLayout-meta.xml',
    location: /^objects\/[^/]+\/compactLayouts\/[^/]+$/,
    where: 'objects/<Object>/compactLayouts/',
  },
  {
    root: 'ValidationRule',
    suffix: '.validationRule-meta.xml',
    location: /^objects\/[^/]+\/validationRules\/[^/]+$/,
    where: 'objects/<Object>/validationRules/',
  },
  {
    root: 'RecordType',
    suffix: '.recordType-meta.xml',
    location: /^objects\/[^/]+\/recordTypes\/[^/]+$/,
    where: 'objects/<Object>/recordTypes/',
  },
  { root: 'Flow', suffix: '.flow-meta.xml', location: /^flows\/[^/]+$/, where: 'flows/' },
  {
    root: 'PermissionSetGroup',
    suffix: '.permissionsetgroup-meta.xml',
    location: /^permissionsetgroups\/[^/]+$/,
    where: 'permissionsetgroups/',
  },
  {
    root: 'RemoteSiteSetting',
    suffix: '.remoteSite-meta.xml',
    location: /^remoteSiteSettings\/[^/]+$/,
    where: 'remoteSiteSettings/',
  },
];

export function kindOf(path: string): Kind | undefined {
  return KINDS.find((kind) => path.endsWith(kind.suffix));
}

// ---------------------------------------------------------------------------------------------------------------------
// One file

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  ignoreDeclaration: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return out;
}

function valueAt(body: Body, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (typeof key === 'number') value = asList(value)[key];
    else if (typeof value === 'object' && value !== null) value = (value as Body)[String(key)];
    else return undefined;
  }
  return value;
}

function issueMessage(body: Body, issue: z.core.$ZodIssue): string {
  // Zod words a missing element as a value of the wrong type; say plainly that it is missing.
  return issue.code !== 'custom' && valueAt(body, issue.path) === undefined ? 'missing' : issue.message;
}

/** Checks one `*-meta.xml` file on its own: well-formed, right root for its suffix and folder, namespace, schema. */
export function checkMetadataFile(path: string, xml: string): { metadata?: ParsedMetadata; problems: string[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    return { problems: [`${path}: not well-formed XML (line ${line}, column ${col}): ${msg}`] };
  }
  const kind = kindOf(path);
  if (!kind) {
    return {
      problems: [
        `${path}: no rule for this kind of file; add its suffix, root element and folder to metadata-rules.ts`,
      ],
    };
  }
  const document = parser.parse(xml) as Body;
  const roots = Object.keys(document);
  if (roots.length !== 1) {
    return { problems: [`${path}: expected one root element, found ${roots.length}`] };
  }
  const root = roots[0]!;
  if (root !== kind.root) {
    return { problems: [`${path}: root element is <${root}>, expected <${kind.root}> for *${kind.suffix}`] };
  }
  const problems: string[] = [];
  const body: Body = typeof document[root] === 'object' && document[root] !== null ? (document[root] as Body) : {};
  if (body['@_xmlns'] !== METADATA_NAMESPACE) {
    problems.push(
      `${path}: <${root}> namespace is "${String(body['@_xmlns'] ?? '')}", expected "${METADATA_NAMESPACE}"`,
    );
  }
  if (!kind.location.test(path)) {
    problems.push(`${path}: *${kind.suffix} files belong in ${kind.where}`);
  }
  const name = path.slice(path.lastIndexOf('/') + 1, -kind.suffix.length);
  const fullName = textOf(body.fullName);
  if (fullName !== undefined && fullName !== name) {
    problems.push(`${path}: ${root}.fullName is "${fullName}", but the file is named for "${name}"`);
  }
  const schema = kind.schema?.(name);
  if (schema) {
    const result = schema.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`${path}: ${formatPath(root, issue.path)}: ${issueMessage(body, issue)}`);
      }
    }
  }
  return { metadata: { path, name, kind, body }, problems };
}

// ---------------------------------------------------------------------------------------------------------------------
// Custom fields beyond their own file

export function checkCustomFieldNames(source: Source): string[] {
  const problems: string[] = [];
  for (const metadata of source.metadata.values()) {
    if (metadata.kind.root !== 'CustomField') continue;
    if (!metadata.name.endsWith('__c')) {
      problems.push(`${metadata.path}: CustomField API name "${metadata.name}" must end in __c`);
    }
    const object = metadata.path.split('/')[1]!;
    const type = textOf(metadata.body.type);
    if (object.endsWith('__e') && type !== undefined && !PLATFORM_EVENT_FIELD_TYPES.includes(type)) {
      problems.push(`${metadata.path}: CustomField.type: platform events cannot have ${type} fields`);
    }
  }
  return problems;
}

export interface ExpectedField {
  type: string;
  precision?: number;
  scale?: number;
  length?: number;
  visibleLines?: number;
}

/** The fields the SDR backend writes on every scored record; their API names are its contract. */
export const SCORE_OBJECTS = ['Lead', 'Contact', 'Opportunity'];
export const SCORE_FIELDS: Record<string, ExpectedField> = {
  SDR_EV_Score__c: { type: 'Number', precision: 3, scale: 0 },
  SDR_EV__c: { type: 'Currency', precision: 16, scale: 2 },
  SDR_Risk__c: { type: 'Number', precision: 3, scale: 0 },
  SDR_Urgency__c: { type: 'Number', precision: 3, scale: 0 },
  SDR_Reasons__c: { type: 'LongTextArea', length: 32768, visibleLines: 5 },
  SDR_Scored_At__c: { type: 'DateTime' },
};

export function checkExpectedFields(
  source: Source,
  objects: readonly string[],
  fields: Record<string, ExpectedField>,
): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    for (const [field, expected] of Object.entries(fields)) {
      const path = `objects/${object}/fields/${field}.field-meta.xml`;
      const metadata = source.metadata.get(path);
      if (!metadata) {
        problems.push(`${path}: missing (${object}.${field} must exist as ${expected.type})`);
        continue;
      }
      for (const [element, value] of Object.entries(expected)) {
        const actual = textOf(metadata.body[element]);
        if (actual !== String(value)) {
          problems.push(`${path}: CustomField.${element} is ${actual ?? 'missing'}, expected ${value}`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------------
// References between components

function externalCredentialPrincipals(source: Source, credential: string): string[] | undefined {
  const metadata = source.metadata.get(`externalCredentials/${credential}.externalCredential-meta.xml`);
  if (!metadata) return undefined;
  return asList(metadata.body.externalCredentialParameters)
    .map((parameter) => parameter as Body)
    .filter((parameter) => PRINCIPAL_TYPES.includes(textOf(parameter.parameterType) ?? ''))
    .map((parameter) => textOf(parameter.parameterName) ?? '');
}

function isCustomName(name: string): boolean {
  return /__(c|e|mdt|x|b)$/.test(name);
}

function checkPermissionSet(source: Source, metadata: ParsedMetadata): string[] {
  const { path, body } = metadata;
  const problems: string[] = [];
  const report = (element: string, index: number, child: string, message: string) =>
    problems.push(`${path}: PermissionSet.${element}[${index}].${child}: ${message}`);

  asList(body.fieldPermissions).forEach((entry, index) => {
    const field = textOf((entry as Body).field) ?? '';
    const [object = '', name = ''] = field.split('.');
    if (isCustomName(object) && !source.files.has(`objects/${object}/${object}.object-meta.xml`)) {
      report('fieldPermissions', index, 'field', `object ${object} is not in the source`);
    }
    if (isCustomName(name) && !source.files.has(`objects/${object}/fields/${name}.field-meta.xml`)) {
      report('fieldPermissions', index, 'field', `${field} is not in the source (objects/${object}/fields/${name})`);
    }
  });
  asList(body.objectPermissions).forEach((entry, index) => {
    const object = textOf((entry as Body).object) ?? '';
    if (isCustomName(object) && !source.files.has(`objects/${object}/${object}.object-meta.xml`)) {
      report('objectPermissions', index, 'object', `${object} is not in the source`);
    }
  });
  asList(body.classAccesses).forEach((entry, index) => {
    const name = textOf((entry as Body).apexClass) ?? '';
    if (!source.files.has(`classes/${name}.cls`)) {
      report('classAccesses', index, 'apexClass', `classes/${name}.cls is not in the source`);
    }
  });
  asList(body.customPermissions).forEach((entry, index) => {
    const name = textOf((entry as Body).name) ?? '';
    if (!source.metadata.has(`customPermissions/${name}.customPermission-meta.xml`)) {
      report('customPermissions', index, 'name', `custom permission ${name} is not in the source`);
    }
  });
  asList(body.applicationVisibilities).forEach((entry, index) => {
    const name = textOf((entry as Body).application) ?? '';
    if (!name.startsWith('standard__') && !source.metadata.has(`applications/${name}.app-meta.xml`)) {
      report('applicationVisibilities', index, 'application', `app ${name} is not in the source`);
    }
  });
  asList(body.tabSettings).forEach((entry, index) => {
    const name = textOf((entry as Body).tab) ?? '';
    if (!name.startsWith('standard-') && !source.metadata.has(`tabs/${name}.tab-meta.xml`)) {
      report('tabSettings', index, 'tab', `tab ${name} is not in the source`);
    }
  });
  asList(body.externalCredentialPrincipalAccesses).forEach((entry, index) => {
    const value = textOf((entry as Body).externalCredentialPrincipal) ?? '';
    const dash = value.indexOf('-');
    const credential = value.slice(0, dash);
    const principal = value.slice(dash + 1);
    const principals = externalCredentialPrincipals(source, credential);
    if (!principals) {
      report(
        'externalCredentialPrincipalAccesses',
        index,
        'externalCredentialPrincipal',
        `external credential ${credential} is not in the source`,
      );
    } else if (!principals.includes(principal)) {
      report(
        'externalCredentialPrincipalAccesses',
        index,
        'externalCredentialPrincipal',
        `${credential} has no principal ${principal} (it has ${principals.join(', ') || 'none'})`,
      );
    }
  });
  return problems;
}

function findFlexiPage(source: Source, name: string): Body | undefined {
  return source.metadata.get(`flexipages/${name}.flexipage-meta.xml`)?.body;
}

function checkApplication(source: Source, metadata: ParsedMetadata): string[] {
  const { path, body } = metadata;
  const problems: string[] = [];
  const tabExists = (tab: string) => tab.startsWith('standard-') || source.metadata.has(`tabs/${tab}.tab-meta.xml`);
  asList(body.tabs).forEach((tab, index) => {
    if (!tabExists(String(tab)))
      problems.push(`${path}: CustomApplication.tabs[${index}]: tab ${tab} is not in the source`);
  });
  const landing = textOf(body.defaultLandingTab);
  if (landing !== undefined && !tabExists(landing)) {
    problems.push(`${path}: CustomApplication.defaultLandingTab: tab ${landing} is not in the source`);
  }
  for (const key of ['actionOverrides', 'profileActionOverrides']) {
    asList(body[key]).forEach((entry, index) => {
      const override = entry as Body;
      const content = textOf(override.content);
      if (textOf(override.type) !== 'Flexipage' || content === undefined) return;
      const at = `${path}: CustomApplication.${key}[${index}].content`;
      const page = findFlexiPage(source, content);
      const object = textOf(override.pageOrSobjectType);
      if (!page) {
        problems.push(`${at}: Lightning page ${content} is not in the source`);
      } else if (textOf(override.actionName)?.toLowerCase() === 'view' && object !== 'record-home') {
        if (textOf(page.type) !== 'RecordPage' || textOf(page.sobjectType) !== object) {
          problems.push(`${at}: ${content} is not a record page for ${object}`);
        }
      }
    });
  }
  return problems;
}

function checkTab(source: Source, metadata: ParsedMetadata): string[] {
  const { path, body } = metadata;
  const page = textOf(body.flexiPage);
  if (page !== undefined) {
    const target = findFlexiPage(source, page);
    if (!target) return [`${path}: CustomTab.flexiPage: Lightning page ${page} is not in the source`];
    if (textOf(target.type) !== 'AppPage') return [`${path}: CustomTab.flexiPage: ${page} is not an AppPage`];
  }
  const component = textOf(body.lwcComponent);
  if (component !== undefined) {
    const bundle = source.metadata.get(`lwc/${component}/${component}.js-meta.xml`);
    if (!bundle) return [`${path}: CustomTab.lwcComponent: lwc/${component} is not in the source`];
    if (!lwcTargets(bundle.body).includes('lightning__Tab')) {
      return [`${path}: CustomTab.lwcComponent: ${component} does not list lightning__Tab among its targets`];
    }
  }
  return [];
}

function checkNamedCredential(source: Source, metadata: ParsedMetadata): string[] {
  const problems: string[] = [];
  asList(metadata.body.namedCredentialParameters).forEach((entry, index) => {
    const credential = textOf((entry as Body).externalCredential);
    if (
      credential !== undefined &&
      !source.metadata.has(`externalCredentials/${credential}.externalCredential-meta.xml`)
    ) {
      problems.push(
        `${metadata.path}: NamedCredential.namedCredentialParameters[${index}].externalCredential: ${credential} is not in the source`,
      );
    }
  });
  return problems;
}

/** Lightning page type → the target a component must list to be placed on it. */
export const PAGE_TARGETS: Record<string, string> = {
  RecordPage: 'lightning__RecordPage',
  AppPage: 'lightning__AppPage',
  HomePage: 'lightning__HomePage',
  UtilityBar: 'lightning__UtilityBar',
};

function lwcTargets(bundle: Body): string[] {
  const targets = bundle.targets as Body | undefined;
  return asList(targets?.target).map(String);
}

function targetConfigsFor(bundle: Body, target: string): Body[] {
  const configs = bundle.targetConfigs as Body | undefined;
  return asList(configs?.targetConfig)
    .map((config) => config as Body)
    .filter((config) => splitTargets(textOf(config['@_targets']) ?? '').includes(target));
}

/** A page's custom components: unnamespaced names, or the default namespace `c`. */
function customComponent(componentName: string): string | undefined {
  const [namespace, name] = componentName.includes(':') ? componentName.split(':') : ['c', componentName];
  return namespace === 'c' ? name : undefined;
}

function checkFlexiPage(source: Source, metadata: ParsedMetadata): string[] {
  const { path, body } = metadata;
  const problems: string[] = [];
  const pageType = textOf(body.type) ?? '';
  const target = PAGE_TARGETS[pageType];
  const object = textOf(body.sobjectType);
  asList(body.flexiPageRegions).forEach((region, regionIndex) => {
    asList((region as Body).itemInstances).forEach((item, itemIndex) => {
      const instance = (item as Body).componentInstance as Body | undefined;
      const componentName = textOf(instance?.componentName);
      if (!instance || componentName === undefined) return;
      const name = customComponent(componentName);
      if (name === undefined) return;
      const at = `${path}: FlexiPage.flexiPageRegions[${regionIndex}].itemInstances[${itemIndex}].componentInstance.componentName`;
      const bundle = source.metadata.get(`lwc/${name}/${name}.js-meta.xml`);
      if (!bundle) {
        problems.push(`${at}: ${componentName} needs lwc/${name}/${name}.js-meta.xml, which is not in the source`);
        return;
      }
      if (textOf(bundle.body.isExposed) !== 'true') {
        problems.push(
          `${at}: ${componentName} is not exposed (isExposed is not true in lwc/${name}/${name}.js-meta.xml)`,
        );
      }
      if (target === undefined) {
        problems.push(`${at}: no LWC target is known for a ${pageType}`);
        return;
      }
      if (!lwcTargets(bundle.body).includes(target)) {
        problems.push(
          `${at}: ${componentName} does not list ${target} among its targets, so it cannot go on a ${pageType}`,
        );
        return;
      }
      const configs = targetConfigsFor(bundle.body, target);
      const objects = configs.flatMap((config) => asList((config.objects as Body | undefined)?.object).map(String));
      if (pageType === 'RecordPage' && objects.length > 0 && !objects.includes(object ?? '')) {
        problems.push(`${at}: ${componentName} is limited to ${objects.join(', ')} record pages, not ${object}`);
      }
      const declared = new Set(
        configs.flatMap((config) => asList(config.property).map((property) => textOf((property as Body)['@_name']))),
      );
      asList(instance.componentInstanceProperties).forEach((property, propertyIndex) => {
        const propertyName = textOf((property as Body).name) ?? '';
        if (!declared.has(propertyName)) {
          problems.push(
            `${path}: FlexiPage.flexiPageRegions[${regionIndex}].itemInstances[${itemIndex}].componentInstance.componentInstanceProperties[${propertyIndex}].name: ${componentName} declares no property "${propertyName}" for ${target}`,
          );
        }
      });
    });
  });
  return problems;
}

export function checkReferences(source: Source): string[] {
  const problems: string[] = [];
  for (const metadata of source.metadata.values()) {
    switch (metadata.kind.root) {
      case 'PermissionSet':
        problems.push(...checkPermissionSet(source, metadata));
        break;
      case 'CustomApplication':
        problems.push(...checkApplication(source, metadata));
        break;
      case 'CustomTab':
        problems.push(...checkTab(source, metadata));
        break;
      case 'NamedCredential':
        problems.push(...checkNamedCredential(source, metadata));
        break;
      case 'FlexiPage':
        problems.push(...checkFlexiPage(source, metadata));
        break;
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------------
// Secrets

const SECRET_PATTERNS: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN/, what: 'a PEM block (key or certificate)' },
  // A merge field ({!$Credential...}) or a formula ('Bearer ' & ...) is how the key gets there; a literal is a leak.
  { pattern: /\bBearer\s+(?!\{!)[A-Za-z0-9\-._~+/]{8,}/i, what: 'a literal bearer token' },
  { pattern: /\bsk-[A-Za-z0-9_-]{20,}/, what: 'an API secret key (sk-…)' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
];

/** Long runs of key material: only looked for in credential files, where nothing legitimate looks like that. */
const KEY_MATERIAL = /[A-Za-z0-9+/_=-]{32,}/g;

function isCredentialFile(path: string): boolean {
  return /(^|\/)(externalCredentials|namedCredentials|remoteSiteSettings|authproviders|connectedApps)\//.test(path);
}

function lineOf(content: string, index: number): number {
  return content.slice(0, index).split('\n').length;
}

/** Looks through every text file for secrets; `files` may hold any paths (the whole package directory). */
export function checkSecrets(files: SourceFiles): string[] {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (content.includes('\u0000')) continue;
    for (const { pattern, what } of SECRET_PATTERNS) {
      const match = pattern.exec(content);
      if (match) problems.push(`${path}: line ${lineOf(content, match.index)}: looks like ${what}`);
    }
    if (!isCredentialFile(path)) continue;
    for (const match of content.matchAll(KEY_MATERIAL)) {
      const run = match[0];
      if (/\d/.test(run) && /[A-Za-z]/.test(run)) {
        problems.push(
          `${path}: line ${lineOf(content, match.index)}: looks like key material (${run.length} characters)`,
        );
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------------
// The whole source

/** Parses every deployable `*-meta.xml` in `files` (jest tests under `__tests__` are never deployed). */
export function loadSource(files: SourceFiles): { source: Source; problems: string[] } {
  const metadata = new Map<string, ParsedMetadata>();
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (!path.endsWith('-meta.xml') || path.split('/').includes('__tests__')) continue;
    const result = checkMetadataFile(path, content);
    problems.push(...result.problems);
    if (result.metadata) metadata.set(path, result.metadata);
  }
  return { source: { files, metadata }, problems };
}

/** Everything above, for a whole source tree. */
export function checkSource(files: SourceFiles): string[] {
  const { source, problems } = loadSource(files);
  return [...problems, ...checkCustomFieldNames(source), ...checkReferences(source), ...checkSecrets(files)];
}
