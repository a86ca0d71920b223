import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { RelayTransport } from '../delivery/relay-transport.adapter';
import type { VaultService } from '../vault/vault.service';
import { reject, tempfail, type SmtpVerdict } from './smtp-verdict';

/**
 * Hands unprotected mail back to the organisation's smart host, unchanged but for a loop-prevention
 * header so the transport rule does not route it to Zegel again. The verdict mirrors the smart
 * host's answer: the client gets 250 only once the smart host has accepted the mail.
 */
export class UnprotectedRelay {
  private readonly transport: RelayTransport;

  constructor(url: string, requireTls: boolean, caFile: string | undefined) {
    this.transport = new RelayTransport(
      url,
      requireTls,
      caFile ? [readFileSync(caFile, 'utf8')] : undefined,
    );
  }

  async relay(
    vault: VaultService,
    spool: { blobId: string; key: Buffer; context: string },
    envelope: { from: string; to: string[] },
    classification: string,
  ): Promise<SmtpVerdict> {
    const body = vault.readPart(spool);
    const raw = Readable.from(
      (async function* () {
        yield Buffer.from(
          `${LOOP_PREVENTION_HEADER}: relayed; classification=${classification}\r\n`,
        );
        yield* body;
      })(),
    );
    try {
      await this.transport.send({ envelope, raw });
      return { kind: 'accept', reply: "2.0.0 Ok: handed to the organisation's mail server" };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = error instanceof Error ? error.message : String(error);
      if (code && code >= 500 && code < 600)
        return reject(
          code,
          `5.0.0 The organisation's mail server refused the mail`,
          `smart host: ${text}`,
        );
      return tempfail(
        451,
        "4.4.1 The organisation's mail server is not reachable, try again later",
        `smart host: ${text}`,
      );
    } finally {
      body.destroy();
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
