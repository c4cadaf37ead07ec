import type { FieldDefinition, ObjectDefinition, Schema } from './schema.ts';

/** The describe results of the REST API: `/sobjects` (describeGlobal) and `/sobjects/<type>/describe`. */

const SOAP_TYPES: Record<FieldDefinition['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function urls(object: ObjectDefinition, version: string) {
  const base = `/services/data/${version}/sobjects/${object.name}`;
  return object.kind === 'platformEvent'
    ? { eventSchema: `${base}/eventSchema`, sobject: base, describe: `${base}/describe` }
    : {
        compactLayouts: `${base}/describe/compactLayouts`,
        rowTemplate: `${base}/{ID}`,
        approvalLayouts: `${base}/describe/approvalLayouts`,
        defaultValues: `${base}/defaultValues?recordTypeId&fields`,
        listviews: `${base}/listviews`,
        describe: `${base}/describe`,
        quickActions: `${base}/quickActions`,
        layouts: `${base}/describe/layouts`,
        sobject: base,
      };
}

/** The entry describeGlobal lists for an object, also the `objectDescribe` of `/sobjects/<type>`. */
export function objectSummary(object: ObjectDefinition, version: string) {
  const isRecord = object.kind === 'sobject';
  const writable = isRecord && object.name !== 'User';
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: isRecord || object.kind === 'platformEvent',
    custom: object.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    feedEnabled: isRecord,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: isRecord,
    mergeable: writable && object.name !== 'Opportunity' && object.name !== 'Task',
    mruEnabled: isRecord,
    name: object.name,
    queryable: isRecord,
    replicateable: isRecord,
    retrieveable: isRecord,
    searchable: isRecord,
    triggerable: true,
    undeletable: object.deletable,
    updateable: isRecord,
    urls: urls(object, version),
  };
}

export function describeGlobal(schema: Schema, version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects().map((o) => objectSummary(o, version)),
  };
}

function describeField(field: FieldDefinition) {
  const textual = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox'];
  return {
    aggregatable: field.groupable || ['int', 'double', 'currency', 'percent', 'date', 'datetime'].includes(field.type),
    aiPredictionField: false,
    autoNumber: false,
    byteLength:
      textual.includes(field.type) || field.type === 'id' || field.type === 'reference' ? field.length * 3 : 0,
    calculated: field.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo:
      field.type === 'textarea' ? (field.length > 255 ? 'plaintextarea' : null) : field.type === 'url' ? 'url' : null,
    filterable: field.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: field.groupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.idLookup,
    inlineHelpText: field.inlineHelpText,
    label: field.label,
    length: field.length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: field.referenceTo.length > 1,
    nillable: field.nillable,
    permissionable: field.nillable && field.createable,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: field.referenceTo.length > 1,
    precision: field.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[field.type],
    sortable: field.sortable,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}

export function describeSObject(schema: Schema, object: ObjectDefinition, version: string) {
  const childRelationships = schema.objects().flatMap((child) =>
    child.fields
      .filter((f) => f.referenceTo.includes(object.name) && child.kind === 'sobject')
      .map((f) => ({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: f.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: childRelationshipName(child, f),
        restrictedDelete: false,
      })),
  );
  return {
    ...objectSummary(object, version),
    actionOverrides: [],
    childRelationships,
    compactLayoutable: object.kind === 'sobject',
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: object.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos:
      object.kind === 'sobject'
        ? [
            {
              active: true,
              available: true,
              defaultRecordTypeMapping: true,
              developerName: 'Master',
              master: true,
              name: 'Master',
              recordTypeId: '012000000000000AAA',
              urls: { layout: `/services/data/${version}/sobjects/${object.name}/describe/layouts/012000000000000AAA` },
            },
          ]
        : [],
    searchLayoutable: object.kind === 'sobject',
    sobjectDescribeOption: 'FULL',
    supportedScopes: object.kind === 'sobject' ? [{ label: 'All', name: 'everything' }] : [],
  };
}

// The standard names (Contacts, Opportunities, Tasks…) where they exist; `<Child>s` otherwise.
function childRelationshipName(child: { name: string; labelPlural: string }, field: FieldDefinition): string | null {
  if (field.custom) return `${child.labelPlural.replace(/\W/g, '_')}__r`;
  if (['CreatedById', 'LastModifiedById'].includes(field.name)) return null;
  if (child.name === 'Task') return 'Tasks';
  if (field.name === 'ParentId') return 'ChildAccounts';
  if (field.name === 'OwnerId' || field.name === 'ManagerId') return null;
  if (field.name.startsWith('Converted')) return null;
  return child.labelPlural.replace(/\W/g, '');
}
