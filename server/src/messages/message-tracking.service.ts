import { Injectable } from '@nestjs/common';
import { RECIPIENT_STATES, type RecipientState, type TrackingPage } from '@zegel/shared';
import { ZegelError } from '../common/zegel-error';
import { recipientStatus } from './message-queries.service';
import { RecipientRepository } from './recipient.repository';
import { ADDRESS } from './submission.validation';
import { TrackingRepository, type TrackingFilter } from './tracking.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

type Problem = { path: string; message: string };

/** Raw query parameters as Express hands them over (a repeated one arrives as an array). */
export type RawTrackingQuery = Record<string, unknown>;

function text(raw: RawTrackingQuery, name: string, problems: Problem[]): string | undefined {
  const value = raw[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 320) {
    problems.push({ path: name, message: 'must be given once, at most 320 characters' });
    return undefined;
  }
  return value.trim();
}

function time(value: string | undefined, name: string, endOfDay: boolean, problems: Problem[]) {
  if (value === undefined) return undefined;
  const parsed = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed)) {
    problems.push({ path: name, message: 'must be a date such as 2026-11-30' });
    return undefined;
  }
  return new Date(DATE.test(value) && endOfDay ? parsed + DAY_MS : parsed);
}

/** The admin's message search: checks the filters (every problem at once) and pages by keyset. */
@Injectable()
export class MessageTracking {
  constructor(
    private readonly tracking: TrackingRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  async search(raw: RawTrackingQuery): Promise<TrackingPage> {
    const filter = parseTrackingQuery(raw);
    const rows = await this.tracking.search({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const copies = await this.recipients.ofMessages(page.map((m) => m.id));
    const last = page[page.length - 1];
    return {
      messages: page.map((m) => ({
        id: m.id,
        sender: m.sender,
        classification: m.classification,
        createdAt: m.createdAt.toISOString(),
        content: m.contentState,
        recipients: copies.filter((r) => r.messageId === m.id).map(recipientStatus),
      })),
      next:
        rows.length > filter.limit && last
          ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
          : null,
    };
  }
}

export function parseTrackingQuery(raw: RawTrackingQuery): TrackingFilter {
  const problems: Problem[] = [];
  const sender = text(raw, 'sender', problems)?.toLowerCase();
  const recipient = text(raw, 'recipient', problems)?.toLowerCase();
  for (const [name, value] of [
    ['sender', sender],
    ['recipient', recipient],
  ] as const)
    if (value && !ADDRESS.test(value))
      problems.push({ path: name, message: 'must be a whole e-mail address' });
  const classification = text(raw, 'classification', problems);
  if (classification && !/^[a-z0-9-]{1,64}$/.test(classification))
    problems.push({
      path: 'classification',
      message: 'must be a classification such as registered',
    });
  const state = text(raw, 'state', problems);
  if (state && !(RECIPIENT_STATES as readonly string[]).includes(state))
    problems.push({ path: 'state', message: `must be one of ${RECIPIENT_STATES.join(', ')}` });
  const from = time(text(raw, 'from', problems), 'from', false, problems);
  const to = time(text(raw, 'to', problems), 'to', true, problems);
  if (from && to && from >= to) problems.push({ path: 'to', message: 'must be after from' });
  const limitText = text(raw, 'limit', problems);
  const limit = limitText === undefined ? 25 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    problems.push({ path: 'limit', message: 'must be 1 to 100' });
  const cursor = text(raw, 'cursor', problems);
  let before: TrackingFilter['before'];
  if (cursor) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    const createdAt = new Date(at ?? '');
    if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()))
      problems.push({ path: 'cursor', message: 'is not a cursor this search gave' });
    else before = { createdAt, id };
  }
  if (problems.length)
    throw new ZegelError('VALIDATION_FAILED', 'The search is not valid.', problems);
  return {
    sender,
    recipient,
    classification,
    state: state as RecipientState | undefined,
    from,
    to,
    before,
    limit,
  };
}
