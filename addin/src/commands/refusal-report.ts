import type { SendCheckRefusalReport } from '@zegel/shared';
import { officeSsoTokenSilently } from '../office/office-host.adapter';

export type RefusalReporter = (report: SendCheckRefusalReport) => Promise<void>;

export interface ReportOptions {
  /** A token for the API, or null (development mode needs none). Must never prompt. */
  token?: () => Promise<string | null>;
  /** The send check waits at most this long: Outlook is holding the user's send. */
  timeoutMs?: number;
  base?: string;
}

/**
 * Tells Zegel that the send check refused a send, so it becomes SubmissionRejection evidence.
 * Authenticates like the task pane (Office SSO, silently here: the event runtime cannot show a
 * prompt). Best effort: it never throws and never holds the dialog longer than `timeoutMs`.
 */
export function reportRefusal(
  report: SendCheckRefusalReport,
  options: ReportOptions = {},
): Promise<void> {
  const { token = officeSsoTokenSilently, timeoutMs = 3000, base = '' } = options;
  const post = async () => {
    const bearer = await token();
    await fetch(`${base}/api/v1/send-check/refusals`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(report),
    });
  };
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
  return Promise.race([post().catch(() => undefined), timeout]);
}
