// Which SDK model each successful response of the stand-in must satisfy, and a check over a whole request log.
import { expect } from '@jest/globals';
import type { CallRecord } from './index.ts';
import { resolveObjectType, type ObjectType } from './object-types.ts';
import { requiredAttributeProblems } from './required-attributes.ts';

export interface ModelRef {
  model: string;
  folder: string;
}

const OBJECT_FOLDERS: Record<ObjectType, string> = {
  contacts: 'crm/contacts',
  companies: 'crm/companies',
  deals: 'crm/deals',
  notes: 'crm/objects/notes',
  tasks: 'crm/objects/tasks',
  calls: 'crm/objects/calls',
  emails: 'crm/objects/emails',
  meetings: 'crm/objects/meetings',
};

export function objectFolder(type: ObjectType): string {
  return OBJECT_FOLDERS[type];
}

const T = '([^/]+)';
const ASSOCIATIONS = 'crm/associations/v4';

interface Rule {
  method: string;
  path: RegExp;
  model: (status: number, type: ObjectType | undefined) => ModelRef;
}

const object = (model: string) => (_status: number, type: ObjectType | undefined) => ({
  model,
  folder: objectFolder(type ?? 'contacts'),
});
const objectBatch = (status: number, type: ObjectType | undefined) => ({
  model: status === 207 ? 'BatchResponseSimplePublicObjectWithErrors' : 'BatchResponseSimplePublicObject',
  folder: objectFolder(type ?? 'contacts'),
});
const fixed = (model: string, folder: string) => () => ({ model, folder });

const RULES: Rule[] = [
  { method: 'POST', path: /^\/oauth\/v1\/token$/, model: fixed('TokenResponseIF', 'oauth') },
  { method: 'GET', path: /^\/oauth\/v1\/access-tokens\/[^/]+$/, model: fixed('AccessTokenInfoResponse', 'oauth') },
  { method: 'GET', path: /^\/oauth\/v1\/refresh-tokens\/[^/]+$/, model: fixed('RefreshTokenInfoResponse', 'oauth') },
  {
    method: 'GET',
    path: new RegExp(`^/crm/v3/objects/${T}$`),
    model: object('CollectionResponseSimplePublicObjectWithAssociationsForwardPaging'),
  },
  { method: 'POST', path: new RegExp(`^/crm/v3/objects/${T}$`), model: object('SimplePublicObject') },
  {
    method: 'POST',
    path: new RegExp(`^/crm/v3/objects/${T}/search$`),
    model: object('CollectionResponseWithTotalSimplePublicObjectForwardPaging'),
  },
  { method: 'POST', path: new RegExp(`^/crm/v3/objects/${T}/batch/(read|create|update)$`), model: objectBatch },
  {
    method: 'GET',
    path: new RegExp(`^/crm/v3/objects/${T}/${T}$`),
    model: object('SimplePublicObjectWithAssociations'),
  },
  { method: 'PATCH', path: new RegExp(`^/crm/v3/objects/${T}/${T}$`), model: object('SimplePublicObject') },
  {
    method: 'GET',
    path: new RegExp(`^/crm/v3/properties/${T}/groups$`),
    model: fixed('CollectionResponsePropertyGroupNoPaging', 'crm/properties'),
  },
  {
    method: 'POST',
    path: new RegExp(`^/crm/v3/properties/${T}/groups$`),
    model: fixed('PropertyGroup', 'crm/properties'),
  },
  {
    method: 'GET|PATCH',
    path: new RegExp(`^/crm/v3/properties/${T}/groups/${T}$`),
    model: fixed('PropertyGroup', 'crm/properties'),
  },
  {
    method: 'GET',
    path: new RegExp(`^/crm/v3/properties/${T}$`),
    model: fixed('CollectionResponsePropertyNoPaging', 'crm/properties'),
  },
  { method: 'POST', path: new RegExp(`^/crm/v3/properties/${T}$`), model: fixed('Property', 'crm/properties') },
  {
    method: 'GET|PATCH',
    path: new RegExp(`^/crm/v3/properties/${T}/${T}$`),
    model: fixed('Property', 'crm/properties'),
  },
  {
    method: 'GET',
    path: /^\/crm\/v3\/owners\/?$/,
    model: fixed('CollectionResponsePublicOwnerForwardPaging', 'crm/owners'),
  },
  { method: 'GET', path: new RegExp(`^/crm/v3/owners/${T}$`), model: fixed('PublicOwner', 'crm/owners') },
  {
    method: 'PUT',
    path: new RegExp(`^/crm/v4/objects/${T}/${T}/associations/default/${T}/${T}$`),
    model: fixed('BatchResponsePublicDefaultAssociation', ASSOCIATIONS),
  },
  {
    method: 'PUT',
    path: new RegExp(`^/crm/v4/objects/${T}/${T}/associations/${T}/${T}$`),
    model: fixed('LabelsBetweenObjectPair', ASSOCIATIONS),
  },
  {
    method: 'GET',
    path: new RegExp(`^/crm/v4/objects/${T}/${T}/associations/${T}$`),
    model: fixed('CollectionResponseMultiAssociatedObjectWithLabelForwardPaging', ASSOCIATIONS),
  },
  {
    method: 'POST',
    path: new RegExp(`^/crm/v4/associations/${T}/${T}/batch/create$`),
    model: (status) => ({
      model: status === 207 ? 'BatchResponseLabelsBetweenObjectPairWithErrors' : 'BatchResponseLabelsBetweenObjectPair',
      folder: ASSOCIATIONS,
    }),
  },
  {
    method: 'POST',
    path: new RegExp(`^/crm/v4/associations/${T}/${T}/batch/associate/default$`),
    model: fixed('BatchResponsePublicDefaultAssociation', ASSOCIATIONS),
  },
  {
    method: 'POST',
    path: new RegExp(`^/crm/v4/associations/${T}/${T}/batch/read$`),
    model: (status) => ({
      model:
        status === 207
          ? 'BatchResponsePublicAssociationMultiWithLabelWithErrors'
          : 'BatchResponsePublicAssociationMultiWithLabel',
      folder: ASSOCIATIONS,
    }),
  },
];

export function modelForCall(call: Pick<CallRecord, 'method' | 'path' | 'status'>): ModelRef | undefined {
  for (const rule of RULES) {
    if (!rule.method.split('|').includes(call.method)) continue;
    const match = rule.path.exec(call.path);
    if (!match) continue;
    const type = /^\/crm\/v3\/objects\//.test(call.path) ? resolveObjectType(match[1] ?? '') : undefined;
    return rule.model(call.status, type);
  }
  return undefined;
}

// Every successful JSON response in the log must satisfy its model; returns how many were checked.
export function expectServedBodiesConform(calls: readonly CallRecord[]): number {
  const problems: string[] = [];
  let checked = 0;
  for (const call of calls) {
    if (call.status < 200 || call.status >= 300 || call.responseBody === undefined) continue;
    const ref = modelForCall(call);
    if (!ref) {
      problems.push(`${call.method} ${call.path} (${call.status}): no model known for this response`);
      continue;
    }
    checked += 1;
    for (const problem of requiredAttributeProblems(call.responseBody, ref.model, ref.folder))
      problems.push(`${call.method} ${call.path} (${call.status}): ${problem}`);
  }
  expect(problems).toEqual([]);
  return checked;
}
