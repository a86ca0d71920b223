import type { GraphIntakeRequest, GraphIntakeSettings } from '@zegel/shared';
import type { ComposeMail, DraftAttachment } from '../office/compose-mail';
import { recipientInputs } from './collect-message';

/** How this mail reaches Zegel: read and uploaded by the pane, or fetched by Zegel through Graph. */
export type IntakeRoute = 'office' | 'graph';

/**
 * Per mail: through Microsoft Graph when the server has it set up and the mail is large (its
 * attachments together reach the server's threshold) or holds a cloud attachment, which Office.js
 * cannot read at all; otherwise the pane reads the attachments with Office.js and uploads them.
 */
export function chooseIntake(
  graph: GraphIntakeSettings | null,
  attachments: readonly Pick<DraftAttachment, 'kind' | 'size'>[],
): IntakeRoute {
  if (!graph?.enabled) return 'office';
  if (attachments.some((a) => a.kind === 'cloud')) return 'graph';
  const total = attachments.reduce((sum, a) => sum + Math.max(0, a.size), 0);
  return total >= graph.minBytes ? 'graph' : 'office';
}

/**
 * What Zegel needs to fetch the draft through Graph: the saved draft's REST id, and what the pane
 * shows (recipients, attachments with sizes and cloud links) so the server can check that the
 * saved draft is the same. The draft is saved first: Graph sees only what is saved.
 */
export async function collectDraft(
  mail: ComposeMail,
  classification: string,
  attachments: readonly DraftAttachment[],
  phones: Readonly<Record<string, string>> = {},
): Promise<GraphIntakeRequest> {
  const itemId = mail.restId(await mail.save());
  const recipients = await mail.recipients();
  return {
    itemId,
    classification,
    recipients: recipientInputs([recipients.to, recipients.cc, recipients.bcc], phones),
    attachments: attachments.map((a) => ({
      name: a.name,
      size: a.size,
      kind: a.kind,
      ...(a.url ? { url: a.url } : {}),
    })),
  };
}
