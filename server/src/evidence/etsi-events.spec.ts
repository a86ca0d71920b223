import { EVIDENCE_EVENT_TYPES } from '@zegel/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ETSI_EVENTS, etsiEventOf, reasonCodeOf } from './etsi-events';

const ETSI_NAMES = [
  'SubmissionAcceptance',
  'SubmissionRejection',
  'ConsignmentNotification',
  'ConsignmentNotificationFailure',
  'NotificationDelivered',
  'ContentConsignment',
  'ContentConsignmentFailure',
  'ContentHandover',
  'ContentHandoverFailure',
  'ContentAccessTracking',
  'ConsignmentAcceptance',
  'ConsignmentRejection',
  'AcceptanceRejectionExpiry',
  'RelayToNonERDS',
  'RelayToNonERDSFailure',
  'ReceivedFromNonERDS',
];

describe('the ETSI EN 319 522-2 table', () => {
  it.each(EVIDENCE_EVENT_TYPES)('maps %s, to an ETSI event or with a note why not', (type) => {
    const mapping = ETSI_EVENTS[type];
    expect(mapping).toBeDefined();
    if (mapping.etsi) expect(ETSI_NAMES).toContain(mapping.etsi);
    else expect(mapping.note).toBeTruthy();
  });

  it('maps nothing that Zegel does not record', () => {
    expect(Object.keys(ETSI_EVENTS).sort()).toEqual([...EVIDENCE_EVENT_TYPES].sort());
  });

  it('publishes every event type and reason code in docs/evidence.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/evidence.md'), 'utf8');
    for (const [type, mapping] of Object.entries(ETSI_EVENTS)) {
      expect(doc).toContain(`\`${type}\``);
      for (const rule of mapping.reasons) expect(doc).toContain(`\`${rule.code}\``);
    }
  });

  it('gives the ETSI URI, and none for Zegel’s own events', () => {
    expect(etsiEventOf('ContentHandover').uri).toBe(
      'http://uri.etsi.org/19522/Event/ContentHandover',
    );
    expect(etsiEventOf('CopyUnlock')).toEqual({ name: null, uri: null });
  });

  it.each([
    ['SubmissionAcceptance', null, undefined, null],
    [
      'SubmissionRejection',
      'VALIDATION_FAILED: bad',
      { entry: 'api', code: 'VALIDATION_FAILED' },
      'InvalidSubmission',
    ],
    ['SubmissionRejection', '552: too big', { entry: 'smtp', code: '552' }, 'SizeLimitExceeded'],
    [
      'SubmissionRejection',
      'x',
      { entry: 'send-check', code: 'NO_CLASSIFICATION' },
      'SendCheckRefused',
    ],
    ['SubmissionRejection', '550: no', { entry: 'smtp', code: '550' }, 'OtherRefusal'],
    [
      'ContentHandoverFailure',
      'wrong CE-ID (3 of 3 for this copy); copy locked after 3 wrong CE-IDs',
      undefined,
      'CopyLocked',
    ],
    ['ContentHandoverFailure', 'wrong CE-ID (1 of 3 for this copy)', undefined, 'WrongCeId'],
    [
      'ContentHandoverFailure',
      'address blocked for 15 minutes after wrong CE-IDs',
      undefined,
      'AddressBlocked',
    ],
    [
      'ContentHandoverFailure',
      'the recipient reports the CE-ID lost; the sender is asked for a new one',
      undefined,
      'CeIdLost',
    ],
    ['ContentConsignmentFailure', 'refused: 550 no such user', undefined, 'RecipientServerRefused'],
    [
      'ContentConsignmentFailure',
      'not delivered directly: TLS; the pickup route with CE-ID follows',
      undefined,
      'FallbackToPickup',
    ],
    ['ConfigurationChange', null, { action: 'webhook.update' }, 'webhook.update'],
  ])('%s (%s, %j) has reason code %s', (type, reason, details, code) => {
    expect(reasonCodeOf({ type, reason, details: details as Record<string, unknown> })).toBe(code);
  });
});
