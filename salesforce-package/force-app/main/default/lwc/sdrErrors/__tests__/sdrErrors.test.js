import { UnreadableResponse, readJson, reduceErrors } from 'c/sdrErrors';

describe('c-sdr-errors', () => {
  const fallback = 'Something went wrong. Try again in a minute.';

  it('reads the message the controller wrote for the rep', () => {
    expect(reduceErrors({ body: { message: 'The SDR service is busy. Try again in a moment.' } }, fallback)).toBe(
      'The SDR service is busy. Try again in a moment.',
    );
    expect(reduceErrors([{ body: [{ message: 'One.' }, { message: 'Two.' }] }], fallback)).toBe('One. Two.');
  });

  it('shows an unreadable response in its own words, but never another error’s internals', () => {
    expect(reduceErrors(new UnreadableResponse('The panel cannot read this.'), fallback)).toBe(
      'The panel cannot read this.',
    );
    expect(reduceErrors(new TypeError("Cannot read properties of undefined (reading 'ev')"), fallback)).toBe(fallback);
    expect(reduceErrors({ body: { stackTrace: 'Class.SdrBackend.send: line 42' } }, fallback)).toBe(fallback);
    expect(reduceErrors(undefined, fallback)).toBe(fallback);
    expect(reduceErrors({ body: { message: '   ' } }, fallback)).toBe(fallback);
  });

  it('parses what a controller returned, and turns a string that is not JSON into the component’s sentence', () => {
    expect(readJson('{"status":"ok"}', 'Unreadable.')).toEqual({ status: 'ok' });
    const already = { status: 'ok' };
    expect(readJson(already, 'Unreadable.')).toBe(already);
    let thrown;
    try {
      readJson('<html>Service Unavailable</html>', 'The panel cannot read this.');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnreadableResponse);
    expect(reduceErrors(thrown, fallback)).toBe('The panel cannot read this.');
  });
});
