import {
  FIX_FIELDS,
  RefusedChanges,
  UNREADABLE,
  byField,
  callAdmin,
  fieldErrorsOf,
  listFromText,
  messageOf,
  numberOrNull,
} from 'c/sdrAdminApi';
import { UnreadableResponse } from 'c/sdrErrors';

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';

describe('c/sdrAdminApi', () => {
  it('returns the data of an ok answer, passing the parameters on', async () => {
    const method = jest.fn().mockResolvedValue(JSON.stringify({ status: 'ok', data: { data: [] } }));
    await expect(callAdmin(method, { version: 7 })).resolves.toEqual({ data: [] });
    expect(method).toHaveBeenCalledWith({ version: 7 });
  });

  it('throws a refusal with its problems by field, without the body. prefix', async () => {
    const method = jest.fn().mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'body.rules.0.name: Too small; body.rules.0.name: Not unique; query.cursor: Bad cursor',
        errors: [
          { field: 'body.rules.0.name', message: 'Too small' },
          { field: 'body.rules.0.name', message: 'Not unique' },
          { field: 'query.cursor', message: 'Bad cursor' },
          { field: 3, message: 'ignored' },
        ],
      }),
    );
    const error = await callAdmin(method).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(RefusedChanges);
    // The detail repeats the problems by path; the sentence sends the admin to the fields instead.
    expect(messageOf(error, 'fallback')).toBe(FIX_FIELDS);
    expect(fieldErrorsOf(error)).toEqual({ 'rules.0.name': 'Too small Not unique', 'query.cursor': 'Bad cursor' });
  });

  it('a refusal without a message still says something', () => {
    expect(new RefusedChanges(undefined, undefined).message).toBe('The SDR service could not accept these changes.');
    expect(byField(null)).toEqual({});
  });

  it.each([
    ['not json'],
    [JSON.stringify({ status: 'ok' })],
    [JSON.stringify({ status: 'other' })],
    [JSON.stringify(null)],
  ])('reads %s as an answer it cannot read', async (raw) => {
    const error = await callAdmin(jest.fn().mockResolvedValue(raw)).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(UnreadableResponse);
    expect(messageOf(error, 'fallback')).toBe(UNREADABLE);
  });

  it('passes Apex errors on for messageOf, which shows their message and never internals', async () => {
    const apexError = { body: { message: UNREACHABLE }, status: 500 };
    const error = await callAdmin(jest.fn().mockRejectedValue(apexError)).catch((thrown) => thrown);
    expect(messageOf(error, 'fallback')).toBe(UNREACHABLE);
    expect(fieldErrorsOf(error)).toEqual({});
    expect(messageOf(new TypeError('x is undefined'), 'Something went wrong.')).toBe('Something went wrong.');
  });

  it('reads lists and numbers as typed', () => {
    expect(listFromText(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(listFromText(undefined)).toEqual([]);
    expect(numberOrNull('12')).toBe(12);
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('twelve')).toBeNull();
  });
});
