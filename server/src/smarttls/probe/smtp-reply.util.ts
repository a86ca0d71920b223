/** One SMTP reply: the code and its lines (RFC 5321 section 4.2: `250-…` continues, `250 …` ends). */
export interface SmtpReply {
  code: number;
  lines: string[];
}

/**
 * Takes complete replies off the front of a text buffer. Returns the replies found and the rest
 * (an incomplete reply stays in the rest until more arrives). Lines that are not replies end the
 * dialogue with an error.
 */
export function takeReplies(buffer: string): { replies: SmtpReply[]; rest: string } {
  const replies: SmtpReply[] = [];
  let lines: string[] = [];
  let consumed = 0;
  let at = 0;
  for (;;) {
    const end = buffer.indexOf('\n', at);
    if (end < 0) break;
    const line = buffer.slice(at, end).replace(/\r$/, '');
    at = end + 1;
    const match = /^(\d{3})([ -]|$)(.*)$/.exec(line);
    if (!match) throw new Error(`not an SMTP reply: "${line.slice(0, 80)}"`);
    lines.push(match[3]);
    if (match[2] !== '-') {
      replies.push({ code: Number(match[1]), lines });
      lines = [];
      consumed = at;
    }
  }
  return { replies, rest: buffer.slice(consumed) };
}

/** Whether an EHLO reply lists the STARTTLS extension. */
export const offersStarttls = (ehlo: SmtpReply): boolean =>
  ehlo.lines.slice(1).some((line) => /^STARTTLS\b/i.test(line.trim()));

export const describeReply = (reply: SmtpReply): string =>
  `${reply.code} ${reply.lines.join(' ')}`.trim();
