import { requiredAttributeProblems } from './required-attributes.ts';
import { modelForCall } from './response-models.ts';

const contact = () => ({
  id: '1001',
  properties: { email: 'a@example.com', phone: null },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  archived: false,
});

describe('the required-attributes check against the SDK’s models', () => {
  it('accepts a complete body, leaving optional attributes out', () => {
    expect(requiredAttributeProblems(contact(), 'SimplePublicObject', 'crm/contacts')).toEqual([]);
  });

  it('reports each missing or null required attribute', () => {
    const { id: _id, ...withoutId } = contact();

    expect(requiredAttributeProblems({ ...withoutId, updatedAt: null }, 'SimplePublicObject', 'crm/contacts')).toEqual([
      'SimplePublicObject.id: required by SimplePublicObject but missing',
      'SimplePublicObject.updatedAt: required by SimplePublicObject but missing',
    ]);
  });

  it('follows nested models, arrays, maps, dates and enums', () => {
    const body = {
      status: 'DONE',
      results: [contact(), { ...contact(), createdAt: 'yesterday', properties: { email: 7.5 } }],
      startedAt: '2025-01-01T00:00:00Z',
      completedAt: '2025-01-01T00:00:01Z',
      errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'gone', context: { ids: ['2'] } }],
    };

    expect(requiredAttributeProblems(body, 'BatchResponseSimplePublicObjectWithErrors', 'crm/contacts')).toEqual([
      'BatchResponseSimplePublicObjectWithErrors.results[1].createdAt: expected a date, got "yesterday"',
      'BatchResponseSimplePublicObjectWithErrors.results[1].properties.email: expected a string, got 7.5',
      'BatchResponseSimplePublicObjectWithErrors.errors[0].links: required by StandardError but missing',
      'BatchResponseSimplePublicObjectWithErrors.errors[0].errors: required by StandardError but missing',
      'BatchResponseSimplePublicObjectWithErrors.status: "DONE" is not one of BatchResponseSimplePublicObjectWithErrorsStatusEnum (PENDING, PROCESSING, CANCELED, COMPLETE)',
    ]);
  });

  it('uses wire names on bodies and property names on SDK instances', () => {
    const wire = { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 1800 };

    expect(requiredAttributeProblems(wire, 'TokenResponseIF', 'oauth')).toEqual([]);
    expect(requiredAttributeProblems(wire, 'TokenResponseIF', 'oauth', 'instance')).toEqual([
      'TokenResponseIF: expected an instance of TokenResponseIF, got Object',
      'TokenResponseIF.accessToken: required by TokenResponseIF but missing',
      'TokenResponseIF.refreshToken: required by TokenResponseIF but missing',
      'TokenResponseIF.tokenType: required by TokenResponseIF but missing',
      'TokenResponseIF.expiresIn: required by TokenResponseIF but missing',
    ]);
  });

  it('knows the model of each kind of successful response', () => {
    expect(modelForCall({ method: 'POST', path: '/crm/v3/objects/0-1/batch/update', status: 207 })).toEqual({
      model: 'BatchResponseSimplePublicObjectWithErrors',
      folder: 'crm/contacts',
    });
    expect(modelForCall({ method: 'GET', path: '/crm/v3/objects/tasks/5000001', status: 200 })).toEqual({
      model: 'SimplePublicObjectWithAssociations',
      folder: 'crm/objects/tasks',
    });
    expect(modelForCall({ method: 'POST', path: '/crm/v3/objects/0-48/batch/read', status: 200 })).toEqual({
      model: 'BatchResponseSimplePublicObject',
      folder: 'crm/objects/calls',
    });
    expect(modelForCall({ method: 'GET', path: '/crm/v3/objects/meetings', status: 200 })).toEqual({
      model: 'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging',
      folder: 'crm/objects/meetings',
    });
    expect(modelForCall({ method: 'POST', path: '/crm/v3/objects/email/search', status: 200 })?.folder).toBe(
      'crm/objects/emails',
    );
    expect(
      modelForCall({ method: 'GET', path: '/crm/v3/properties/deals/groups/dealinformation', status: 200 }),
    ).toEqual({
      model: 'PropertyGroup',
      folder: 'crm/properties',
    });
    expect(modelForCall({ method: 'GET', path: '/crm/v3/owners/', status: 200 })?.model).toBe(
      'CollectionResponsePublicOwnerForwardPaging',
    );
  });
});
