import { createHash, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

export interface TimestampCheck {
  ok: boolean;
  /** Why not, in words, when `ok` is false. */
  problem?: string;
  /** The time the TSA vouches for (TSTInfo genTime). */
  time?: Date;
  /** The TSA certificate's subject. */
  tsa?: string;
  /** True when the TSA certificate chains to one of the given trusted CA certificates. */
  trusted?: boolean;
}

/** The TSTInfo inside an RFC 3161 TimeStampToken (a CMS SignedData ContentInfo, DER). */
function parse(token: Buffer): { signed: pkijs.SignedData; info: pkijs.TSTInfo } {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(token));
  const signed = new pkijs.SignedData({ schema: contentInfo.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error('the token holds no TSTInfo');
  return { signed, info: pkijs.TSTInfo.fromBER(content.getValue()) };
}

/** The nonce of a token, as hex (to match it with the request). */
export function timestampNonce(token: Buffer): string | null {
  const nonce = parse(token).info.nonce;
  return nonce ? Buffer.from(nonce.valueBlock.valueHexView).toString('hex') : null;
}

/**
 * Checks an RFC 3161 token over `data` (the timestamped bytes): the SHA-256 message imprint,
 * the TSA's CMS signature, the timeStamping key usage, and — when CA certificates (PEM) are given —
 * the TSA certificate's chain to one of them.
 */
export async function verifyTimestampToken(
  token: Buffer,
  data: Buffer,
  trustedCaPem: string[] = [],
): Promise<TimestampCheck> {
  const digest = createHash('sha256').update(data).digest();
  let signed: pkijs.SignedData;
  let info: pkijs.TSTInfo;
  try {
    ({ signed, info } = parse(token));
  } catch (error) {
    return { ok: false, problem: `not an RFC 3161 token (${(error as Error).message})` };
  }
  const imprint = info.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== SHA256_OID)
    return { ok: false, problem: 'the token is over another hash algorithm than SHA-256' };
  if (!Buffer.from(imprint.hashedMessage.getValue()).equals(digest))
    return { ok: false, problem: 'the token is over other data' };
  const trustedCerts = trustedCaPem.map((pem) =>
    pkijs.Certificate.fromBER(new X509Certificate(pem).raw),
  );
  let signer: pkijs.Certificate | null | undefined;
  try {
    const result = await signed.verify({
      signer: 0,
      data: new Uint8Array(data).buffer,
      checkChain: trustedCerts.length > 0,
      trustedCerts,
      extendedMode: true,
    });
    if (!result.signatureVerified) return { ok: false, problem: 'the TSA signature is wrong' };
    signer = result.signerCertificate;
  } catch (error) {
    const e = error as pkijs.SignedDataVerifyError;
    return { ok: false, problem: `the TSA signature does not verify (${e.message})` };
  }
  if (!signer) return { ok: false, problem: 'the token does not include the TSA certificate' };
  const x509 = new X509Certificate(Buffer.from(signer.toSchema().toBER()));
  // Node lists the certificate's extended key usages (OIDs) as `keyUsage`.
  if (!(x509.keyUsage ?? []).includes(TIME_STAMPING_EKU))
    return { ok: false, problem: 'the TSA certificate is not for time stamping' };
  return {
    ok: true,
    time: info.genTime,
    tsa: x509.subject.replace(/\n/g, ', '),
    trusted: trustedCerts.length > 0,
  };
}
