import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { PermanentJobError, RetryLaterError } from '../queue/job-types';
import { MailTransport } from '../delivery/mail-transport';
import { GraphError, type GraphClient } from './graph.client';
import type { M365Identity } from './m365-identity.service';
import { withTransferEncodings } from '../delivery/transfer-encoding';

/** Without Retry-After, wait this long after a 429/503 (Graph's guidance: back off, then retry). */
const DEFAULT_THROTTLE_MS = 30_000;

/**
 * Outbound mode `graph`: Zegel's own mails leave through Microsoft Graph
 * (`POST /users/{mailbox}/sendMail`, the MIME base64-encoded as text/plain), with an app-only
 * token. Throttling (429/503 with Retry-After) becomes a RetryLaterError, so the job queue waits
 * what Graph asked; a request Graph can never accept (400, 413) is permanent.
 */
export class GraphMailTransport extends MailTransport {
  constructor(
    private readonly identity: M365Identity,
    private readonly graph: GraphClient,
    private readonly mailbox: string,
  ) {
    super();
  }

  async send(mail: Mail.Options): Promise<{ messageId: string }> {
    const composer = new MailComposer(withTransferEncodings(mail)).compile();
    const mime = await composer.build();
    const token = await this.identity.appToken();
    try {
      await this.graph.post(
        `/users/${encodeURIComponent(this.mailbox)}/sendMail`,
        token,
        mime.toString('base64'),
        'text/plain',
      );
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.throttled)
        throw new RetryLaterError(error.message, error.retryAfterMs ?? DEFAULT_THROTTLE_MS);
      if (error.status === 400 || error.status === 413) throw new PermanentJobError(error.message);
      throw error;
    }
    return { messageId: composer.messageId() };
  }

  async close(): Promise<void> {}
}
