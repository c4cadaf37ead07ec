import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has working defaults: the embedded database in .data beside where npm was started, demo seeded', () => {
    const config = loadConfig({ INIT_CWD: '/srv/sdr' });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/sdr/.data',
      seedDemo: true,
      corsOrigins: [],
      bodyLimit: '2mb',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://sdr@db:5432/sdr',
      DATA_DIR: '/var/lib/sdr',
      CORS_ORIGINS: 'https://acme.my.salesforce.com, https://app.hubspot.com',
      SEED_DEMO: 'false',
      BODY_LIMIT: '512kb',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://sdr@db:5432/sdr',
      dataDir: '/var/lib/sdr',
      corsOrigins: ['https://acme.my.salesforce.com', 'https://app.hubspot.com'],
      seedDemo: false,
      bodyLimit: '512kb',
      logLevel: 'warn',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).seedDemo).toBe(false);
  });

  it('reports each bad variable on its own readable line', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x', CORS_ORIGINS: 'not a url', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((line) => line.startsWith('PORT: '))).toContain('"eighty"');
    expect(problems.find((line) => line.startsWith('DATABASE_URL: '))).toContain('postgres');
    expect(problems.some((line) => line.startsWith('CORS_ORIGINS: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('LOG_LEVEL: '))).toBe(true);
    expect((error as Error).message.split('\n')).toHaveLength(5);
  });
});
