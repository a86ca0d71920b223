import type {
  PickupMessageView,
  PickupReplyRequest,
  PickupReplyResult,
  PickupResponseResult,
  PickupUnlockRequest,
} from '@zegel/shared';
import { requestForm, requestJson } from '../common/api-client';

/** The pickup API of one link; every call carries the session cookie (same origin). */
export class PickupApi {
  private readonly base: string;

  constructor(readonly token: string) {
    this.base = `/api/v1/pickup/${encodeURIComponent(token)}`;
  }

  /** 200 when this browser already unlocked the message; 401 PICKUP_SESSION_REQUIRED otherwise. */
  message(): Promise<PickupMessageView> {
    return requestJson<PickupMessageView>(`${this.base}/message`);
  }

  /** `ceId` is the normalised code. */
  unlock(ceId: string): Promise<PickupMessageView> {
    const body: PickupUnlockRequest = { ceId };
    return requestJson<PickupMessageView>(`${this.base}/unlock`, { method: 'POST', body });
  }

  respond(answer: 'accept' | 'decline'): Promise<PickupResponseResult> {
    return requestJson<PickupResponseResult>(`${this.base}/${answer}`, { method: 'POST' });
  }

  /** Asks the sender for a new code; answers the same for any link. */
  async lostCode(): Promise<void> {
    await requestJson<{ ok: true }>(`${this.base}/lost-code`, { method: 'POST' });
  }

  /** Secure reply: the text and files as multipart/form-data (the server streams the files). */
  async reply(text: string, files: File[]): Promise<PickupReplyResult> {
    const form = new FormData();
    form.append('message', JSON.stringify({ text } satisfies PickupReplyRequest));
    for (const file of files) form.append('attachments', file, file.name);
    return requestForm<PickupReplyResult>(`${this.base}/reply`, form);
  }

  attachmentUrl(index: number): string {
    return `${this.base}/attachments/${index}`;
  }

  /** An inline (`cid:`) image of the message; an arrow so the page can pass it on as it is. */
  readonly inlineUrl = (index: number): string => `${this.base}/inline/${index}`;

  emlUrl(): string {
    return `${this.base}/message.eml`;
  }
}

/** The token of a pickup URL path (`/p/<token>`), or null when the path has none. */
export function tokenFromPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
