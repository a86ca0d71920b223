import { formatZonedTime } from '@zegel/shared';
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AFRelationship } from 'pdf-lib';
import { PageWriter } from '../common/pdf/page-writer';
import { createPdfA } from '../common/pdf/pdfa';
import { verifyBundle, type EvidenceBundle } from './verifier/bundle';
import { etsiEventOf, reasonCodeOf } from './etsi-events';

export interface EvidenceReportInput {
  bundle: EvidenceBundle;
  organisationName: string;
  publicKeyUrl: string;
}

/** The name of the bundle inside the PDF, as `pdfdetach` or `qpdf --show-attachment` give it. */
export const bundleFileName = (messageId: string) => `evidence-${messageId}.json`;

/**
 * The evidence bundle as a report for people, in the receipt's layout (the same page writer):
 * the part digests, every event with its ETSI name, reason code, time with time zone and actor,
 * the signing key ids, the tree head and its timestamp, and how to verify. The bundle itself is
 * attached as `evidence-<message>.json` (AFRelationship Source), so one file carries both the
 * human reading and the machine-verifiable proof. Set up for PDF/A-3b (docs/evidence.md).
 */
export async function buildEvidenceReportPdf(input: EvidenceReportInput): Promise<Buffer> {
  const { bundle } = input;
  const bundleBytes = Buffer.from(JSON.stringify(bundle, null, 2), 'utf8');
  const exportedAt = new Date(bundle.exportedAt);
  const { doc, fonts } = await createPdfA({
    title: `Bewijsrapport / Evidence report ${bundle.messageId}`,
    author: input.organisationName,
    subject: `Evidence of message ${bundle.messageId}`,
    language: 'nl-NL',
    date: exportedAt,
    id: createHash('sha256').update(bundleBytes).digest().subarray(0, 16),
  });
  const { regular, bold, mono } = fonts;
  await doc.attach(bundleBytes, bundleFileName(bundle.messageId), {
    mimeType: 'application/json',
    description: 'Zegel evidence bundle (verify with npx zegel evidence verify)',
    creationDate: exportedAt,
    modificationDate: exportedAt,
    afRelationship: AFRelationship.Source,
  });

  const w = new PageWriter(doc, regular);
  const small = { size: 9 };
  const code = { font: mono, size: 8 };
  w.line(input.organisationName, { font: bold, size: 16 });
  w.gap(4);
  w.line('Bewijsrapport aangetekend bericht / Registered message evidence report', {
    font: bold,
    size: 13,
  });
  w.gap(6);
  w.line(`Bericht / Message: ${bundle.messageId}`);
  w.line(`Uitgegeven / Exported: ${zoned(bundle.exportedAt)}`, small);
  w.gap(10);

  w.line('SHA-256 van de onderdelen / of the parts', { font: bold });
  const digests = Object.entries(bundle.digests);
  if (!digests.length) w.line('-');
  for (const [part, sha] of digests) {
    w.line(part, small);
    w.line(sha, code);
  }
  w.gap(10);

  w.line('Gebeurtenissen / Events', { font: bold });
  const events = [...bundle.events].sort((a, b) => a.seq - b.seq);
  for (const e of events) {
    const etsi = etsiEventOf(e.type);
    w.gap(4);
    w.line(`${e.chainSeq ?? e.seq}. ${etsi.name ?? e.type}${etsi.name ? '' : ' (Zegel)'}`, {
      font: bold,
      size: 10,
    });
    if (etsi.name) w.line(etsi.uri!, code);
    const reasonCode = e.reasonCode ?? reasonCodeOf(e);
    if (reasonCode) w.line(`Reden-code / Reason code: ${reasonCode}`, small);
    w.line(`Tijd / Time: ${zoned(e.time)}`, small);
    w.line(
      `Actor: ${e.actor}${e.recipient ? ` - ontvanger / recipient ${e.recipient}` : ''}`,
      small,
    );
    if (e.reason) w.line(`Reden / Reason: ${e.reason}`, small);
    w.line(`hash ${e.hash}`, code);
    w.line(`key  ${e.keyId ?? '-'}`, code);
  }
  w.gap(10);

  w.line('Ondertekening / Signatures', { font: bold });
  for (const key of bundle.keys) w.line(`${key.alg} ${key.kid}`, code);
  w.gap(10);

  w.line('Boomkop en tijdstempel / Tree head and timestamp', { font: bold });
  const head = bundle.treeHead;
  if (!head) {
    w.line('Nog geen ondertekende boomkop / No signed tree head yet.', small);
  } else {
    w.line(`size ${head.treeSize}, ${zoned(head.time)}`, small);
    w.line(`root ${head.rootHash}`, code);
    w.line(`key  ${head.keyId}`, code);
    w.line(
      `${bundle.inclusion.length} van / of ${events.length} gebeurtenissen met inclusiebewijs / events with an inclusion proof`,
      small,
    );
  }
  const check = await verifyBundle(bundle, keysOf(bundle));
  // Checked with the bundle's own keys: says the bundle is intact, not who signed it (that takes a
  // pinned key, below).
  for (const line of check.lines.slice(1))
    w.line(line.replace(/^✓ /, '+ ').replace(/(the )?pinned key/g, "the bundle's key"), small);
  w.line(
    `Bij uitgifte gecontroleerd met de sleutels in de bundel / Checked at export with the keys in the bundle: ${check.verdict.toUpperCase()}`,
    small,
  );
  w.gap(10);

  w.line('Zelf controleren / Verify it yourself', { font: bold });
  w.line(
    'Dit PDF-bestand bevat de bewijsbundel als bijlage. Haal die eruit en controleer met de vastgepinde publieke sleutel:',
    small,
  );
  w.line(
    'This PDF carries the evidence bundle as an attachment. Extract it and verify it with the pinned public key:',
    small,
  );
  w.line(`pdfdetach -saveall evidence-${bundle.messageId}.pdf`, code);
  w.line(`curl -s ${input.publicKeyUrl} > zegel-evidence.jwk`, code);
  w.line(
    `npx zegel evidence verify ${bundleFileName(bundle.messageId)} --key zegel-evidence.jwk --tsa-ca tsa-ca.pem`,
    code,
  );
  w.line('docs/evidence.md: ook met alleen openssl / also with openssl alone.', small);
  return Buffer.from(await doc.save());
}

/** Local time in the Netherlands with its zone, and the UTC instant as recorded. */
function zoned(iso: string): string {
  return `${formatZonedTime(iso, 'nl')} (${iso})`;
}

/** The bundle's own keys, by id: the report states what they say; a verifier pins its own. */
function keysOf(bundle: EvidenceBundle): Map<string, KeyObject> {
  return new Map(
    bundle.keys.map((k) => [k.kid, createPublicKey({ key: k.jwk as never, format: 'jwk' })]),
  );
}
