import { Writable } from 'node:stream';
import { createLogger, defaultLogFormat, type LogOutput } from '../src/logger.ts';
import { loadConfig } from '../src/config.ts';

/** A stream that keeps what is written, and says whether it is a terminal. */
function capture(isTTY: boolean): LogOutput & { text(): string } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => written });
}

describe('log lines', () => {
  it('are pretty on a terminal and JSON elsewhere when no format is set', () => {
    expect(defaultLogFormat({ isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ isTTY: false })).toBe('json');
    expect(defaultLogFormat({})).toBe('json');
  });

  it('read as one JSON object per line in the json format, secrets redacted', () => {
    const out = capture(true);
    createLogger('info', 'json', out).info(
      { req: { headers: { authorization: 'Bearer sdr_secret' } }, tenantId: 't1' },
      'request done',
    );
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 30, msg: 'request done', tenantId: 't1' });
    expect(line.req.headers.authorization).toBe('[redacted]');
  });

  it('read as words in the pretty format: time, level and message first, no JSON envelope', () => {
    const out = capture(false);
    createLogger('info', 'pretty', out).warn({ tenantId: 't1' }, 'sync paused');
    const text = out.text();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: sync paused/);
    expect(text).toContain('"tenantId":"t1"');
    expect(() => JSON.parse(text)).toThrow();
    // Not coloured when the output is not a terminal.
    expect(text).not.toContain('\u001b[');
  });

  it('follow the level, whatever the format', () => {
    const out = capture(false);
    const logger = createLogger('warn', 'pretty', out);
    logger.info('not shown');
    logger.error('shown');
    expect(out.text()).not.toContain('not shown');
    expect(out.text()).toContain('ERROR: shown');
  });

  it('take LOG_FORMAT from the environment, and refuse other values', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
