import { Injectable } from '@nestjs/common';
import * as asn1js from 'asn1js';
import { createHash, randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { ZegelConfig } from '../config/config';
import { SHA256_OID, timestampNonce, verifyTimestampToken } from './verifier/timestamp';

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Asks the RFC 3161 time-stamping authority at ZEGEL_TSA_URL for a token over a SHA-256 digest
 * (a signed tree head), with a nonce and the TSA certificate included, and checks the answer
 * before it is kept.
 */
@Injectable()
export class TimestampAuthorityClient {
  constructor(private readonly config: ZegelConfig) {}

  get configured(): boolean {
    return Boolean(this.config.evidence.tsaUrl);
  }

  /** The TimeStampToken (DER) over `data`; throws when the TSA refuses or answers wrongly. */
  async timestamp(data: Buffer): Promise<Buffer> {
    const digest = createHash('sha256').update(data).digest();
    const url = this.config.evidence.tsaUrl;
    if (!url) throw new Error('no ZEGEL_TSA_URL');
    const nonce = randomBytes(8);
    nonce[0] = (nonce[0] & 0x7f) | 0x01; // a positive INTEGER with no leading zero byte
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
        hashedMessage: new asn1js.OctetString({ valueHex: digest }),
      }),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(request.toSchema().toBER()),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`the TSA answered HTTP ${response.status}`);
    if (body.length > MAX_RESPONSE_BYTES) throw new Error('the TSA answer is too large');
    const parsed = pkijs.TimeStampResp.fromBER(body);
    const status = parsed.status.status;
    if ((status !== 0 && status !== 1) || !parsed.timeStampToken)
      throw new Error(`the TSA refused (PKIStatus ${status})`);
    const token = Buffer.from(parsed.timeStampToken.toSchema().toBER());
    if (timestampNonce(token) !== nonce.toString('hex'))
      throw new Error('the TSA answered another request (nonce)');
    const check = await verifyTimestampToken(token, data);
    if (!check.ok) throw new Error(`the TSA token does not verify: ${check.problem}`);
    return token;
  }
}
