import { CLASSIFICATION_HEADER, type ClassificationInfo } from '@zegel/shared';
import type { ComposeMail } from '../office/compose-mail';
import { categoryFor, isZegelCategory, LABEL_PROPERTY } from '../common/zegel-item';

export interface LabelWriteResult {
  /** The header read back after the save matches what was written. */
  persisted: boolean;
  /** The Outlook category was added (it fails when the category is not in the master list). */
  categoryAdded: boolean;
}

function headerIn(headers: Record<string, string>): string | undefined {
  const key = Object.keys(headers).find(
    (k) => k.toLowerCase() === CLASSIFICATION_HEADER.toLowerCase(),
  );
  return key === undefined ? undefined : headers[key];
}

/** The label on the draft: the header (what Exchange matches on), else the recorded property. */
export async function readLabel(mail: ComposeMail): Promise<string | undefined> {
  const header = headerIn(await mail.getHeaders([CLASSIFICATION_HEADER]));
  if (header) return header.trim().toLowerCase();
  return (await mail.getProperty(LABEL_PROPERTY)) ?? undefined;
}

/**
 * Writes the label: header, custom property (so the send check can tell a lost header), the
 * category for the user to see, then saves the draft and reads the header back (some clients
 * report success for headers they do not keep).
 */
export async function writeLabel(
  mail: ComposeMail,
  label: ClassificationInfo,
): Promise<LabelWriteResult> {
  await mail.setHeaders({ [CLASSIFICATION_HEADER]: label.id });
  await mail.setProperty(LABEL_PROPERTY, label.id);
  let categoryAdded = true;
  try {
    const current = await mail.categories();
    const stale = current.filter((c) => isZegelCategory(c) && c !== categoryFor(label.label.en));
    if (stale.length) await mail.removeCategories(stale);
    if (!current.includes(categoryFor(label.label.en)))
      await mail.addCategories([categoryFor(label.label.en)]);
  } catch {
    // A category outside the master list cannot be added with ReadWriteItem; the header counts.
    categoryAdded = false;
  }
  await mail.save();
  const readBack = headerIn(await mail.getHeaders([CLASSIFICATION_HEADER]));
  return { persisted: readBack?.trim().toLowerCase() === label.id, categoryAdded };
}
