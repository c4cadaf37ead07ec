import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SalesforceStandIn } from '../../../backend/test/stand-ins/salesforce/index.ts';
import { REGISTRATION_TOKEN, startBackend, startOrg, type RunningBackend } from './harness.ts';

/**
 * The plugin as people use it: built, linked into the real sf CLI, and run against the org stand-in (logged in
 * with an access token) and the backend. sf keeps its state in HOME and the XDG folders, all inside a temp dir.
 * sf takes a few seconds to start, so this test runs it only a handful of times.
 */

const PLUGIN_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO = join(PLUGIN_DIR, '..', '..');
const SF = realpathSync(join(REPO, 'node_modules', '.bin', 'sf'));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the backend answering sf lives in this very process.
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...args], { cwd: env.HOME, env, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function jsonOf(result: Run): { status: number; result: Record<string, unknown> } {
  let json: { status: number; result: Record<string, unknown> };
  try {
    json = JSON.parse(result.stdout) as typeof json;
  } catch {
    throw new Error(`sf did not print JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  // A failure's JSON says why; show it rather than a bare status mismatch.
  if (json.status !== 0) throw new Error(`sf failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return json;
}

describe('the plugin in the real sf CLI', () => {
  const home = mkdtempSync(join(tmpdir(), 'sdr-sf-home-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    SF_CONTENT_TYPE: '',
    // A linked ESM plugin runs from lib/; oclif would say so on every command.
    OCLIF_DISABLE_LINKED_ESM_WARNING: 'true',
    FORCE_COLOR: '0',
  };
  let backend: RunningBackend;
  let sf: SalesforceStandIn;

  beforeAll(async () => {
    const [build, started, org] = await Promise.all([
      run(TSC, ['-p', join(PLUGIN_DIR, 'tsconfig.build.json')], env),
      startBackend(),
      startOrg(),
    ]);
    backend = started;
    sf = org;
    if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    const link = await run(SF, ['plugins', 'link', PLUGIN_DIR, '--no-install'], env);
    if (link.code !== 0) throw new Error(`sf plugins link failed:\n${link.stdout}${link.stderr}`);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the sdr commands in its help', async () => {
    const help = await run(SF, ['sdr', '--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['sdr connect', 'sdr status', 'sdr rescore', 'sdr battlecards', 'sdr routing']) {
      expect(help.stdout).toContain(command);
    }
  }, 60_000);

  it('connects an org it logged in to, then reports its status', async () => {
    const { accessToken } = sf.issueSession();
    const login = await run(
      SF,
      ['org', 'login', 'access-token', '--instance-url', sf.url, '--alias', 'standin', '--no-prompt', '--json'],
      { ...env, SF_ACCESS_TOKEN: accessToken },
    );
    expect(jsonOf(login)).toMatchObject({ status: 0, result: { orgId: sf.orgId, username: sf.username } });

    const connect = jsonOf(
      await run(SF, ['sdr', 'connect', '--target-org', 'standin', '--backend-url', backend.url, '--json'], {
        ...env,
        SDR_REGISTRATION_TOKEN: REGISTRATION_TOKEN,
      }),
    );
    expect(connect).toMatchObject({
      status: 0,
      result: {
        orgId: sf.orgId,
        registered: 'created',
        namedCredentialUrl: backend.url,
        backendCheck: { ok: true },
        orgCheck: { ok: true },
      },
    });
    const key = sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey')!;
    expect(JSON.stringify(connect)).not.toContain(key);

    const status = jsonOf(await run(SF, ['sdr', 'status', '--target-org', 'standin', '--json'], env));
    expect(status).toMatchObject({
      status: 0,
      result: {
        backend: { url: backend.url, reachable: true, keyAccepted: true },
        org: { namedCredentialUrl: backend.url, keyStored: true },
      },
    });
  }, 120_000);
});
