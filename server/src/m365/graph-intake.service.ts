import { Inject, Injectable } from '@nestjs/common';
import type {
  GraphIntakeRequest,
  GraphIntakeSettings,
  SubmitMessageRequest,
  SubmitMessageResponse,
} from '@zegel/shared';
import { pipeline } from 'node:stream';
import { ownerIdOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { NotForIntake, receiveSmtpMessage } from '../connector/smtp-message.receiver';
import { IntakeService } from '../messages/intake.service';
import type { PartStore } from '../messages/intake.types';
import { VaultService } from '../vault/vault.service';
import { ByteCounter } from './byte-counter.transform';
import { GraphDraftReader, type CloudFile } from './graph-draft.reader';
import { parseGraphIntakeRequest } from './graph-intake.request';
import {
  draftMismatches,
  mimeMismatches,
  type DraftFacts,
  type Mismatch,
} from './graph-intake.rules';
import { M365Connection } from './m365.connection';

const DIFFERS =
  'The saved draft is not what Zegel showed you. Save the draft, check it and send again.';

/**
 * Send registered from a saved draft: the user's token is exchanged On-Behalf-Of for a Graph
 * token, the draft is checked against what the task pane showed, its MIME is streamed into the same
 * intake as the SMTP connector's, and cloud attachments are fetched as files with the user's
 * rights and sealed like any attachment. Nothing passes through the client.
 */
@Injectable()
export class GraphIntakeService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly intake: IntakeService,
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
    const limits = this.config.limits;
    const request = parseGraphIntakeRequest(body, limits);
    const token = await this.m365.identity.onBehalfOf(userToken);
    const reader = new GraphDraftReader(this.m365.graph, token, request.itemId);
    const facts = await reader.facts();
    const mismatches = draftMismatches(
      { recipients: request.recipients.map((r) => r.address), attachments: request.attachments },
      facts,
    );
    if (mismatches.length) throw new ZegelError('CONFLICT', DIFFERS, mismatches);
    if (facts.attachments.length > limits.maxAttachments)
      throw new ZegelError(
        'TOO_MANY_PARTS',
        `The message has more than ${limits.maxAttachments} attachments.`,
      );
    // Every cloud link is checked before any content is read, so a link the user cannot open
    // fails fast and nothing is stored.
    const cloud: CloudFile[] = [];
    for (const a of request.attachments.filter((x) => x.kind === 'cloud'))
      cloud.push(await reader.cloudFile(a.name, a.url!, limits.maxAttachmentBytes));
    const mime = await reader.mime();
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
        known: await this.intake.knownClassifications(),
        vault: this.vault,
        spoolUnprotected: false,
        submit: (receive) =>
          this.intake.submitParts(
            {
              sender: user.email,
              senderName: user.name || undefined,
              ownerId: ownerIdOf(user),
              entry: 'api',
              ip,
            },
            (store) => this.receive(receive, store, { request, facts, cloud, reader }),
          ),
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

  /**
   * Inside the intake: the MIME's parts are stored (and measured) as they are parsed and checked
   * against the draft, then the linked files follow as further attachments of the same message.
   */
  private async receive(
    receive: (store: PartStore) => Promise<SubmitMessageRequest>,
    store: PartStore,
    draft: {
      request: GraphIntakeRequest;
      facts: DraftFacts;
      cloud: CloudFile[];
      reader: GraphDraftReader;
    },
  ): Promise<SubmitMessageRequest> {
    const arrived: { name: string | undefined; size: number }[] = [];
    const received = await receive({
      attachment: async (index, name, type, source, contentId) => {
        const counter = new ByteCounter();
        // Either side failing ends both: the parser's part stream and the vault's writer.
        pipeline(source, counter, () => undefined);
        // The Content-ID goes along, so a picture in the body shows in place on the pickup page.
        await store.attachment(index, name, type, counter, contentId);
        arrived[index] = { name, size: counter.bytes };
      },
      bodies: (r) => store.bodies(r),
    });
    const problems: Mismatch[] = mimeMismatches(draft.facts.attachments, arrived);
    if (received.classification !== draft.request.classification)
      problems.push({
        path: 'classification',
        message: `the saved draft is labelled ${received.classification}, the task pane shows ${draft.request.classification}`,
      });
    if (problems.length) throw new ZegelError('CONFLICT', DIFFERS, problems);
    let index = arrived.length;
    for (const file of draft.cloud)
      await store.attachment(
        index++,
        file.name,
        file.contentType,
        await draft.reader.content(file),
      );
    const phones = new Map(draft.request.recipients.map((r) => [r.address.toLowerCase(), r.phone]));
    return {
      ...received,
      recipients: received.recipients.map((r) => {
        const phone = phones.get(r.address.toLowerCase());
        return phone ? { ...r, phone } : r;
      }),
    };
  }
}
