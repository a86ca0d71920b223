import type { ClassificationInfo } from '@zegel/shared';
import type { ComposeMail } from '../office/compose-mail';

/** The classification an admin mapped to a Purview sensitivity label id (GUIDs compare in any case). */
export function classificationForPurview(
  labels: readonly ClassificationInfo[],
  purviewLabelId: string | undefined,
): ClassificationInfo | undefined {
  if (!purviewLabelId) return undefined;
  const id = purviewLabelId.toLowerCase();
  return labels.find((l) => l.purviewLabelId?.toLowerCase() === id);
}

/**
 * The classification the draft's Purview sensitivity label maps to, where the client can read
 * the label; undefined otherwise (an older client, no label, no mapping, or a failed call).
 */
export async function classificationFromPurview(
  mail: ComposeMail,
  labels: readonly ClassificationInfo[],
): Promise<ClassificationInfo | undefined> {
  const id = await mail.sensitivityLabelId?.().catch(() => undefined);
  return classificationForPurview(labels, id);
}
