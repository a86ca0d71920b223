'use strict';
// A large attachment up through the API and down through pickup, streamed at both ends so that
// the bench process never holds it whole either; each side hashes what passed.
const { createHash, randomBytes } = require('node:crypto');
const { request } = require('./server-process');

/** Posts a registered message with one attachment of `bytes` random bytes to `address`. */
async function uploadThroughApi(url, address, bytes) {
  const boundary = 'zegelbench' + randomBytes(8).toString('hex');
  const meta = JSON.stringify({
    classification: 'registered',
    subject: 'Big',
    recipients: [{ address }],
    text: 'see attachment',
  });
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const chunk = randomBytes(1024 * 1024);
  const count = bytes / chunk.length;
  // The digest of what will be sent, before the clock starts: hashing 100 MB on the way out would
  // take a share of the two cores the server is measured on (a real client does its work on its
  // own machine).
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(chunk);
  const started = process.hrtime.bigint();
  const up = await request(`${url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: async (req) => {
      req.write(head);
      for (let i = 0; i < count; i++) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end(tail);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${up.body}`);
  return { seconds, sha256: hash.digest('hex'), submitted: JSON.parse(up.body) };
}

/** The newest mail in the development outbox that `pick` accepts, read for people (waits for it). */
async function outboxMail(url, pick) {
  for (let i = 0; i < 300; i++) {
    const list = JSON.parse((await request(`${url}/api/v1/admin/outbox`)).body);
    const found = list.find(pick);
    if (found)
      return JSON.parse((await request(`${url}/api/v1/admin/outbox/${found.id}/view`)).body);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the mail never reached the outbox');
}

/** Opens `address`'s copy with its CE-ID and downloads its first attachment, hashing it. */
async function downloadThroughPickup(url, address, ceId) {
  const notice = await outboxMail(url, (m) => m.to.includes(address));
  const token = /\/p\/([A-Za-z0-9_-]{22})/.exec(notice.text)?.[1];
  if (!token) throw new Error(`no pickup link in the notification to ${address}`);
  const unlock = await request(`${url}/api/v1/pickup/${token}/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ceId }),
  });
  if (unlock.status !== 200) throw new Error(`unlock answered ${unlock.status}`);
  const cookie = String(unlock.headers['set-cookie']).split(';')[0];
  const hash = createHash('sha256');
  const started = process.hrtime.bigint();
  const down = await request(`${url}/api/v1/pickup/${token}/attachments/0`, {
    headers: { cookie },
    onBody: (c) => hash.update(c),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (down.status !== 200) throw new Error(`download answered ${down.status}`);
  return { seconds, sha256: hash.digest('hex') };
}

module.exports = { downloadThroughPickup, outboxMail, uploadThroughApi };
