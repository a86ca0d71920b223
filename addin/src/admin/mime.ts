/**
 * Just enough RFC 5322 and MIME reading to show a captured mail to an admin: headers unfolded and
 * decoded, and the readable text (the first text/plain part, else the HTML part as text).
 */
export interface Header {
  name: string;
  value: string;
}

export interface ReadableMessage {
  headers: Header[];
  text: string;
  /** Names of the parts that are attachments. */
  attachments: string[];
}

interface Part {
  headers: Header[];
  body: string;
}

function splitHeadersAndBody(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Header[] = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { headers: headers.map((h) => ({ ...h, value: decodeWords(h.value) })), body };
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset || 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text.replace(/[^A-Za-z0-9+/=]/g, ''));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function quotedPrintableBytes(text: string, underscoreIsSpace = false): Uint8Array {
  const source = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const hex = source.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === '_' && underscoreIsSpace) bytes.push(0x20);
    else for (const b of new TextEncoder().encode(ch)) bytes.push(b);
  }
  return Uint8Array.from(bytes);
}

/** RFC 2047 encoded words (`=?utf-8?B?...?=`) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, enc: string, data) => {
      try {
        const bytes =
          enc.toUpperCase() === 'B' ? base64Bytes(data) : quotedPrintableBytes(data, true);
        return decoderFor(charset).decode(bytes);
      } catch {
        return _match;
      }
    });
}

export function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** `text/plain; charset="utf-8"` → type and lower-cased parameter names. */
export function parseContentType(value: string | undefined): {
  type: string;
  params: Record<string, string>;
} {
  const [type, ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0)
      params[param.slice(0, eq).trim().toLowerCase()] = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(part: Part): string {
  const { params } = parseContentType(headerValue(part.headers, 'Content-Type'));
  const encoding = (headerValue(part.headers, 'Content-Transfer-Encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return decoderFor(params.charset).decode(base64Bytes(part.body));
  if (encoding === 'quoted-printable')
    return decoderFor(params.charset).decode(quotedPrintableBytes(part.body));
  return part.body;
}

function leaves(part: Part, depth = 0): Part[] {
  const { type, params } = parseContentType(headerValue(part.headers, 'Content-Type'));
  if (!type.startsWith('multipart/') || !params.boundary || depth > 8) return [part];
  const delimiter = `--${params.boundary}`;
  const chunks = part.body.split(new RegExp(`^${escapeRegExp(delimiter)}(?:--)?[ \\t]*$`, 'm'));
  // chunks[0] is the preamble, the last one the epilogue after the closing delimiter.
  return chunks
    .slice(1, -1)
    .map((chunk) => splitHeadersAndBody(chunk.replace(/^\n/, '')))
    .flatMap((child) => leaves(child, depth + 1));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function attachmentName(part: Part): string | undefined {
  const disposition = parseContentType(headerValue(part.headers, 'Content-Disposition'));
  const type = parseContentType(headerValue(part.headers, 'Content-Type'));
  const name = disposition.params.filename ?? type.params.name;
  if (disposition.type === 'attachment' || name) return name ?? '(unnamed)';
  return undefined;
}

export function readMessage(raw: string): ReadableMessage {
  const root = splitHeadersAndBody(raw);
  const parts = leaves(root);
  const attachments: string[] = [];
  let plain: string | undefined;
  let html: string | undefined;
  for (const part of parts) {
    const name = attachmentName(part);
    if (name !== undefined) {
      attachments.push(name);
      continue;
    }
    const { type } = parseContentType(headerValue(part.headers, 'Content-Type'));
    if (type === 'text/plain' && plain === undefined) plain = decodeBody(part);
    else if (type === 'text/html' && html === undefined) html = decodeBody(part);
  }
  const text = plain ?? (html !== undefined ? htmlToText(html) : '');
  return { headers: root.headers, text, attachments };
}
