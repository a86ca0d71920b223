import { MAX_REPLIES_PER_COPY, replyRules, replyText } from './reply.rules';

const base = { allowReplies: true, open: true, sent: 0, maxAttachments: 10, maxAttachmentBytes: 9 };

describe('reply rules', () => {
  it.each([
    [{}, true, MAX_REPLIES_PER_COPY],
    [{ allowReplies: false }, false, 0],
    [{ open: false }, false, 0],
    [{ sent: MAX_REPLIES_PER_COPY - 1 }, true, 1],
    [{ sent: MAX_REPLIES_PER_COPY }, false, 0],
    [{ sent: MAX_REPLIES_PER_COPY + 4 }, false, 0],
  ])('%j → allowed %s, %s left', (change, allowed, remaining) => {
    expect(replyRules({ ...base, ...change })).toMatchObject({ allowed, remaining });
  });

  it('never offers more files than a submission may carry', () => {
    expect(replyRules({ ...base, maxAttachments: 2 }).maxAttachments).toBe(2);
    expect(replyRules(base).maxAttachments).toBe(5);
  });

  it.each([
    ['Ja.\r\nJan  ', 'Ja.\nJan'],
    ['  ', null],
    ['', null],
    [42, null],
    [undefined, null],
    ['a\u0000b', null],
    ['tab\tok', 'tab\tok'],
    ['x'.repeat(11), null],
    ['é'.repeat(10), 'é'.repeat(10)],
  ])('text %j → %j', (input, expected) => {
    expect(replyText(input, 10)).toBe(expected);
  });
});
