import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZegelError } from '../common/zegel-error';
import { GraphError, type GraphClient } from './graph.client';
import { attachmentKind, shareId, type DraftFacts } from './graph-intake.rules';

interface Address {
  emailAddress?: { address?: string };
}
interface GraphMessage {
  isDraft?: boolean;
  toRecipients?: Address[];
  ccRecipients?: Address[];
  bccRecipients?: Address[];
}
interface GraphAttachment {
  '@odata.type'?: string;
  name?: string;
  size?: number;
}
interface DriveItem {
  name?: string;
  size?: number;
  file?: { mimeType?: string };
}

/** A OneDrive or SharePoint file the user may read, ready to be fetched. */
export interface CloudFile {
  name: string;
  path: string;
  contentType?: string;
}

/** How long one request may wait in total for Graph's throttling before the user is told. */
const MAX_THROTTLE_WAIT_MS = 30_000;

/**
 * One user's draft and linked files, read through Graph with that user's (On-Behalf-Of) token.
 * Throttling is waited out within a bound; Graph's refusals become answers the user can act on.
 */
export class GraphDraftReader {
  private readonly logger = new Logger('m365');
  private readonly base: string;

  constructor(
    private readonly graph: GraphClient,
    private readonly token: string,
    itemId: string,
  ) {
    this.base = `/me/messages/${encodeURIComponent(itemId)}`;
  }

  /** Recipients and attachments of the saved draft; a sent message is refused. */
  async facts(): Promise<DraftFacts> {
    const message = await this.call('the draft', () =>
      this.graph.json<GraphMessage>(
        `${this.base}?$select=isDraft,toRecipients,ccRecipients,bccRecipients`,
        this.token,
      ),
    );
    if (message.isDraft === false)
      throw new ZegelError(
        'CONFLICT',
        'This message has already been sent; only a draft can be sent registered.',
      );
    const listed = await this.call('the attachments', () =>
      this.graph.all<GraphAttachment>(
        `${this.base}/attachments?$select=name,size,isInline`,
        this.token,
      ),
    );
    return {
      recipients: [message.toRecipients, message.ccRecipients, message.bccRecipients]
        .flatMap((list) => list ?? [])
        .map((r) => r.emailAddress?.address ?? '')
        .filter(Boolean),
      attachments: listed.map((a) => ({
        name: a.name ?? '',
        size: a.size ?? 0,
        kind: attachmentKind(a['@odata.type']),
      })),
    };
  }

  /** The draft's MIME, streamed. */
  mime(): Promise<IncomingMessage> {
    return this.call('the draft', () => this.graph.stream(`${this.base}/$value`, this.token));
  }

  /** A OneDrive or SharePoint link, opened with the user's rights; a link they cannot read is refused. */
  async cloudFile(name: string, url: string, maxBytes: number): Promise<CloudFile> {
    const path = `/shares/${shareId(url)}/driveItem`;
    const item = await this.call(
      name,
      () => this.graph.json<DriveItem>(`${path}?$select=name,size,file`, this.token),
      true,
    );
    if (!item.file)
      throw new ZegelError(
        'ATTACHMENT_UNREADABLE',
        `${name} is a folder, not a file: attach the files themselves.`,
      );
    if ((item.size ?? 0) > maxBytes)
      throw new ZegelError('PAYLOAD_TOO_LARGE', `${name} is larger than ${maxBytes} bytes.`);
    return { name, path: `${path}/content`, contentType: item.file.mimeType };
  }

  content(file: CloudFile): Promise<IncomingMessage> {
    return this.call(file.name, () => this.graph.stream(file.path, this.token), true);
  }

  private async call<T>(what: string, request: () => Promise<T>, cloud = false): Promise<T> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (!(error instanceof GraphError)) throw error;
        const wait = error.retryAfterMs ?? 5_000;
        if (error.throttled && attempt < 4 && waited + wait <= MAX_THROTTLE_WAIT_MS) {
          this.logger.warn({ status: error.status, wait }, 'Graph throttles; waiting');
          waited += wait;
          await sleep(wait);
          continue;
        }
        throw this.refusal(error, what, cloud);
      }
    }
  }

  private refusal(error: GraphError, what: string, cloud: boolean): ZegelError {
    this.logger.warn({ status: error.status, code: error.code, what }, 'Graph refused');
    if (error.throttled)
      return new ZegelError(
        'RATE_LIMITED',
        `Microsoft 365 is busy; try again in ${Math.ceil((error.retryAfterMs ?? 60_000) / 1000)} seconds.`,
      );
    if (cloud && [401, 403, 404].includes(error.status))
      return new ZegelError(
        'ATTACHMENT_UNREADABLE',
        `${what}: you cannot open this OneDrive or SharePoint file (Microsoft 365 answered ${error.status} ${error.code}), so Zegel cannot seal it. Attach a copy or ask the owner for access.`,
      );
    if (error.status === 404)
      return new ZegelError(
        'NOT_FOUND',
        'The draft is not in your mailbox: save it and send again.',
      );
    if (error.status === 403)
      return new ZegelError(
        'FORBIDDEN',
        `Microsoft 365 does not let Zegel read ${what} on your behalf (${error.code}).`,
      );
    if (error.status === 401)
      return new ZegelError(
        'SERVICE_UNAVAILABLE',
        `Microsoft Graph refused Zegel's token (401 ${error.code}): the Graph URL or the app registration is misconfigured.`,
      );
    return new ZegelError(
      'SERVICE_UNAVAILABLE',
      `Microsoft Graph failed to hand over ${what} (${error.status}).`,
    );
  }
}
