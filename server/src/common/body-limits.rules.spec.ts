import { bodyPolicy, SMALL_BODY_BYTES, submissionJsonLimit } from './body-limits.rules';

const settings = { maxBodyBytes: 10 * 1024 ** 2, maxRecipients: 50 };

describe('bodyPolicy', () => {
  it.each([
    ['POST', '/api/v1/pickup/AbCdEfGhIjKlMnOpQrStUv/unlock', SMALL_BODY_BYTES, false],
    ['POST', '/api/v1/pickup/AbCdEfGhIjKlMnOpQrStUv/accept', SMALL_BODY_BYTES, false],
    ['POST', '/api/v1/pickup/AbCdEfGhIjKlMnOpQrStUv/decline', SMALL_BODY_BYTES, false],
    ['POST', '/api/v1/messages', submissionJsonLimit(settings), true],
    ['POST', '/api/v1/messages/', submissionJsonLimit(settings), true],
    ['POST', '/api/v1/messages/abc/revoke', SMALL_BODY_BYTES, false],
    ['GET', '/api/v1/messages', SMALL_BODY_BYTES, false],
    ['POST', '/api/v1/policy/preflight', 64 * 1024, false],
    ['PUT', '/api/v1/admin/policy', 512 * 1024, false],
    ['POST', '/api/v1/admin/mail-flow-rules', 256 * 1024, false],
    ['PUT', '/api/v1/admin/mail-flow-rules/123', 256 * 1024, false],
    ['POST', '/api/v1/admin/mail-flow-rules/preview', 4 * 1024 ** 2, false],
    ['POST', '/api/v1/m365/intake', 64 * 1024 + 50 * 512, false],
    ['POST', '/api/v1/messages/abc/recipients/a%40b.nl/new-code', 8 * 1024, false],
    ['POST', '/api/v1/admin/messages/abc/recipients/a%40b.nl/unlock', 8 * 1024, false],
    ['POST', '/api/v1/sms/status/secret', 64 * 1024, false],
    ['PUT', '/api/v1/admin/recipient-phones/a%40b.nl', SMALL_BODY_BYTES, false],
    ['POST', '/api/v1/pickup/AbCdEfGhIjKlMnOpQrStUv/lost-code', SMALL_BODY_BYTES, false],
    ['POST', '/no/such/route', SMALL_BODY_BYTES, false],
    ['POST', '/health', SMALL_BODY_BYTES, false],
  ])('%s %s: JSON up to %d bytes, multipart %p', (method, path, jsonLimit, multipart) => {
    expect(bodyPolicy(method, path, settings)).toEqual({ jsonLimit, multipart });
  });

  it('sizes the submission by the configured limits, never below what they allow', () => {
    const small = submissionJsonLimit({ maxBodyBytes: 1000, maxRecipients: 1 });
    expect(small).toBeGreaterThan(2 * 1000 + 254);
    expect(small).toBeLessThan(64 * 1024);
    expect(submissionJsonLimit(settings)).toBeLessThan(32 * 1024 ** 2);
  });
});
