import { defineFieldFromSpec } from './schema.ts';
import type { FieldDefinition, FieldSpec, ObjectSpec } from './schema.ts';

/**
 * Setup objects an admin tool reads: the Organization (one record, whose id is the org id), permission sets and
 * their assignments, and CSP Trusted Sites (also a Tooling API object, where the SDR plugin changes its URL).
 * Only the fields those tools use; all read-only to the data API except where Salesforce allows writes.
 */

const READ_ONLY = { createable: false, updateable: false } as const;

function field(spec: FieldSpec, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return defineFieldFromSpec(spec, extra);
}

const audit = (): FieldDefinition[] => [
  field({ name: 'CreatedDate', type: 'datetime', ...READ_ONLY }, { nillable: false, defaultedOnCreate: true }),
  field(
    { name: 'CreatedById', type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy', ...READ_ONLY },
    { nillable: false, defaultedOnCreate: true },
  ),
  field({ name: 'LastModifiedDate', type: 'datetime', ...READ_ONLY }, { nillable: false, defaultedOnCreate: true }),
  field(
    {
      name: 'LastModifiedById',
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
      ...READ_ONLY,
    },
    { nillable: false, defaultedOnCreate: true },
  ),
  field({ name: 'SystemModstamp', type: 'datetime', ...READ_ONLY }, { nillable: false, defaultedOnCreate: true }),
];

const idField = (label: string) =>
  field({ name: 'Id', type: 'id', label: `${label} ID`, ...READ_ONLY }, { nillable: false, idLookup: true });

export const organization: ObjectSpec = {
  name: 'Organization',
  label: 'Organization',
  labelPlural: 'Organizations',
  keyPrefix: '00D',
  kind: 'sobject',
  deletable: false,
  fields: [
    idField('Organization'),
    field({ name: 'Name', type: 'string', length: 80, ...READ_ONLY }, { nameField: true, nillable: false }),
    field({ name: 'InstanceName', type: 'string', length: 5, ...READ_ONLY }),
    field({ name: 'IsSandbox', type: 'boolean', ...READ_ONLY }),
    field({ name: 'OrganizationType', type: 'string', length: 40, ...READ_ONLY }),
    field({ name: 'NamespacePrefix', type: 'string', length: 15, ...READ_ONLY }),
    field({ name: 'TrialExpirationDate', type: 'datetime', ...READ_ONLY }),
    ...audit(),
  ],
};

export const permissionSet: ObjectSpec = {
  name: 'PermissionSet',
  label: 'Permission Set',
  labelPlural: 'Permission Sets',
  keyPrefix: '0PS',
  kind: 'sobject',
  deletable: true,
  fields: [
    idField('Permission Set'),
    field({ name: 'Name', type: 'string', length: 80, required: true }, { nameField: false }),
    field({ name: 'Label', type: 'string', length: 80, required: true }),
    field({ name: 'IsOwnedByProfile', type: 'boolean', ...READ_ONLY }),
    ...audit(),
  ],
};

export const permissionSetAssignment: ObjectSpec = {
  name: 'PermissionSetAssignment',
  label: 'Permission Set Assignment',
  labelPlural: 'Permission Set Assignments',
  keyPrefix: '0Pa',
  kind: 'sobject',
  deletable: true,
  fields: [
    idField('Permission Set Assignment'),
    field({
      name: 'AssigneeId',
      type: 'reference',
      required: true,
      referenceTo: ['User'],
      relationshipName: 'Assignee',
      updateable: false,
    }),
    field({
      name: 'PermissionSetId',
      type: 'reference',
      required: true,
      referenceTo: ['PermissionSet'],
      relationshipName: 'PermissionSet',
      updateable: false,
    }),
    field({ name: 'IsActive', type: 'boolean', ...READ_ONLY }, { defaultValue: true }),
    ...audit(),
  ],
};

export const cspTrustedSite: ObjectSpec = {
  name: 'CspTrustedSite',
  label: 'CSP Trusted Site',
  labelPlural: 'CSP Trusted Sites',
  keyPrefix: '08y',
  kind: 'sobject',
  deletable: true,
  fields: [
    idField('CSP Trusted Site'),
    field({ name: 'DeveloperName', type: 'string', length: 80, required: true, updateable: false }),
    field({ name: 'MasterLabel', type: 'string', length: 80, required: true }),
    field({ name: 'EndpointUrl', type: 'url', length: 2083, required: true }),
    field({ name: 'Description', type: 'textarea', length: 255 }),
    field({ name: 'IsActive', type: 'boolean', defaultValue: true }),
    field({
      name: 'Context',
      type: 'picklist',
      length: 40,
      defaultValue: 'All',
      picklistValues: ['All', 'LEX', 'Communities', 'VisualForce'],
    }),
    field({ name: 'IsApplicableToConnectSrc', type: 'boolean', defaultValue: true }),
    field({ name: 'IsApplicableToFrameSrc', type: 'boolean' }),
    field({ name: 'IsApplicableToImgSrc', type: 'boolean' }),
    ...audit(),
  ],
};

export const SETUP_OBJECTS = [organization, permissionSet, permissionSetAssignment, cspTrustedSite];
