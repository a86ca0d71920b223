import type { DraftAttachmentInfo } from '@zegel/shared';

export interface Mismatch {
  path: string;
  message: string;
}

/** What Graph says a draft holds (metadata, before its MIME is read). */
export interface DraftFacts {
  recipients: string[];
  attachments: { name: string; size: number; kind: DraftAttachmentInfo['kind'] }[];
}

/** A Graph attachment's @odata.type as the kinds Office.js reports. */
export function attachmentKind(odataType: string | undefined): DraftAttachmentInfo['kind'] {
  if (odataType === '#microsoft.graph.referenceAttachment') return 'cloud';
  if (odataType === '#microsoft.graph.itemAttachment') return 'item';
  return 'file';
}

/** Graph's id for a sharing URL: "u!" and the URL in unpadded base64url ("Access shared items"). */
export function shareId(url: string): string {
  return `u!${Buffer.from(url, 'utf8').toString('base64url')}`;
}

const key = (a: { name: string; size: number; kind: string }) =>
  `${a.kind}\u0000${a.name}\u0000${a.kind === 'cloud' ? '' : a.size}`;

function multisetDifference<T>(left: T[], right: T[], keyOf: (t: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const r of right) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1);
  return left.filter((l) => {
    const n = counts.get(keyOf(l)) ?? 0;
    if (n === 0) return true;
    counts.set(keyOf(l), n - 1);
    return false;
  });
}

/**
 * Whether the saved draft is what the task pane showed the user: the same recipients (To, Cc and
 * Bcc together, case-insensitive) and the same attachments (kind, name and, except for cloud
 * links, size). Returns every difference, so the user sees them all at once.
 */
export function draftMismatches(
  pane: { recipients: string[]; attachments: DraftAttachmentInfo[] },
  draft: DraftFacts,
): Mismatch[] {
  const problems: Mismatch[] = [];
  const lower = (list: string[]) => [...new Set(list.map((a) => a.trim().toLowerCase()))].sort();
  const shown = lower(pane.recipients);
  const saved = lower(draft.recipients);
  for (const a of shown.filter((x) => !saved.includes(x)))
    problems.push({
      path: 'recipients',
      message: `${a} is not among the saved draft's recipients`,
    });
  for (const a of saved.filter((x) => !shown.includes(x)))
    problems.push({ path: 'recipients', message: `the saved draft also goes to ${a}` });
  for (const a of multisetDifference(pane.attachments, draft.attachments, key))
    problems.push({
      path: 'attachments',
      message: `${a.name} (${a.kind}${a.kind === 'cloud' ? '' : `, ${a.size} bytes`}) is not in the saved draft`,
    });
  for (const a of multisetDifference(draft.attachments, pane.attachments, key))
    problems.push({
      path: 'attachments',
      message: `the saved draft also holds ${a.name} (${a.kind}${a.kind === 'cloud' ? '' : `, ${a.size} bytes`})`,
    });
  return problems;
}

/**
 * Whether the MIME Graph handed over carries the draft's attachments: one part for each file or
 * item attachment, a part of the same name for each file, never larger than Graph said (Graph's
 * size counts the stored attachment, a little more than its content).
 */
export function mimeMismatches(
  draft: DraftFacts['attachments'],
  arrived: { name: string | undefined; size: number }[],
): Mismatch[] {
  const expected = draft.filter((a) => a.kind !== 'cloud');
  const problems: Mismatch[] = [];
  if (arrived.length !== expected.length)
    problems.push({
      path: 'attachments',
      message: `the draft's MIME holds ${arrived.length} attachments, Graph lists ${expected.length}`,
    });
  const left = [...arrived];
  for (const file of expected.filter((a) => a.kind === 'file')) {
    const at = left.findIndex((p) => p.name === file.name && p.size <= file.size);
    if (at < 0)
      problems.push({
        path: 'attachments',
        message: `${file.name} did not arrive in the draft's MIME as Graph lists it`,
      });
    else left.splice(at, 1);
  }
  return problems;
}
