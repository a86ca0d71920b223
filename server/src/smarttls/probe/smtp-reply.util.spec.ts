import { offersStarttls, takeReplies } from './smtp-reply.util';

describe('SMTP replies', () => {
  it('joins a multi-line reply and keeps an incomplete one for later', () => {
    const { replies, rest } = takeReplies(
      '250-mx.example\r\n250-SIZE 1000\r\n250 STARTTLS\r\n220-wel',
    );
    expect(replies).toEqual([{ code: 250, lines: ['mx.example', 'SIZE 1000', 'STARTTLS'] }]);
    expect(rest).toBe('220-wel');
  });

  it('waits for the last line of a slow multi-line greeting', () => {
    expect(takeReplies('220-first\r\n220-second\r\n').replies).toEqual([]);
    expect(takeReplies('220-first\r\n220-second\r\n220 last\r\n').replies[0].lines).toHaveLength(3);
  });

  it('reads a bare code and LF-only lines', () => {
    expect(takeReplies('421\n').replies).toEqual([{ code: 421, lines: [''] }]);
  });

  it('refuses text that is not SMTP', () => {
    expect(() => takeReplies('HTTP/1.1 400 Bad Request\r\n')).toThrow('not an SMTP reply');
  });

  it.each([
    [['mx.example', 'PIPELINING', 'STARTTLS'], true],
    [['mx.example', 'starttls'], true],
    [['mx.example', 'SIZE 10'], false],
    [['STARTTLS is the name of this host'], false],
  ])('EHLO %j offers STARTTLS: %s', (lines, expected) => {
    expect(offersStarttls({ code: 250, lines })).toBe(expected);
  });
});
