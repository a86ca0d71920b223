import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  GraphIntakeRequest,
  GraphIntakeSettings,
  SubmitMessageRequest,
  SubmitMessageResponse,
} from '@zegel/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { NotForIntake, receiveSmtpMessage } from '../connector/smtp-message.receiver';
import { MessagesService, type PartStore } from '../messages/messages.service';
import { VaultService } from '../vault/vault.service';
import { GraphError } from './graph.client';
import { parseGraphIntakeRequest } from './graph-intake.request';
import {
  attachmentKind,
  draftMismatches,
  mimeMismatches,
  shareId,
  type DraftFacts,
} from './graph-intake.rules';
import { M365Connection } from './m365.connection';
import { ByteCounter } from './byte-counter.transform';

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

/** How long one request may wait in total for Graph's throttling before the user is told. */
const MAX_THROTTLE_WAIT_MS = 30_000;

/**
 * Send registered from a saved draft: the user's token is exchanged On-Behalf-Of for a Graph
 * token, the draft is checked against what the task pane showed, its MIME is streamed into the same
 * intake as the SMTP connector's, and cloud attachments are fetched as files with the user's
 * rights and sealed like any attachment. Nothing passes through the client.
 */
@Injectable()
export class GraphIntakeService {
  private readonly logger = new Logger('m365');

  constructor(
    private readonly config: ZegelConfig,
    private readonly messages: MessagesService,
    private readonly vault: VaultService,
    @Inject(M365Connection) private readonly m365: M365Connection | null,
  ) {}

  settings(): GraphIntakeSettings {
    const enabled = Boolean(this.m365?.settings.intake) && this.config.authMode === 'oidc';
    return { enabled, minBytes: this.m365?.settings.intakeMinBytes ?? 0 };
  }

  async submit(
    user: AuthenticatedUser,
    userToken: string | undefined,
    body: unknown,
    ip: string | null,
  ): Promise<SubmitMessageResponse> {
    if (!this.settings().enabled || !this.m365 || !userToken)
      throw new ZegelError(
        'SERVICE_UNAVAILABLE',
        'Sending a draft through Microsoft 365 is not set up on this server.',
      );
    const { identity, graph } = this.m365;
    const limits = this.config.limits;
    const request = parseGraphIntakeRequest(body, limits);
    const token = await identity.onBehalfOf(userToken);
    const base = `/me/messages/${encodeURIComponent(request.itemId)}`;
    const message = await this.call('the draft', () =>
      graph.json<GraphMessage>(
        `${base}?$select=isDraft,toRecipients,ccRecipients,bccRecipients`,
        token,
      ),
    );
    if (message.isDraft === false)
      throw new ZegelError(
        'CONFLICT',
        'This message has already been sent; only a draft can be sent registered.',
      );
    const listed = await this.call('the attachments', () =>
      graph.all<GraphAttachment>(`${base}/attachments?$select=name,size,isInline`, token),
    );
    const facts: DraftFacts = {
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
    const mismatches = draftMismatches(
      { recipients: request.recipients.map((r) => r.address), attachments: request.attachments },
      facts,
    );
    if (mismatches.length)
      throw new ZegelError(
        'CONFLICT',
        'The saved draft is not what Zegel showed you. Save the draft, check it and send again.',
        mismatches,
      );
    if (facts.attachments.length > limits.maxAttachments)
      throw new ZegelError(
        'TOO_MANY_PARTS',
        `The message has more than ${limits.maxAttachments} attachments.`,
      );
    // Every cloud link is checked before any content is read, so a link the user cannot open
    // fails fast and nothing is stored.
    const cloud: { name: string; path: string; contentType?: string }[] = [];
    for (const a of request.attachments.filter((x) => x.kind === 'cloud'))
      cloud.push(await this.cloudFile(a.name, a.url!, token));
    const mime = await this.call('the draft', () => graph.stream(`${base}/$value`, token));
    const phones = new Map(request.recipients.map((r) => [r.address.toLowerCase(), r.phone]));
    const intake = async (
      receive: (store: PartStore) => Promise<SubmitMessageRequest>,
      store: PartStore,
    ) => {
      const arrived: { name: string | undefined; size: number }[] = [];
      const received = await receive({
        attachment: async (index, name, type, source) => {
          const counter = new ByteCounter();
          source.on('error', (error) => counter.destroy(error));
          await store.attachment(index, name, type, source.pipe(counter));
          arrived[index] = { name, size: counter.bytes };
        },
        bodies: (r) => store.bodies(r),
      });
      this.check(received, request, mimeMismatches(facts.attachments, arrived));
      let index = arrived.length;
      for (const file of cloud) {
        const content = await this.call(file.name, () => graph.stream(file.path, token), true);
        await store.attachment(index++, file.name, file.contentType, content);
      }
      return {
        ...received,
        recipients: received.recipients.map((r) => {
          const phone = phones.get(r.address.toLowerCase());
          return phone ? { ...r, phone } : r;
        }),
      };
    };
    try {
      return await receiveSmtpMessage({
        source: mime,
        sender: user.email,
        recipients: facts.recipients.map((r) => r.toLowerCase()),
        // The MIME carries attachments base64-encoded: a third larger than their content.
        maxBytes: Math.ceil(limits.maxMessageBytes * 1.4) + 2 * limits.maxBodyBytes,
        limits,
        unclassified: request.classification,
        classify: () => Promise.resolve(request.classification),
        vault: this.vault,
        spoolUnprotected: false,
        submit: (receive) =>
          this.messages.submitParts(user.email, 'api', ip, (store) => intake(receive, store)),
      });
    } catch (error) {
      if (error instanceof NotForIntake)
        throw new ZegelError(
          'CONFLICT',
          "The saved draft's label is not one Zegel sends: choose a label in the task pane, save and send again.",
        );
      throw error;
    } finally {
      mime.destroy();
    }
  }

  private check(
    received: SubmitMessageRequest,
    request: GraphIntakeRequest,
    problems: { path: string; message: string }[],
  ) {
    if (received.classification !== request.classification)
      problems.push({
        path: 'classification',
        message: `the saved draft is labelled ${received.classification}, the task pane shows ${request.classification}`,
      });
    if (problems.length)
      throw new ZegelError(
        'CONFLICT',
        'The saved draft is not what Zegel showed you. Save the draft, check it and send again.',
        problems,
      );
  }

  /** A OneDrive or SharePoint link, opened with the user's rights; a link they cannot read is refused. */
  private async cloudFile(name: string, url: string, token: string) {
    const path = `/shares/${shareId(url)}/driveItem`;
    const item = await this.call(
      name,
      () => this.m365!.graph.json<DriveItem>(`${path}?$select=name,size,file`, token),
      true,
    );
    if (!item.file)
      throw new ZegelError(
        'ATTACHMENT_UNREADABLE',
        `${name} is a folder, not a file: attach the files themselves.`,
      );
    if ((item.size ?? 0) > this.config.limits.maxAttachmentBytes)
      throw new ZegelError(
        'PAYLOAD_TOO_LARGE',
        `${name} is larger than ${this.config.limits.maxAttachmentBytes} bytes.`,
      );
    return { name, path: `${path}/content`, contentType: item.file.mimeType };
  }

  /** Calls Graph, waiting out throttling within a bound, and turns its refusals into answers. */
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
