// Checks every Apex class and trigger without an org: it parses, it is formatted, it has its metadata, and it keeps
// the package's security rules (with sharing, user-mode SOQL, callouts only through Named Credentials). A deploy
// would catch the first two late; the rest no compiler catches at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApexErrorListener,
  ApexLexer,
  ApexParserBaseListener,
  ApexParserFactory,
  ApexParseTreeWalker,
} from '@apexdevtools/apex-parser';
import type {
  ApexParseTree,
  ApexTerminalNode,
  DotExpressionContext,
  SoqlLiteralContext,
  SoslLiteralAltContext,
  SoslLiteralContext,
  TypeDeclarationContext,
} from '@apexdevtools/apex-parser';
import { XMLParser } from 'fast-xml-parser';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const forceApp = join(packageRoot, 'force-app');

const apexFiles = readdirSync(forceApp, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(cls|trigger)$/.test(file))
  .map((file) => join(forceApp, file))
  .sort();
const classFiles = apexFiles.filter((file) => file.endsWith('.cls'));
const name = (file: string) => relative(packageRoot, file);

interface Parsed {
  errors: string[];
  tree: ApexParseTree;
}

class CollectingListener extends ApexErrorListener {
  readonly errors: string[] = [];
  apexSyntaxError(line: number, column: number, message: string): void {
    // ANTLR's "expecting {...}" lists run to hundreds of tokens; the start says what is wrong.
    const short = message.length > 160 ? `${message.slice(0, 160)}…` : message;
    this.errors.push(`${line}:${column + 1} ${short}`);
  }
}

function parseApex(source: string, kind: 'class' | 'trigger'): Parsed {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = kind === 'trigger' ? parser.triggerUnit() : parser.compilationUnit();
  return { errors: listener.errors, tree };
}

function parseFile(file: string): Parsed {
  return parseApex(readFileSync(file, 'utf8'), file.endsWith('.trigger') ? 'trigger' : 'class');
}

const DYNAMIC_QUERIES = new Map([
  [
    'database',
    ['query', 'querywithbinds', 'countquery', 'countquerywithbinds', 'getquerylocator', 'getquerylocatorwithbinds'],
  ],
  ['search', ['query', 'find']],
]);

/** What the security rules look at in one file, gathered in a single walk of its parse tree. */
class SecurityFacts extends ApexParserBaseListener {
  topLevel: TypeDeclarationContext | undefined;
  readonly queriesWithoutUserMode: string[] = [];
  readonly hardCodedEndpoints: string[] = [];

  enterTypeDeclaration = (ctx: TypeDeclarationContext) => {
    this.topLevel ??= ctx;
  };

  enterSoqlLiteral = (ctx: SoqlLiteralContext) => {
    if (!ctx.query().withClause()?.USER_MODE()) this.queriesWithoutUserMode.push(at(ctx, 'SOQL'));
  };

  enterSoslLiteral = (ctx: SoslLiteralContext) => this.checkSosl(ctx);
  enterSoslLiteralAlt = (ctx: SoslLiteralAltContext) => this.checkSosl(ctx);

  private checkSosl(ctx: SoslLiteralContext | SoslLiteralAltContext) {
    if (
      !ctx
        .soslClauses()
        .soslWithClause_list()
        .some((clause) => clause.USER_MODE())
    )
      this.queriesWithoutUserMode.push(at(ctx, 'SOSL'));
  }

  enterDotExpression = (ctx: DotExpressionContext) => {
    const call = ctx.dotMethodCall();
    if (!call) return;
    const method = call.anyId().getText().toLowerCase();
    const args = call.expressionList()?.getText() ?? '';
    const receiver = ctx
      .expression()
      .getText()
      .toLowerCase()
      .replace(/^system\./, '');
    if (DYNAMIC_QUERIES.get(receiver)?.includes(method) && !/AccessLevel\.USER_MODE/i.test(args))
      this.queriesWithoutUserMode.push(at(ctx, `${receiver}.${method} without AccessLevel.USER_MODE`));
    if (method === 'setendpoint' && args.startsWith("'") && !args.toLowerCase().startsWith("'callout:"))
      this.hardCodedEndpoints.push(at(ctx, `setEndpoint(${args})`));
  };

  override visitTerminal(node: ApexTerminalNode): void {
    if (node.symbol.type === ApexLexer.StringLiteral && /^'https?:\/\//i.test(node.getText()))
      this.hardCodedEndpoints.push(`${node.symbol.line}:${node.symbol.column + 1} ${node.getText()}`);
  }
}

function at(ctx: { start: { line: number; column: number }; getText(): string }, what: string): string {
  return `${ctx.start.line}:${ctx.start.column + 1} ${what}: ${ctx.getText().slice(0, 120)}`;
}

function factsOf(parsed: Parsed): SecurityFacts {
  const facts = new SecurityFacts();
  ApexParseTreeWalker.DEFAULT.walk(facts, parsed.tree);
  return facts;
}

function modifiersOf(declaration: TypeDeclarationContext | undefined): string[] {
  return (declaration?.modifier_list() ?? []).map((modifier) => modifier.getText().toLowerCase());
}

const isTestClass = (facts: SecurityFacts) => modifiersOf(facts.topLevel).includes('@istest');
const isClass = (facts: SecurityFacts) => Boolean(facts.topLevel?.classDeclaration());
const declaresWithSharing = (facts: SecurityFacts) => modifiersOf(facts.topLevel).includes('withsharing');

async function isFormatted(source: string, file: string): Promise<boolean> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.check(source, { ...options, filepath: file, parser: 'apex', plugins: [apexPlugin] });
}

describe('Apex source', () => {
  it('finds the classes the package is built on', () => {
    const names = classFiles.map((file) => file.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['SdrBackend.cls', 'SdrAccess.cls', 'SdrScoreController.cls']));
  });

  describe('syntax', () => {
    it('reports broken Apex, with line and column', () => {
      const broken = parseApex('public with sharing class Broken {\n  void f() { Integer x = ; }\n}\n', 'class');
      expect(broken.errors.length).toBeGreaterThan(0);
      expect(broken.errors[0]).toMatch(/^2:\d+ /);
      expect(
        parseApex("trigger T on Lead (before insert) { String s = 'unterminated; }", 'trigger').errors,
      ).not.toEqual([]);
    });

    it.each(apexFiles.map((file) => [name(file), file]))('%s parses without syntax errors', (_, file) => {
      expect(parseFile(file).errors).toEqual([]);
    });
  });

  describe('metadata', () => {
    // Tag values stay text: a number parser would read 62.0 as 62.
    const xml = new XMLParser({ parseTagValue: false });

    it.each(apexFiles.map((file) => [name(file), file]))('%s has its -meta.xml with an API version', (_, file) => {
      const meta = `${file}-meta.xml`;
      expect(existsSync(meta)).toBe(true);
      const parsed = xml.parse(readFileSync(meta, 'utf8'));
      const root = parsed.ApexClass ?? parsed.ApexTrigger;
      expect(root).toBeDefined();
      expect(String(root.apiVersion)).toMatch(/^\d{2,3}\.0$/);
      expect(root.status).toBe('Active');
    });
  });

  describe('formatting', () => {
    it('notices unformatted Apex', async () => {
      const file = join(forceApp, 'main/default/classes/Unformatted.cls');
      expect(await isFormatted('public   with sharing class Unformatted{void f(){}}\n', file)).toBe(false);
    });

    it.each(apexFiles.map((file) => [name(file), file]))(
      '%s is formatted with prettier-plugin-apex',
      async (_, file) => {
        expect(await isFormatted(readFileSync(file, 'utf8'), file)).toBe(true);
      },
    );
  });

  describe('security rules', () => {
    const parsedClasses = classFiles.map((file) => ({ file: name(file), facts: factsOf(parseFile(file)) }));

    it('every class that is not a test declares with sharing', () => {
      const offenders = parsedClasses
        .filter(({ facts }) => isClass(facts) && !isTestClass(facts) && !declaresWithSharing(facts))
        .map(({ file, facts }) => `${file}: ${modifiersOf(facts.topLevel).join(' ') || '(no modifiers)'}`);
      expect(offenders).toEqual([]);
    });

    it('every query outside tests runs in user mode', () => {
      const offenders = parsedClasses
        .filter(({ facts }) => !isTestClass(facts))
        .flatMap(({ file, facts }) => facts.queriesWithoutUserMode.map((query) => `${file}:${query}`));
      expect(offenders).toEqual([]);
    });

    it('callouts go through Named Credentials, never a hard-coded URL', () => {
      const offenders = apexFiles.flatMap((file) =>
        factsOf(parseFile(file)).hardCodedEndpoints.map((endpoint) => `${name(file)}:${endpoint}`),
      );
      expect(offenders).toEqual([]);
    });

    it('the rules catch what they are meant to catch', () => {
      const bad = factsOf(
        parseApex(
          `public without sharing class Bad {
            List<Lead> a() { return [SELECT Id FROM Lead]; }
            List<Lead> b() { return [SELECT Id FROM Lead WITH SECURITY_ENFORCED]; }
            List<SObject> c(String q) { return Database.query(q); }
            List<List<SObject>> d() { return [FIND 'acme' IN ALL FIELDS RETURNING Lead]; }
            void e() { HttpRequest r = new HttpRequest(); r.setEndpoint('https://api.example.com/v1'); }
            void f(HttpRequest r) { r.setEndpoint('api.example.com/v1'); }
          }`,
          'class',
        ),
      );
      expect(isTestClass(bad)).toBe(false);
      expect(declaresWithSharing(bad)).toBe(false);
      expect(bad.queriesWithoutUserMode).toHaveLength(4);
      expect(bad.hardCodedEndpoints).toHaveLength(3);

      const good = factsOf(
        parseApex(
          `@IsTest public with sharing class Good {
            List<Lead> a() { return [SELECT Id FROM Lead WITH USER_MODE]; }
            List<SObject> c(String q) { return Database.query(q, AccessLevel.USER_MODE); }
            List<List<SObject>> d() { return [FIND 'acme' IN ALL FIELDS RETURNING Lead WITH USER_MODE]; }
            void e(HttpRequest r) { r.setEndpoint('callout:SDR_Backend/v1/leads'); }
          }`,
          'class',
        ),
      );
      expect(isTestClass(good)).toBe(true);
      expect(declaresWithSharing(good)).toBe(true);
      expect(good.queriesWithoutUserMode).toEqual([]);
      expect(good.hardCodedEndpoints).toEqual([]);
    });
  });
});
