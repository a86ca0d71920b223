/** The internet header that carries a mail's classification, on both entry points. */
export const CLASSIFICATION_HEADER = 'X-Zegel-Classification';

/** Set on every mail Zegel sends itself, so a transport rule never routes it back to Zegel. */
export const LOOP_PREVENTION_HEADER = 'X-Zegel-Processed';

/**
 * Phone numbers for the CE-ID by SMS on mail through the SMTP connector, set by an Exchange
 * transport rule: `address +31612345678` pairs, separated by commas (the header may repeat).
 */
export const RECIPIENT_PHONE_HEADER = 'X-Zegel-Recipient-Phone';

export type BuiltInClassification = 'public' | 'internal' | 'confidential' | 'registered';

export interface ClassificationInfo {
  /** Value of the X-Zegel-Classification header. */
  id: string;
  label: { en: string; nl: string };
  /** Whether Zegel handles mail with this label (public and internal are not Zegel's to send). */
  protected: boolean;
}

export const BUILT_IN_CLASSIFICATIONS: readonly ClassificationInfo[] = [
  { id: 'public', label: { en: 'Public', nl: 'Openbaar' }, protected: false },
  { id: 'internal', label: { en: 'Internal', nl: 'Intern' }, protected: false },
  {
    id: 'confidential',
    label: { en: 'Confidential (NTA 7516)', nl: 'Vertrouwelijk (NTA 7516)' },
    protected: true,
  },
  { id: 'registered', label: { en: 'Registered', nl: 'Aangetekend' }, protected: true },
];
