import { boundaryOf, MultipartError, parseMultipart } from './multipart.ts';

// The bytes and content type fetch (undici) sends for a form, as the SDK's uploads go out.
async function encoded(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

function failureOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('It parsed');
}

describe('OpenAI stand-in: multipart/form-data', () => {
  it('reads what fetch encodes: text fields in order, and a file byte for byte', async () => {
    // Every byte value, plus the sequences a careless parser would split on.
    const audio = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\r\n--\r\n\r\n------formdata-undici-0\r\n--'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
    ]);
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    form.append('prompt', 'Zoë said "hi"\r\nthen left');
    form.append('file', new Blob([audio], { type: 'audio/wav' }), 'Gespräch "1".wav');

    const { body, contentType } = await encoded(form);
    const parsed = parseMultipart(body, contentType);

    expect(parsed.fields).toEqual({
      model: ['whisper-1'],
      'timestamp_granularities[]': ['word', 'segment'],
      prompt: ['Zoë said "hi"\r\nthen left'],
    });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ field: 'file', filename: 'Gespräch "1".wav', contentType: 'audio/wav' });
    expect(parsed.files[0]!.data.equals(audio)).toBe(true);
  });

  it('reads an empty file and an empty field', async () => {
    const form = new FormData();
    form.append('language', '');
    form.append('file', new Blob([], { type: 'audio/mpeg' }), 'empty.mp3');

    const { body, contentType } = await encoded(form);
    const parsed = parseMultipart(body, contentType);

    expect(parsed.fields).toEqual({ language: [''] });
    expect(parsed.files[0]!.data.length).toBe(0);
  });

  it('skips the preamble and epilogue, and takes quoted boundaries, padding and RFC 5987 names', () => {
    const body = crlf([
      'This preamble is ignored.',
      '--b"1',
      'Content-Disposition: form-data; name="model"',
      '',
      'whisper-1',
      '--b"1 \t',
      'Content-Disposition: form-data; name=file; filename="fallback.mp3"; filename*=UTF-8\'\'%E2%82%AC.mp3',
      '',
      'ID3',
      '--b"1--',
      'This epilogue is ignored too.',
    ]);

    const parsed = parseMultipart(body, 'multipart/form-data; boundary="b\\"1"');

    expect(parsed.fields).toEqual({ model: ['whisper-1'] });
    expect(parsed.files).toEqual([
      { field: 'file', filename: '€.mp3', contentType: 'application/octet-stream', data: Buffer.from('ID3') },
    ]);
  });

  it('tells the boundary only of multipart/form-data', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data;boundary="a b"; charset=utf-8')).toBe('a b');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
  });

  it.each([
    ['no boundary in the content type', crlf(['--b', '']), 'multipart/form-data', /names no/],
    ['no boundary in the body', Buffer.from('just text'), 'multipart/form-data; boundary=b', /holds no boundary/],
    [
      'no closing boundary',
      crlf(['--b', 'Content-Disposition: form-data; name="a"', '', 'x']),
      'multipart/form-data; boundary=b',
      /ends before its closing boundary/,
    ],
    [
      'a part without Content-Disposition',
      crlf(['--b', 'Content-Type: text/plain', '', 'x', '--b--']),
      'multipart/form-data; boundary=b',
      /without Content-Disposition/,
    ],
    [
      'a part without a name',
      crlf(['--b', 'Content-Disposition: form-data; filename="a.wav"', '', 'x', '--b--']),
      'multipart/form-data; boundary=b',
      /without a name/,
    ],
    [
      'a part whose headers never end',
      crlf(['--b', 'Content-Disposition: form-data; name="a"']),
      'multipart/form-data; boundary=b',
      /headers never end/,
    ],
  ])('refuses a body with %s', (_name, body, contentType, message) => {
    const error = failureOf(() => parseMultipart(body, contentType));
    expect(error).toBeInstanceOf(MultipartError);
    expect(error.message).toMatch(message);
  });
});
