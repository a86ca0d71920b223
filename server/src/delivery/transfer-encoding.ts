import type Mail from 'nodemailer/lib/mailer';

/**
 * The Content-Transfer-Encoding nodemailer would choose for a text part given as a string, found in
 * one pass: nodemailer picks it with two global regex matches that build an array of every letter,
 * which costs more than the rest of composing a notification. Undefined for 7bit (plain ASCII, short
 * lines), which nodemailer detects cheaply itself. Same rule: ASCII without control characters and
 * no line over 76 characters is 7bit; otherwise quoted-printable when ASCII letters outnumber
 * non-ASCII and control characters, base64 when not.
 */
export function textTransferEncoding(text: string): 'quoted-printable' | 'base64' | undefined {
  let latin = 0;
  let other = 0;
  let line = 0;
  let longLines = text.length > 128 * 1024;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      line = 0;
      continue;
    }
    if (++line > 76) longLines = true;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
    else if (c >= 0x80 || c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f))
      other++;
  }
  if (!other && !longLines) return undefined;
  return other < latin ? 'quoted-printable' : 'base64';
}

/**
 * The mail with the transfer encoding of its string text and HTML parts given explicitly, as
 * nodemailer would have chosen it, so composing skips the costly detection. Left as it is when the
 * mail sets its own encodings.
 */
export function withTransferEncodings(mail: Mail.Options): Mail.Options {
  if (mail.encoding || mail.textEncoding) return mail;
  const part = (content: Mail.Options['text']) => {
    if (typeof content !== 'string' || !content) return content;
    const contentTransferEncoding = textTransferEncoding(content);
    return contentTransferEncoding ? { content, contentTransferEncoding } : content;
  };
  return { ...mail, text: part(mail.text), html: part(mail.html) };
}
