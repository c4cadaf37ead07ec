// Salesforce Code Analyzer's PMD engine over the package's Apex: the security rules AppExchange review runs, offline.
// The sf plugin cannot be installed here, so the analyzer's core library drives the engine directly (Java 17 runs PMD).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } from '@salesforce/code-analyzer-core';
import type { LogEvent, RunResults, Violation } from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const forceApp = join(packageRoot, 'force-app');

const NAMED_RULES = [
  'ApexSOQLInjection',
  'ApexSharingViolations',
  'ApexCRUDViolation',
  'ApexInsecureEndpoint',
  'ApexOpenRedirect',
  'ApexXSSFromURLParam',
  'ApexSuggestUsingNamedCred',
  'ApexBadCrypto',
  'ApexDangerousMethods',
];
// Everything PMD tags Security, plus the named rules, should a later PMD re-tag one of them.
const SELECTORS = ['pmd:Security', ...NAMED_RULES.map((rule) => `pmd:${rule}`)];

// One of each thing the named rules exist to catch. Note the class has no sharing keyword at all: PMD's
// ApexSharingViolations flags an omitted declaration, not an explicit `without sharing` (apex-source.test.ts
// refuses both).
const BAD_CLASS = `public class Careless {
  String target = ApexPages.currentPage().getParameters().get('retURL');

  public static List<Lead> byName(String name) {
    return Database.query('SELECT Id FROM Lead WHERE LastName = \\'' + name + '\\'');
  }

  public static void rename(Lead lead) {
    List<Lead> leads = [SELECT Id, LastName FROM Lead WHERE Id = :lead.Id];
    leads[0].LastName = lead.LastName;
    update leads;
  }

  public static HttpResponse call(String key) {
    HttpRequest request = new HttpRequest();
    request.setEndpoint('http://api.example.com/v1/leads');
    request.setHeader('Authorization', 'Bearer ' + key);
    return new Http().send(request);
  }

  public static Blob seal(Blob data) {
    Blob iv = Blob.valueOf('0000000000000000');
    Blob key = Blob.valueOf('1111111111111111');
    return Crypto.encrypt('AES128', key, iv, data);
  }

  public String greeting() {
    String name = ApexPages.currentPage().getParameters().get('name');
    return 'Hello ' + name;
  }

  public PageReference back() {
    return new PageReference(target);
  }

  public static void unlock() {
    Configuration.disableTriggerCRUDSecurity();
  }
}
`;

function describeViolation(violation: Violation): string {
  const where = violation.getPrimaryLocation();
  const file = where.getFile() ? relative(packageRoot, where.getFile()!) : '(no file)';
  const rule = violation.getRule();
  return `${rule.getName()} [severity ${rule.getSeverityLevel()}] ${file}:${where.getStartLine()}:${where.getStartColumn()} ${violation.getMessage()}`;
}

const apexUnder = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(cls|trigger)$/.test(file))
    .map((file) => join(folder, file));

describe('Apex static analysis (Code Analyzer, PMD engine)', () => {
  let scratch: string;
  let analyzer: CodeAnalyzer;
  const engineErrors: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'sdr-apex-analysis-'));
    const work = join(scratch, 'work');
    mkdirSync(work);
    const config = CodeAnalyzerConfig.fromObject({
      log_folder: work,
      root_working_folder: work,
      engines: { pmd: { java_command: 'java' }, cpd: { disable_engine: true } },
    });
    analyzer = new CodeAnalyzer(config);
    analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
      if (event.logLevel === LogLevel.Error) engineErrors.push(event.message);
    });
    await analyzer.addEnginePlugin(createEnginePlugin());
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function analyze(workspaceFolder: string): Promise<RunResults> {
    const targets = apexUnder(workspaceFolder);
    expect(targets.length).toBeGreaterThan(0);
    const workspace = await analyzer.createWorkspace([workspaceFolder], targets);
    const rules = await analyzer.selectRules(SELECTORS, { workspace });
    expect(
      rules
        .getRulesFor('pmd')
        .map((rule) => rule.getName())
        .filter((rule) => NAMED_RULES.includes(rule))
        .sort(),
    ).toEqual([...NAMED_RULES].sort());
    return analyzer.run(rules, { workspace });
  }

  it('finds the violations it exists to find', async () => {
    const folder = join(scratch, 'careless', 'classes');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Careless.cls'), BAD_CLASS);

    const results = await analyze(join(scratch, 'careless'));

    const found = new Set(results.getViolations().map((violation) => violation.getRule().getName()));
    expect([...NAMED_RULES].filter((rule) => !found.has(rule))).toEqual([]);
    expect(engineErrors).toEqual([]);
  }, 180_000);

  it("force-app's Apex has no security violations", async () => {
    const results = await analyze(forceApp);

    expect(results.getViolations().map(describeViolation)).toEqual([]);
    expect(engineErrors).toEqual([]);
  }, 180_000);
});
