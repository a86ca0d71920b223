/**
 * What a phase of an SMTP session decides: go on, try again later (4xx) or never (5xx). The reason
 * is recorded in the log; the reply text is what the client sees.
 */
export type SmtpVerdict =
  | { kind: 'accept'; reply?: string }
  | { kind: 'tempfail' | 'reject'; code: number; reply: string; reason: string };

export const ACCEPT: SmtpVerdict = { kind: 'accept' };

export const reject = (code: number, reply: string, reason = reply): SmtpVerdict => ({
  kind: 'reject',
  code,
  reply,
  reason,
});

export const tempfail = (code: number, reply: string, reason = reply): SmtpVerdict => ({
  kind: 'tempfail',
  code,
  reply,
  reason,
});

/** The error smtp-server turns into the reply line. */
export function verdictError(
  verdict: Exclude<SmtpVerdict, { kind: 'accept'; reply?: string }>,
): Error {
  return Object.assign(new Error(verdict.reply), { responseCode: verdict.code });
}

/** An error whose responseCode smtp-server sends as the reply (421 also closes the connection). */
export const smtpError = (responseCode: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode });
