import { checkSend, type SendCheckInput } from './send-check';

const base: SendCheckInput = {
  recipients: [],
  userEmail: 'arts@ziekenhuis.nl',
  internalDomains: [],
  header: undefined,
  labelRecord: undefined,
  sentRecord: undefined,
  policy: 'block',
};

describe('checkSend', () => {
  it.each<[string, Partial<SendCheckInput>, ReturnType<typeof checkSend>]>([
    ['internal only, no label', { recipients: ['collega@ziekenhuis.nl'] }, { kind: 'allow' }],
    ['subdomain is internal', { recipients: ['x@lab.ziekenhuis.nl'] }, { kind: 'allow' }],
    [
      'external, no label, block',
      { recipients: ['p@gmail.com', 'c@ziekenhuis.nl'] },
      { kind: 'block', reason: 'UNLABELLED_EXTERNAL', external: ['p@gmail.com'] },
    ],
    [
      'external, no label, warn',
      { recipients: ['p@gmail.com'], policy: 'warn' },
      { kind: 'warn', reason: 'UNLABELLED_EXTERNAL', external: ['p@gmail.com'] },
    ],
    [
      'external, no label, allow',
      { recipients: ['p@gmail.com'], policy: 'allow' },
      { kind: 'allow' },
    ],
    [
      'configured partner domain counts as internal',
      { recipients: ['p@umc.nl'], internalDomains: ['umc.nl'] },
      { kind: 'allow' },
    ],
    [
      'look-alike domain is external',
      { recipients: ['p@notziekenhuis.nl'] },
      { kind: 'block', reason: 'UNLABELLED_EXTERNAL', external: ['p@notziekenhuis.nl'] },
    ],
    [
      'external, labelled public',
      { recipients: ['p@gmail.com'], header: 'public', labelRecord: 'public' },
      { kind: 'allow' },
    ],
    [
      'labelled without a record (Exchange or another tool set it)',
      { recipients: ['p@gmail.com'], header: 'confidential' },
      { kind: 'allow' },
    ],
    [
      'label chosen but header lost',
      { recipients: ['c@ziekenhuis.nl'], labelRecord: 'registered' },
      { kind: 'block', reason: 'HEADER_NOT_PERSISTED', external: [] },
    ],
    [
      'label changed but header kept the old value',
      { recipients: ['p@gmail.com'], labelRecord: 'registered', header: 'public' },
      { kind: 'block', reason: 'HEADER_NOT_PERSISTED', external: ['p@gmail.com'] },
    ],
    [
      'header case differs',
      { recipients: ['p@gmail.com'], labelRecord: 'registered', header: 'Registered' },
      { kind: 'allow' },
    ],
    [
      'already sent registered, even when allowed otherwise',
      { recipients: ['c@ziekenhuis.nl'], sentRecord: 'msg-1', policy: 'allow' },
      { kind: 'block', reason: 'ALREADY_SENT', external: [] },
    ],
    ['no recipients', {}, { kind: 'allow' }],
  ])('%s', (_name, input, verdict) => {
    expect(checkSend({ ...base, ...input })).toEqual(verdict);
  });
});
