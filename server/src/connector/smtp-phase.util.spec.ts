import { BUILT_IN_CLASSIFICATIONS } from '@zegel/shared';
import { ZegelError } from '../common/zegel-error';
import {
  dataFailure,
  decideClassification,
  strictestLabel,
  LoopError,
  MalformedMessageError,
  mailFromPhase,
  rcptToPhase,
  SizeExceededError,
  type ClientFacts,
} from './smtp-phase.util';

const client = (over: Partial<ClientFacts> = {}): ClientFacts => ({
  ip: '192.0.2.1',
  secure: true,
  ipAllowed: false,
  certificateAccepted: false,
  ...over,
});

describe('mailFromPhase', () => {
  it.each([
    ['allowed IP over TLS', client({ ipAllowed: true }), true, 'accept', undefined],
    ['accepted certificate', client({ certificateAccepted: true }), true, 'accept', undefined],
    ['authenticated user', client({ user: 'exchange' }), true, 'accept', undefined],
    ['nobody', client(), true, 'reject', 550],
    [
      'allowed IP without TLS when TLS is required',
      client({ ipAllowed: true, secure: false }),
      true,
      'reject',
      530,
    ],
    [
      'allowed IP without TLS when TLS is optional',
      client({ ipAllowed: true, secure: false }),
      false,
      'accept',
      undefined,
    ],
    ['nobody without TLS when TLS is optional', client({ secure: false }), false, 'reject', 550],
  ])('%s', (_name, facts, requireTls, kind, code) => {
    const verdict = mailFromPhase(facts, requireTls);
    expect(verdict.kind).toBe(kind);
    if (verdict.kind !== 'accept') {
      expect(verdict.code).toBe(code);
      expect(verdict.reply).toMatch(code === 550 ? /^5\.7\.1 / : /^5\.7\.0 /);
    }
  });
});

describe('rcptToPhase', () => {
  const ok = client({ ipAllowed: true });
  it.each([
    [ok, 'a@example.nl', 0, 'accept', undefined],
    [client(), 'a@example.nl', 0, 'reject', 550],
    [ok, 'a@example.nl', 50, 'tempfail', 452],
    [ok, 'not-an-address', 0, 'reject', 553],
    [ok, 'a@localhost', 0, 'reject', 553],
    [ok, `${'x'.repeat(250)}@example.nl`, 0, 'reject', 553],
  ])('%# %s', (facts, address, accepted, kind, code) => {
    const v = rcptToPhase(facts, address, accepted, 50);
    expect(v.kind).toBe(kind);
    if (v.kind !== 'accept') expect(v.code).toBe(code);
  });
});

describe('dataFailure', () => {
  it.each([
    [new SizeExceededError(1000), 'reject', 552, /^5\.3\.4 .*1000/],
    [new LoopError(), 'reject', 554, /^5\.4\.6 /],
    [
      new MalformedMessageError('Max allowed child nodes exceeded'),
      'reject',
      554,
      /^5\.6\.0 .*child nodes/,
    ],
    [new ZegelError('PAYLOAD_TOO_LARGE', 'too big'), 'reject', 552, /^5\.3\.4 too big/],
    [
      new ZegelError('VALIDATION_FAILED', 'bad', [{ path: 'subject', message: 'too long' }]),
      'reject',
      554,
      /^5\.6\.0 bad \(subject too long\)/,
    ],
    [new ZegelError('CLASSIFICATION_NOT_HANDLED', 'not ours'), 'reject', 550, /^5\.7\.1 not ours/],
    [new ZegelError('SERVICE_UNAVAILABLE', 'busy'), 'tempfail', 451, /^4\.3\.0 busy/],
    [new ZegelError('INTERNAL', 'x'), 'tempfail', 451, /^4\.3\.0 Temporary/],
    [new Error('disk full'), 'tempfail', 451, /^4\.3\.0 Temporary/],
  ])('%# %p', (error, kind, code, reply) => {
    const v = dataFailure(error);
    expect(v.kind).toBe(kind);
    if (v.kind === 'accept') throw new Error('unexpected accept');
    expect(v.code).toBe(code);
    expect(v.reply).toMatch(reply);
  });

  it('never tells the client what an unexpected error said', () => {
    const v = dataFailure(new Error('/var/lib/zegel secret path'));
    expect(v.kind !== 'accept' && v.reply).not.toContain('secret');
    expect(v.kind !== 'accept' && v.reason).toContain('secret');
  });
});

describe('decideClassification', () => {
  const known = BUILT_IN_CLASSIFICATIONS;
  it.each([
    [' Confidential ', undefined, 'confidential', 'classified', 'confidential', 'header', true],
    ['registered', 'public', 'confidential', 'classified', 'registered', 'header', true],
    [undefined, 'registered', 'confidential', 'classified', 'registered', 'rule', true],
    [undefined, undefined, 'confidential', 'classified', 'confidential', 'default', true],
    ['public', undefined, 'confidential', 'classified', 'public', 'header', false],
    [undefined, 'internal', 'confidential', 'classified', 'internal', 'rule', false],
    [undefined, undefined, 'refuse', 'refused', undefined, undefined, undefined],
    ['secret', undefined, 'confidential', 'refused', undefined, undefined, undefined],
    ['', undefined, 'refuse', 'refused', undefined, undefined, undefined],
  ])('%# header %p rule %p default %p', (header, rule, unclassified, kind, id, source, prot) => {
    const d = decideClassification({ header, rule, unclassified, known });
    expect(d.kind).toBe(kind);
    if (d.kind === 'classified') {
      expect(d).toEqual({ kind, classification: id, source, protected: prot });
    } else {
      expect(d.verdict).toMatchObject({ kind: 'reject', code: 550 });
    }
  });
});

describe('strictestLabel', () => {
  it.each<[string[] | undefined, string | undefined]>([
    [undefined, undefined],
    [[], undefined],
    [[' Registered '], 'registered'],
    [['public', 'registered'], 'registered'],
    [['confidential', 'internal'], 'confidential'],
    [['secret', 'public'], 'public'],
    [['secret'], 'secret'],
    [['', '  '], undefined],
  ])('%p → %p', (values, label) => {
    expect(strictestLabel(values, BUILT_IN_CLASSIFICATIONS)).toBe(label);
  });
});
