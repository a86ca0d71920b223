import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFString,
  PDFHexString,
  decodePDFRawStream,
  type PDFDocument,
} from 'pdf-lib';
import { verifyBundle, type EvidenceBundle } from '../../server/src/evidence/verifier';
import { http } from '../support/http';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa';
import { pdfText } from '../support/pdf-text';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

/**
 * The evidence bundle as a PDF report: it shows the digests and events, is set up for PDF/A-3b,
 * and carries the JSON bundle inside, which verifies offline with the pinned key and the TSA's CA.
 */
jest.setTimeout(60_000);

describe('evidence report PDF', () => {
  let tsa: LocalTsa;
  let zegel: RunningZegel;
  let messageId: string;

  beforeAll(async () => {
    tsa = await startLocalTsa();
    zegel = await startZegel({
      env: { ZEGEL_EVIDENCE_TREE_HEAD_SECONDS: '1', ZEGEL_TSA_URL: tsa.url },
    });
    const z = new ZegelClient(zegel.url);
    messageId = (await z.submit({ recipients: [{ address: 'a@example.nl' }], text: 'Uitslag' })).id;
  });

  afterAll(async () => {
    await zegel?.close();
    await tsa?.close();
  });

  const url = () => `${zegel.url}/api/v1/messages/${messageId}/evidence`;

  async function provenBundle(): Promise<EvidenceBundle> {
    for (let i = 0; i < 100; i++) {
      const bundle = (await http(url())).json<EvidenceBundle>();
      if (bundle.inclusion.length === bundle.events.length && bundle.treeHead?.timestampToken)
        return bundle;
      await sleep(200);
    }
    throw new Error('no timestamped tree head took the events in');
  }

  function attachments(doc: PDFDocument): Map<string, Buffer> {
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
    const files = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const list = files.lookup(PDFName.of('Names'), PDFArray);
    const out = new Map<string, Buffer>();
    for (let i = 0; i < list.size(); i += 2) {
      const name = list.lookup(i) as PDFString | PDFHexString;
      const spec = list.lookup(i + 1, PDFDict);
      expect(spec.get(PDFName.of('AFRelationship'))).toEqual(PDFName.of('Source'));
      const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')) as PDFRawStream;
      out.set(name.decodeText(), Buffer.from(decodePDFRawStream(stream).decode()));
    }
    return out;
  }

  it('shows the digests and events, and carries a bundle that verifies offline', async () => {
    const json = await provenBundle();
    const acceptance = json.events.find((e) => e.type === 'SubmissionAcceptance');
    expect(acceptance).toMatchObject({
      etsiEvent: 'http://uri.etsi.org/19522/Event/SubmissionAcceptance',
      reasonCode: null,
    });
    const res = await http(url(), { headers: { accept: 'application/pdf' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`evidence-${messageId}.pdf`);
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');

    const { doc, lines } = await pdfText(res.body);
    const text = lines.join('\n');
    expect(Object.keys(json.digests).length).toBeGreaterThan(0);
    for (const digest of Object.values(json.digests)) expect(lines).toContain(digest);
    expect(text).toContain('SubmissionAcceptance');
    expect(text).toContain('http://uri.etsi.org/19522/Event/SubmissionAcceptance');
    expect(text).toMatch(/Tijd \/ Time: .*(CET|CEST|MEZ|GMT\+1|GMT\+2)/);
    expect(text).toContain(`key  ${json.events[0].keyId}`);
    expect(text).toContain(`root ${json.treeHead!.rootHash}`);
    expect(text).toContain(`npx zegel evidence verify evidence-${messageId}.json`);

    const embedded = attachments(doc).get(`evidence-${messageId}.json`);
    expect(embedded).toBeDefined();
    const bundle = JSON.parse(embedded!.toString('utf8')) as EvidenceBundle;
    expect(bundle.digests).toEqual(json.digests);
    const jwk = (await http(`${zegel.url}/api/v1/evidence/public-key`)).json<object>();
    const pinned = createPublicKey({ key: jwk as never, format: 'jwk' });
    const report = await verifyBundle(bundle, pinned, {
      tsaCaPem: [readFileSync(tsa.caFile, 'utf8')],
    });
    expect(report.lines.join('\n')).toContain('chains to the given CA');
    expect(report.verdict).toBe('valid');

    // A changed byte in the attached bundle is caught by the same verifier.
    bundle.events[0].actor += 'x';
    expect((await verifyBundle(bundle, pinned)).verdict).toBe('invalid');
  });

  it('is set up for PDF/A-3b: XMP identification, embedded fonts, sRGB output intent, /ID', async () => {
    const res = await http(`${url()}?format=pdf`);
    expect(res.status).toBe(200);
    const { doc } = await pdfText(res.body);
    const xmp = Buffer.from(
      (doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).getContents(),
    ).toString('utf8');
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toEqual(PDFName.of('GTS_PDFA1'));
    const icc = Buffer.from(
      decodePDFRawStream(intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream).decode(),
    );
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(doc.catalog.lookup(PDFName.of('AF'), PDFArray).size()).toBe(1);
    expect(doc.context.trailerInfo.ID).toBeDefined();
    let fonts = 0;
    for (const page of doc.getPages()) {
      const dict = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      for (const [, ref] of dict.entries()) {
        const font = doc.context.lookup(ref, PDFDict);
        const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
        const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
        expect(descriptor.get(PDFName.of('FontFile2'))).toBeDefined();
        fonts++;
      }
    }
    expect(fonts).toBeGreaterThan(0);
  });

  it('answers JSON by default and refuses an unknown format with a clear error', async () => {
    const json = await http(url(), { headers: { accept: 'application/json, application/pdf' } });
    expect(json.headers['content-type']).toContain('application/json');
    const bad = await http(`${url()}?format=xml`);
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });
});
