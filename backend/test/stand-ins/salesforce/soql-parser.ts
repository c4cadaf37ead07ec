import { parseDate, parseDateTime } from './timestamps.ts';

/**
 * The part of SOQL an integration uses to read records: plain and parent-relationship fields, COUNT(), WHERE with
 * AND/OR/NOT and parentheses, = != <> < <= > >= IN, NOT IN and LIKE, ORDER BY with NULLS FIRST/LAST, LIMIT and
 * OFFSET. Like Salesforce, it refuses AND and OR mixed at one level without parentheses. Errors carry the row and
 * column Salesforce puts in its messages.
 */

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string };

export interface FieldRef {
  path: string[];
  text: string;
  offset: number;
}

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN' | 'LIKE';

export type Condition =
  | { kind: 'and' | 'or'; terms: Condition[] }
  | { kind: 'not'; term: Condition }
  | { kind: 'compare'; field: FieldRef; op: Comparison; values: Literal[]; valueOffset: number };

export interface OrderKey {
  field: FieldRef;
  descending: boolean;
  nullsLast: boolean;
}

export interface ParsedQuery {
  text: string;
  count: boolean;
  fields: FieldRef[];
  from: { name: string; offset: number };
  where: Condition | null;
  orderBy: OrderKey[];
  limit: number | null;
  offset: number | null;
}

export class SoqlError extends Error {
  readonly errorCode: string;

  constructor(errorCode: string, soql: string, offset: number, detail: string) {
    super(positioned(soql, offset, detail));
    this.errorCode = errorCode;
  }
}

/** Salesforce's message layout: the offending line, a caret under the column, the position, then the reason. */
function positioned(soql: string, offset: number, detail: string): string {
  const before = soql.slice(0, offset).split('\n');
  const row = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const line = soql.split('\n')[row - 1] ?? '';
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`;
}

type TokenKind = 'word' | 'string' | 'number' | 'datetime' | 'date' | 'symbol' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  value: string;
  offset: number;
}

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'IN',
  'LIKE',
  'TRUE',
  'FALSE',
  'NULL',
  'GROUP',
  'HAVING',
  'WITH',
  'FOR',
]);

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  // Kept escaped: they only mean something to LIKE, which reads them as literal % and _.
  '%': '\\%',
  _: '\\_',
};

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (offset: number, detail: string): never => {
    throw new SoqlError('MALFORMED_QUERY', soql, offset, detail);
  };
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= soql.length) fail(start, 'unterminated string literal');
        const d = soql.charAt(i);
        if (d === '\\') {
          const escaped = ESCAPES[soql.charAt(i + 1)];
          if (escaped === undefined)
            fail(
              i,
              `Invalid string literal '${soql.slice(start, i + 2)}'. Illegal character sequence '\\${soql.charAt(i + 1)}' in string literal.`,
            );
          value += escaped;
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: soql.slice(start, i), value, offset: start });
      continue;
    }
    const temporal = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2}))?/.exec(soql.slice(i));
    if (temporal && !/[A-Za-z0-9_]/.test(soql.charAt(i + temporal[0].length))) {
      const text = temporal[0];
      tokens.push({ kind: temporal[1] ? 'datetime' : 'date', text, value: text, offset: start });
      i += text.length;
      continue;
    }
    const number = /^[+-]?(\d+(\.\d*)?|\.\d+)/.exec(soql.slice(i));
    if (number && (c !== '-' && c !== '+' ? true : /[\d.]/.test(soql.charAt(i + 1)))) {
      tokens.push({ kind: 'number', text: number[0], value: number[0], offset: start });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(soql.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], value: word[0], offset: start });
      i += word[0].length;
      continue;
    }
    const symbol = /^(<=|>=|!=|<>|[=<>(),.:])/.exec(soql.slice(i));
    if (symbol) {
      tokens.push({ kind: 'symbol', text: symbol[0], value: symbol[0] === '<>' ? '!=' : symbol[0], offset: start });
      i += symbol[0].length;
      continue;
    }
    fail(start, `line 1:${start} no viable alternative at character '${c}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', offset: soql.length });
  return tokens;
}

export function parseSoql(soql: string): ParsedQuery {
  const tokens = tokenize(soql);
  let at = 0;
  const peek = (ahead = 0): Token => tokens[Math.min(at + ahead, tokens.length - 1)]!;
  const next = (): Token => tokens[Math.min(at++, tokens.length - 1)]!;
  const unexpected = (token: Token): never => {
    throw new SoqlError(
      'MALFORMED_QUERY',
      soql,
      token.offset,
      `unexpected token: ${token.kind === 'eof' ? '<EOF>' : `'${token.text}'`}`,
    );
  };
  const isKeyword = (token: Token, keyword: string) => token.kind === 'word' && token.text.toUpperCase() === keyword;
  const accept = (keyword: string): boolean => {
    if (!isKeyword(peek(), keyword)) return false;
    at++;
    return true;
  };
  const expectKeyword = (keyword: string): void => {
    if (!accept(keyword)) unexpected(peek());
  };
  const acceptSymbol = (symbol: string): boolean => {
    if (peek().kind !== 'symbol' || peek().value !== symbol) return false;
    at++;
    return true;
  };
  const expectSymbol = (symbol: string): void => {
    if (!acceptSymbol(symbol)) unexpected(peek());
  };
  const identifier = (): Token => {
    const token = next();
    if (token.kind !== 'word' || KEYWORDS.has(token.text.toUpperCase())) unexpected(token);
    return token;
  };
  const fieldRef = (): FieldRef => {
    const first = identifier();
    const path = [first.text];
    while (acceptSymbol('.')) path.push(identifier().text);
    return { path, text: path.join('.'), offset: first.offset };
  };
  const integer = (): number => {
    const token = next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) unexpected(token);
    return Number(token.text);
  };
  const literal = (): Literal => {
    const token = next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: Number(token.text), text: token.text };
      case 'datetime': {
        const value = parseDateTime(token.text);
        if (value === null)
          throw new SoqlError(
            'MALFORMED_QUERY',
            soql,
            token.offset,
            `line 1:${token.offset} invalid datetime: ${token.text}`,
          );
        return { kind: 'datetime', value, text: token.text };
      }
      case 'date':
        if (parseDate(token.text) === null) {
          throw new SoqlError(
            'MALFORMED_QUERY',
            soql,
            token.offset,
            `line 1:${token.offset} invalid date: ${token.text}`,
          );
        }
        return { kind: 'date', value: token.text };
      case 'word': {
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
        if (upper === 'NULL') return { kind: 'null' };
        return unexpected(token);
      }
      default:
        return unexpected(token);
    }
  };

  const comparison = (): Condition => {
    const field = fieldRef();
    const opToken = peek();
    let op: Comparison;
    if (accept('NOT')) {
      expectKeyword('IN');
      op = 'NOT IN';
    } else if (accept('IN')) {
      op = 'IN';
    } else if (accept('LIKE')) {
      op = 'LIKE';
    } else if (opToken.kind === 'symbol' && ['=', '!=', '<', '<=', '>', '>='].includes(opToken.value)) {
      at++;
      op = opToken.value as Comparison;
    } else {
      return unexpected(opToken);
    }
    const valueOffset = peek().offset;
    if (op === 'IN' || op === 'NOT IN') {
      expectSymbol('(');
      const values = [literal()];
      while (acceptSymbol(',')) values.push(literal());
      expectSymbol(')');
      return { kind: 'compare', field, op, values, valueOffset };
    }
    return { kind: 'compare', field, op, values: [literal()], valueOffset };
  };

  const term = (): Condition => {
    if (accept('NOT')) return { kind: 'not', term: term() };
    if (acceptSymbol('(')) {
      const inner = condition();
      expectSymbol(')');
      return inner;
    }
    return comparison();
  };

  const condition = (): Condition => {
    const first = term();
    const joiner = isKeyword(peek(), 'AND') ? 'and' : isKeyword(peek(), 'OR') ? 'or' : null;
    if (!joiner) return first;
    const terms = [first];
    while (accept(joiner.toUpperCase())) terms.push(term());
    // SOQL has no precedence between AND and OR: mixing them needs parentheses.
    if (isKeyword(peek(), 'AND') || isKeyword(peek(), 'OR')) unexpected(peek());
    return { kind: joiner, terms };
  };

  expectKeyword('SELECT');
  let count = false;
  const fields: FieldRef[] = [];
  if (isKeyword(peek(), 'COUNT') && peek(1).value === '(' && peek(2).value === ')') {
    at += 3;
    count = true;
  } else {
    fields.push(fieldRef());
    while (acceptSymbol(',')) fields.push(fieldRef());
  }
  expectKeyword('FROM');
  const fromToken = identifier();
  const from = { name: fromToken.text, offset: fromToken.offset };

  let where: Condition | null = null;
  if (accept('WHERE')) where = condition();

  const orderBy: OrderKey[] = [];
  if (accept('ORDER')) {
    expectKeyword('BY');
    do {
      const field = fieldRef();
      const descending = accept('DESC') ? true : (accept('ASC'), false);
      let nullsLast = descending;
      if (accept('NULLS')) {
        if (accept('LAST')) nullsLast = true;
        else if (accept('FIRST')) nullsLast = false;
        else unexpected(peek());
      }
      orderBy.push({ field, descending, nullsLast });
    } while (acceptSymbol(','));
  }

  let limit: number | null = null;
  let offset: number | null = null;
  if (accept('LIMIT')) limit = integer();
  if (accept('OFFSET')) offset = integer();
  if (peek().kind !== 'eof') unexpected(peek());
  return { text: soql, count, fields, from, where, orderBy, limit, offset };
}
