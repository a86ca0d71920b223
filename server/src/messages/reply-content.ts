import type { ReplyPart } from './message-reply.entity';

/** What is sealed in a reply's `sealedMeta` with the reply's own data key. */
export interface SealedReply {
  /** The original subject, so the sender's mail says what the reply answers. */
  subject: string;
  text: string;
  attachments: { name: string; contentType: string }[];
}

export const replyMetaContext = (replyId: string) => `reply/${replyId}/meta`;
export const replyPartContext = (replyId: string, index: number) =>
  `reply/${replyId}/attachment.${index}`;

/** Evidence names of a reply's parts, beside the message's own `body.*` and `attachment.*`. */
export function replyDigests(textSha256: string, parts: ReplyPart[]): Record<string, string> {
  return {
    'reply.text': textSha256,
    ...Object.fromEntries(parts.map((p, i) => [`reply.attachment.${i}`, p.sha256])),
  };
}
