/**
 * `multipart/form-data` (RFC 7578 over RFC 2046's multipart syntax), enough to read what HTTP clients send: the
 * boundary from the content type (quoted or not), a preamble and epilogue ignored, parts with a
 * `Content-Disposition: form-data; name=…[; filename=…]` header and an optional `Content-Type`. Bodies are kept as
 * bytes, so audio survives intact however many CR, LF or dashes it holds. No dependency: none of the usual parsers
 * (busboy, multer) is installed, and an undeclared transitive one could vanish with any upgrade.
 */

export interface FormFile {
  field: string;
  filename: string;
  // As the part declared it; `application/octet-stream` when it did not.
  contentType: string;
  data: Buffer;
}

export interface ParsedForm {
  // Text fields by name, every value in order (`timestamp_granularities[]` may repeat).
  fields: Record<string, string[]>;
  files: FormFile[];
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_PARTS = 1_000;

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i.exec(contentType);
  const boundary = match?.[1]?.replace(/\\(.)/g, '$1') ?? match?.[2];
  // RFC 2046: one to seventy characters.
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

// Parameters of a header value: `form-data; name="a"; filename="b.wav"`. Quoted strings may escape with a
// backslash; unquoted tokens run to the next `;`.
function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const param = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let match = param.exec(value); match; match = param.exec(value)) {
    const raw = match[2] === undefined ? (match[3] ?? '').trim() : match[2].replace(/\\(.)/g, '$1');
    params.set(match[1]!.toLowerCase(), raw);
  }
  return params;
}

// Browsers and undici (the WHATWG form encoding) write `"`, CR and LF in names as percent escapes and nothing else.
const unescapeName = (name: string) =>
  name.replace(/%(0A|0D|22)/gi, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// RFC 5987 `filename*=UTF-8''%e2%82%ac.wav`, which some clients send alongside or instead of `filename`.
function extendedValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match || match[1]!.toLowerCase() !== 'utf-8') return undefined;
  try {
    return decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Folded header lines are obsolete, but cost nothing to join.
  for (const line of block.split('\r\n').reduce<string[]>((lines, next) => {
    if (/^[ \t]/.test(next) && lines.length > 0) lines[lines.length - 1] += ` ${next.trim()}`;
    else lines.push(next);
    return lines;
  }, [])) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`A part header without a name: "${line.slice(0, 80)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Reads a `multipart/form-data` body; throws `MultipartError` for anything that is not one. */
export function parseMultipart(body: Buffer, contentType: string | undefined): ParsedForm {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new MultipartError('The content type names no multipart/form-data boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);

  // The first delimiter opens the body or follows the preamble's last line.
  let position: number;
  if (body.subarray(0, delimiter.length).equals(delimiter)) position = delimiter.length;
  else {
    const found = body.indexOf(nextDelimiter);
    if (found < 0) throw new MultipartError('The body holds no boundary');
    position = found + nextDelimiter.length;
  }

  const form: ParsedForm = { fields: {}, files: [] };
  for (let parts = 0; ; parts++) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return form;
    if (position >= body.length) throw new MultipartError('The body ends before its closing boundary');
    if (parts >= MAX_PARTS) throw new MultipartError(`More than ${MAX_PARTS} parts`);
    // Transport padding (spaces, tabs) may follow a delimiter before its line ends.
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) {
      throw new MultipartError('A boundary line does not end where it should');
    }
    position += 2;

    // A part may have no headers at all: its header block is then empty and the blank line comes at once.
    let headerBlock = '';
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    else {
      const headerEnd = body.indexOf(HEADER_END, position);
      if (headerEnd < 0) throw new MultipartError('A part whose headers never end');
      headerBlock = body.subarray(position, headerEnd).toString('utf8');
      position = headerEnd + HEADER_END.length;
    }
    const end = body.indexOf(nextDelimiter, position);
    if (end < 0) throw new MultipartError('The body ends before its closing boundary');
    const data = body.subarray(position, end);
    position = end + nextDelimiter.length;

    const headers = parseHeaders(headerBlock);
    const disposition = headers.get('content-disposition');
    if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
      throw new MultipartError('A part without Content-Disposition: form-data');
    }
    const params = headerParams(disposition);
    const name = params.get('name');
    if (name === undefined) throw new MultipartError('A part without a name');
    const field = unescapeName(name);
    const extended = params.get('filename*');
    const filename = (extended === undefined ? undefined : extendedValue(extended)) ?? params.get('filename');
    if (filename === undefined) {
      (form.fields[field] ??= []).push(data.toString('utf8'));
    } else {
      form.files.push({
        field,
        filename: unescapeName(filename),
        contentType: headers.get('content-type') || 'application/octet-stream',
        data: Buffer.from(data),
      });
    }
  }
}
