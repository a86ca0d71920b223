'use strict';
// A 100 MB attachment through the SMTP connector (base64 in a MIME message, as Exchange relays it)
// and out through the pickup page's download, next to the floor of raw AES-256-GCM plus a fsynced
// disk write of the same bytes, with the server's peak RSS growth.
// Goal (issue 14): peak RSS growth ≤ 64 MB; each direction ≥ 0.5× the raw floor.
// Plain SMTP on loopback (ZEGEL_SMTP_REQUIRE_TLS=false): the figure is intake, not TLS.
const { createHash, randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Readable } = require('node:stream');
const nodemailer = require('nodemailer');
const {
  cpuSeconds,
  currentRss,
  freePort,
  peakRss,
  rawEncryptAndWrite,
  resetPeakRss,
  startZegel,
} = require('./support/server-process');
const { downloadThroughPickup, outboxMail } = require('./support/big-attachment');

const BIG = Number(process.env.BENCH_BIG_MB ?? 100) * 1024 * 1024;
const MB = BIG / 1024 / 1024;
const SENDER = 'jan@zorg.example';
const RECIPIENT = 'big@example.nl';

/** The attachment as a stream of 1 MB chunks, hashed on the way out. */
function attachment(hash) {
  const chunk = randomBytes(1024 * 1024);
  let left = BIG / chunk.length;
  return new Readable({
    read() {
      if (left-- <= 0) return this.push(null);
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-big-'));
  const port = await freePort();
  const smtpPort = await freePort();
  const raw = await rawEncryptAndWrite(root, BIG);
  const child = await startZegel(root, {
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: String(smtpPort),
    ZEGEL_SMTP_REQUIRE_TLS: 'false',
    ZEGEL_MAX_ATTACHMENT_BYTES: String(BIG + 1024),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const rssBefore = currentRss(child.pid);
    const resetOk = resetPeakRss(child.pid);
    const upHash = createHash('sha256');
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const cpuBefore = cpuSeconds(child.pid);
    const benchCpuBefore = process.cpuUsage();
    const upStart = process.hrtime.bigint();
    const info = await transport.sendMail({
      from: SENDER,
      to: RECIPIENT,
      subject: 'Big',
      headers: { 'X-Zegel-Classification': 'registered' },
      text: 'see attachment',
      attachments: [
        {
          filename: 'big.bin',
          contentType: 'application/octet-stream',
          content: attachment(upHash),
        },
      ],
    });
    const upSeconds = Number(process.hrtime.bigint() - upStart) / 1e9;
    const serverCpu = cpuSeconds(child.pid) - cpuBefore;
    const used = process.cpuUsage(benchCpuBefore);
    const clientCpu = (used.user + used.system) / 1e6;
    transport.close();
    if (!/^250/.test(info.response)) throw new Error(`the connector answered ${info.response}`);

    const codes = await outboxMail(url, (m) => m.to.includes(SENDER));
    const ceId = new RegExp(`${RECIPIENT}: ([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})`).exec(
      codes.text,
    )?.[1];
    if (!ceId) throw new Error('no CE-ID in the codes mail to the sender');
    const down = await downloadThroughPickup(url, RECIPIENT, ceId);
    const downSeconds = down.seconds;
    const same = down.sha256 === upHash.digest('hex');

    console.log(`Raw AES-256-GCM + disk write (fsynced) of ${MB} MB: ${raw.toFixed(1)} MB/s`);
    console.log(
      `Connector intake of a ${MB} MB attachment (base64 MIME, 250 after commit): ${(MB / upSeconds).toFixed(1)} MB/s, ratio ${(MB / upSeconds / raw).toFixed(2)} of raw (goal ≥ 0.5)`,
    );
    // Where the intake's wall time went: the server's CPU, and this process encoding and sending.
    console.log(
      `  intake ${upSeconds.toFixed(1)} s: server CPU ${serverCpu.toFixed(1)} s, sending client CPU ${clientCpu.toFixed(1)} s (same machine)`,
    );
    console.log(
      `Pickup download of it (decrypted, streamed): ${(MB / downSeconds).toFixed(1)} MB/s, ratio ${(MB / downSeconds / raw).toFixed(2)} of raw (goal ≥ 0.5)${same ? '' : ' (DIGEST MISMATCH)'}`,
    );
    if (resetOk)
      console.log(
        `Server peak RSS growth during intake and download: ${(peakRss(child.pid) - rssBefore).toFixed(0)} MB (goal ≤ 64)`,
      );
    if (!same) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
