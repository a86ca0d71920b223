import type { SubmitMessageRequest } from '@zegel/shared';
import type { Readable } from 'node:stream';
import type { EntryPoint } from './message.entity';

/** Where an entry point puts a message's parts while it receives them. */
export interface PartStore {
  attachment(
    index: number,
    name: string | undefined,
    contentType: string | undefined,
    source: Readable,
    /** The part's Content-ID (without angle brackets) when the HTML body shows it inline. */
    contentId?: string,
  ): Promise<void>;
  bodies(request: SubmitMessageRequest): Promise<void>;
}

/** Who submits: the sender's address, the token that may read it later (none from SMTP), the door. */
export interface Submitter {
  sender: string;
  /** The sender's display name (from the sign-in token), when known. */
  senderName?: string;
  ownerId: string | null;
  entry: EntryPoint;
  ip: string | null;
}

export interface StoredPart {
  kind: 'html' | 'text' | 'attachment';
  index: number;
  name?: string;
  contentId?: string;
  contentType: string;
  blobId: string;
  size: number;
  sha256: string;
}
