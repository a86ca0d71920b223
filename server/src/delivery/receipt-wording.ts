import type { LocalisedText } from '@zegel/shared';
import { EVENT_WORDING } from '@zegel/shared';

/** The plain-language wording of an evidence event (the ETSI name when there is none). */
export function plainEvent(type: string): LocalisedText {
  return (EVENT_WORDING as Record<string, LocalisedText>)[type] ?? { nl: type, en: type };
}
