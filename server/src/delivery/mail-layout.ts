import type { Branding, LocalisedText } from '@zegel/shared';
import { formatZonedTime } from '@zegel/shared';
import addressparser from 'nodemailer/lib/addressparser';

export type Lang = 'nl' | 'en';
/** Languages of a mail, first one first. Both unless the reader's language is known. */
export type Langs = readonly Lang[];
export const BOTH: Langs = ['nl', 'en'];

/** One paragraph of a mail: plain text, optionally with a link button after it. */
export interface Paragraph {
  text: string;
  link?: { href: string; label: string };
  /** Printed as a preformatted block (codes, digests). */
  code?: boolean;
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A time as people read it, with its time zone (shared: the pages say it the same way). */
export const formatTime = (d: Date, lang: Lang): string => formatZonedTime(d, lang);

/**
 * The From of a mail sent on someone's behalf: the configured address, with a display name that
 * says who and which organisation, so the reader does not see only an address "via Zegel".
 */
export function onBehalfOf(mailFrom: string, who: string, branding: Branding): string {
  const parsed = addressparser(mailFrom)[0] as { address?: string } | undefined;
  const address = parsed?.address || mailFrom;
  const name = `${who} (${branding.organisationName})`.replace(/["\\\r\n]/g, '').slice(0, 120);
  return `"${name}" <${address}>`;
}

/** The organisation's support lines, in one language. */
function supportLines(branding: Branding, lang: Lang): string[] {
  const lines: string[] = [];
  if (branding.supportPhone)
    lines.push(`${lang === 'nl' ? 'Vragen? Bel' : 'Questions? Call'} ${branding.supportPhone}`);
  if (branding.supportUrl) lines.push(`${lang === 'nl' ? 'Hulp' : 'Help'}: ${branding.supportUrl}`);
  return lines;
}

export interface MailBody {
  branding: Branding;
  publicUrl: string;
  langs: Langs;
  /** The paragraphs per language. */
  body: Record<Lang, Paragraph[]>;
  /** The organisation's extra lines for this kind of mail (empty for none). */
  extra: LocalisedText;
}

/**
 * The text and HTML of a branded mail: the organisation's name (and logo) on top, the body in each
 * language (Dutch first unless the reader's language is known), the organisation's support
 * contact and its own extra lines at the foot. Only inline styles: mail clients drop style sheets.
 */
export function brandedMail(input: MailBody): { text: string; html: string } {
  const { branding } = input;
  const textBlocks = input.langs.map((lang) => {
    const paragraphs = input.body[lang].map((p) =>
      [
        p.code ? p.text.replace(/^/gm, '    ') : p.text,
        p.link ? `${p.link.label}: ${p.link.href}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    const extra = input.extra[lang].trim();
    return [...paragraphs, ...(extra ? [extra] : []), ...supportLines(branding, lang)].join('\n\n');
  });
  const text = [branding.organisationName, ...textBlocks].join('\n\n—\n\n');

  const colour = /^#[0-9a-f]{6}$/i.test(branding.primaryColour)
    ? branding.primaryColour
    : '#0f6cbd';
  const logo = branding.logoUrl
    ? `<img src="${escapeHtml(new URL(branding.logoUrl, input.publicUrl).href)}" alt="" height="40" style="height:40px;vertical-align:middle;margin-right:12px">`
    : '';
  const htmlBlocks = input.langs.map((lang) => {
    const paragraphs = input.body[lang].map((p) => {
      const body = p.code
        ? `<pre style="font-family:Consolas,Menlo,monospace;font-size:15px;background:#f5f5f5;padding:8px 12px;white-space:pre-wrap;word-break:break-all">${escapeHtml(p.text)}</pre>`
        : `<p style="margin:0 0 12px">${escapeHtml(p.text).replace(/\n/g, '<br>')}</p>`;
      const link = p.link
        ? `<p style="margin:0 0 16px"><a href="${escapeHtml(p.link.href)}" style="display:inline-block;background:${colour};color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:600">${escapeHtml(p.link.label)}</a></p>`
        : '';
      return body + link;
    });
    const extra = input.extra[lang].trim();
    const foot = [...(extra ? [extra] : []), ...supportLines(branding, lang)]
      .map((l) => `<p style="margin:0 0 6px;color:#555;font-size:13px">${escapeHtml(l)}</p>`)
      .join('');
    return `<div lang="${lang}" style="padding:16px 0">${paragraphs.join('')}${foot}</div>`;
  });
  const html = `<!doctype html><html lang="${input.langs[0]}"><head><meta charset="utf-8"><title>${escapeHtml(branding.organisationName)}</title></head>
<body style="margin:0;padding:16px;font-family:Segoe UI,Arial,sans-serif;font-size:15px;line-height:1.5;color:#242424">
<div style="max-width:600px;margin:0 auto">
<div style="border-bottom:4px solid ${colour};padding:8px 0 12px;font-size:18px;font-weight:600">${logo}${escapeHtml(branding.organisationName)}</div>
${htmlBlocks.join('<hr style="border:0;border-top:1px solid #ddd">')}
</div></body></html>`;
  return { text, html };
}
