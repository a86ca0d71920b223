import { ApiError } from '../common/api-client';
import { CollectError } from './collect-message';
import type { TaskpaneTexts } from './messages';

/** A failure as a sentence the user can act on, with the server's reference when there is one. */
export function errorText(error: unknown, texts: TaskpaneTexts): string {
  if (error instanceof CollectError)
    return error.reason === 'CLOUD_ATTACHMENT'
      ? texts.cloudAttachment(error.attachmentName)
      : texts.attachmentsUnreadable;
  if (error instanceof ApiError) {
    if (error.status === 0) return texts.offline;
    const reference = error.correlationId ? ` ${texts.reference(error.correlationId)}` : '';
    return `${error.message}${reference}`;
  }
  return error instanceof Error ? error.message : String(error);
}
