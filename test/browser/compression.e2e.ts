import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ensureAddinBuild } from '../support/browser-build';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(240_000);

/** Static files leave precompressed; JSON answers to GETs are compressed; nothing else changes. */
describe('compression', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    await ensureAddinBuild();
    zegel = await startZegel();
  });
  afterAll(() => zegel?.close());

  async function scriptOfPickupPage(): Promise<string> {
    const html = (await http(`${zegel.url}/p/AAAAAAAAAAAAAAAAAAAAAA`)).text();
    return /<script[^>]+src="([^"]+\.js)"/.exec(html)![1];
  }

  it('sends the build’s brotli or gzip copy as the browser accepts, with Vary', async () => {
    const script = await scriptOfPickupPage();
    const plain = await http(`${zegel.url}${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);

    const br = await http(`${zegel.url}${script}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await http(`${zegel.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('compresses JSON answers to GET, and never answers to POST', async () => {
    const z = new ZegelClient(zegel.url);
    for (let i = 0; i < 5; i++) await z.submit({ recipients: [{ address: `c${i}@example.nl` }] });
    const list = await http(`${zegel.url}/api/v1/messages?limit=20`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(list.body).toString('utf8'))).toHaveLength(5);

    const post = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br' },
      body: JSON.stringify({
        classification: 'registered',
        subject: 'Uitslag',
        text: 'y'.repeat(4000),
        recipients: [{ address: 'post@example.nl' }],
      }),
    });
    expect(post.status).toBe(201);
    expect(post.headers['content-encoding']).toBeUndefined();
    expect(post.json<{ recipients: { ceId: string }[] }>().recipients[0].ceId).toBeTruthy();
  });
});
