/**
 * Content-Disposition of a multipart/form-data part, decoded as clients actually send it:
 * `filename="…"` (raw UTF-8, or an RFC 2047 encoded word from mail clients), RFC 5987/6266
 * `filename*=UTF-8''…` (attr-chars or not: browsers and curl leave "(" and ")" unescaped), and
 * RFC 2231 continuations `filename*0=` / `filename*0*=`. busboy silently skips a part whose header
 * it cannot parse, so every part goes through here first and anything we cannot read is refused.
 * Our own code because no maintained package parses continuations and tolerates unescaped
 * characters; content-disposition (jshttp) does neither.
 */
export interface Disposition {
  type: string;
  params: Map<string, string>;
}

export class DispositionError extends Error {}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Splits `type; a=b; c="d;e"` into the type and raw (still encoded) parameters. */
function split(header: string): { type: string; raw: [string, string, boolean][] } {
  let i = header.indexOf(';');
  const type = (i < 0 ? header : header.slice(0, i)).trim().toLowerCase();
  const raw: [string, string, boolean][] = [];
  if (!TOKEN.test(type)) throw new DispositionError('no disposition type');
  while (i >= 0 && i < header.length) {
    i++; // past ';'
    while (header[i] === ' ' || header[i] === '\t') i++;
    if (i >= header.length) break;
    const eq = header.indexOf('=', i);
    if (eq < 0) throw new DispositionError('a parameter without a value');
    const name = header.slice(i, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) throw new DispositionError(`a malformed parameter name "${name}"`);
    i = eq + 1;
    while (header[i] === ' ' || header[i] === '\t') i++;
    let value = '';
    let quoted = false;
    if (header[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= header.length) throw new DispositionError('an unterminated quoted string');
        const c = header[i++];
        if (c === '"') break;
        value += c === '\\' && i < header.length ? header[i++] : c;
      }
      while (header[i] === ' ' || header[i] === '\t') i++;
      if (i < header.length && header[i] !== ';')
        throw new DispositionError('text after a quoted string');
    } else {
      const end = header.indexOf(';', i);
      value = (end < 0 ? header.slice(i) : header.slice(i, end)).trim();
      i = end < 0 ? header.length : end;
      if (value === '') throw new DispositionError(`an empty value for "${name}"`);
    }
    raw.push([name, value, quoted]);
    if (i < header.length && header[i] !== ';') throw new DispositionError('a malformed header');
  }
  return { type, raw };
}

const CHARSETS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'utf-8',
  'windows-1252': 'windows-1252',
};

/** Percent-decoding to bytes; a lone "%" is an error, other characters stand for themselves. */
function percentBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new DispositionError('a malformed %-escape');
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBytes(bytes: Buffer, charset: string): string {
  const label = CHARSETS[charset.toLowerCase()];
  if (!label) throw new DispositionError(`an unsupported charset "${charset}"`);
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new DispositionError(`text that is not valid ${charset}`);
  }
}

const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g;

/** RFC 2047 encoded words in a plain parameter (some mail clients send them in form uploads). */
function plain(value: string): string {
  if (!/=\?[^?]+\?[BbQq]\?[^?]*\?=/.test(value)) return value;
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (_all, charset: string, kind: string, text: string) => {
    const bytes =
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : percentBytes(text.replace(/_/g, ' ').replace(/%/g, '%25').replace(/=/g, '%'));
    return decodeBytes(bytes, charset);
  });
}

export function parseDisposition(header: string): Disposition {
  const { type, raw } = split(header);
  const simple = new Map<string, string>();
  const extended = new Map<string, string>();
  const sections = new Map<string, { n: number; value: string; encoded: boolean }[]>();
  for (const [name, value, quoted] of raw) {
    const continued = /^(.+)\*(\d{1,3})(\*?)$/.exec(name);
    if (continued) {
      const list = sections.get(continued[1]) ?? [];
      list.push({ n: Number(continued[2]), value, encoded: continued[3] === '*' && !quoted });
      sections.set(continued[1], list);
    } else if (name.endsWith('*')) {
      if (quoted) throw new DispositionError(`a quoted extended value for "${name}"`);
      extended.set(name.slice(0, -1), value);
    } else {
      if (simple.has(name)) throw new DispositionError(`"${name}" given twice`);
      simple.set(name, value);
    }
  }
  const params = new Map<string, string>();
  for (const [name, value] of simple) params.set(name, plain(value));
  for (const [name, list] of sections) {
    list.sort((a, b) => a.n - b.n);
    if (list.some((s, i) => s.n !== i)) throw new DispositionError(`gaps in "${name}*N" sections`);
    // RFC 2231 §4.1: the charset prefix is on section 0; encoded sections are joined as bytes.
    let charset: string | undefined;
    const bytes: Buffer[] = [];
    list.forEach((s, i) => {
      let text = s.value;
      if (i === 0 && s.encoded) {
        const m = /^([^']*)'[^']*'(.*)$/s.exec(text);
        if (!m) throw new DispositionError(`"${name}*0*" without charset''`);
        charset = m[1] || 'us-ascii';
        text = m[2];
      }
      bytes.push(s.encoded ? percentBytes(text) : Buffer.from(text, 'utf8'));
    });
    params.set(name, decodeBytes(Buffer.concat(bytes), charset ?? 'utf-8'));
  }
  for (const [name, value] of extended) {
    const m = /^([^']*)'[^']*'(.*)$/s.exec(value);
    if (!m) throw new DispositionError(`"${name}*" without charset''`);
    params.set(name, decodeBytes(percentBytes(m[2]), m[1] || 'us-ascii'));
  }
  return { type, params };
}
