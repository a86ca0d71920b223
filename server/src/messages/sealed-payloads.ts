import type { SenderCode } from '../queue/job-types';
import type { VaultService } from '../vault/vault.service';

/**
 * Secrets that jobs need (pickup link tokens, CE-IDs) travel in job payloads sealed with the
 * message's data key, each under its own context, so a copy of the jobs table reveals nothing and
 * they become unreadable with the content.
 */

/** What a notification job needs for one recipient. */
export interface RecipientSecrets {
  token: string;
  ceId?: string;
}

export const secretsContext = (messageId: string, recipientId: string) =>
  `${messageId}/secrets/${recipientId}`;

export const smsCodeContext = (messageId: string, recipientId: string) =>
  `${messageId}/sms-code/${recipientId}`;

const senderCodesContext = (messageId: string) => `${messageId}/sender-codes`;

export function sealSenderCodes(
  vault: VaultService,
  key: Buffer,
  messageId: string,
  codes: SenderCode[],
): string {
  return vault.seal(key, JSON.stringify(codes), senderCodesContext(messageId));
}

export function openSenderCodes(
  vault: VaultService,
  key: Buffer,
  messageId: string,
  sealed: string,
): SenderCode[] {
  return JSON.parse(
    vault.open(key, sealed, senderCodesContext(messageId)).toString('utf8'),
  ) as SenderCode[];
}
