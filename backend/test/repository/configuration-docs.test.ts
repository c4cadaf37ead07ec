import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema, loadConfig } from '../../src/config.ts';
import { loadEnvFile } from '../../src/env-file.ts';

// .env.example and the README's configuration table say what config.ts reads: every variable, each default.

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const variables = Object.keys(EnvSchema.shape).sort();
type Field = (typeof EnvSchema.shape)[keyof typeof EnvSchema.shape];

/** `#NAME=value` lines (commented out or not) of .env.example. */
async function exampleLines(): Promise<Map<string, string>> {
  const text = await readFile(path.join(repo, '.env.example'), 'utf8');
  const lines = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^#?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) {
      expect(lines.has(match[1]!)).toBe(false);
      lines.set(match[1]!, match[2]!);
    }
  }
  return lines;
}

describe('.env.example', () => {
  it('lists every variable the service reads, and nothing else', async () => {
    expect([...(await exampleLines()).keys()].sort()).toEqual(variables);
  });

  it("shows each variable's default, or an empty value where there is none", async () => {
    for (const [name, value] of await exampleLines()) {
      const field = EnvSchema.shape[name as keyof typeof EnvSchema.shape] as Field;
      const unset = field.safeParse(undefined);
      expect({ name, parsesUnset: unset.success }).toEqual({ name, parsesUnset: true });
      if (value === '') {
        // The service reads an empty value as unset: shown empty, the variable has no default of its own (or one
        // that depends on other variables), or its default is the empty one.
        const empty = unset.data === undefined ? undefined : field.parse('');
        expect({ name, default: unset.data }).toEqual({ name, default: empty });
      } else {
        expect({ name, shown: field.parse(value) }).toEqual({ name, shown: unset.data });
      }
    }
  });

  it('is accepted whole by the service as a .env file once its lines are uncommented', async () => {
    const text = await readFile(path.join(repo, '.env.example'), 'utf8');
    const env = Object.fromEntries(
      [...text.matchAll(/^#([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe("the README's configuration table", () => {
  it('names every variable the service reads, and nothing else', async () => {
    const readme = await readFile(path.join(repo, 'README.md'), 'utf8');
    const section = readme.split('\n## Configuration')[1]!.split('\n## ')[0]!;
    const names = new Set<string>();
    for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
      const first = row.split('|')[1]!;
      for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]!);
    }
    expect([...names].sort()).toEqual(variables);
  });
});

describe('a .env file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-env-'));
    await writeFile(path.join(dir, '.env'), 'SDR_ENV_FILE_PROBE=from-file\nSDR_ENV_FILE_KEPT=from-file\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is read from the folder npm was started in, the environment winning', () => {
    const env: NodeJS.ProcessEnv = { INIT_CWD: dir, SDR_ENV_FILE_KEPT: 'from-environment' };
    expect(loadEnvFile(env)).toBe(path.join(dir, '.env'));
    expect(env).toMatchObject({ SDR_ENV_FILE_PROBE: 'from-file', SDR_ENV_FILE_KEPT: 'from-environment' });
    expect(loadEnvFile({ INIT_CWD: path.join(dir, 'nowhere') })).toBeNull();
  });

  it('is never read by test runs', () => {
    const env: NodeJS.ProcessEnv = { INIT_CWD: dir, NODE_ENV: 'test' };
    expect(loadEnvFile(env)).toBeNull();
    expect(env.SDR_ENV_FILE_PROBE).toBeUndefined();
  });
});
