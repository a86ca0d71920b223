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
  /** Shown under the label in the task pane. */
  description?: { en: string; nl: string };
  /** Outlook category colour: `preset0` … `preset24` (Office.MailboxEnums.CategoryColor). */
  colour?: string;
  /** A Microsoft Purview sensitivity label (GUID) that maps to this classification. */
  purviewLabelId?: string | null;
  /** The built-in route this classification takes (an admin-defined one routes as one of these). */
  routeAs?: BuiltInClassification;
}

/** GET /api/v1/admin/classifications: a classification with the version a change must name. */
export interface ClassificationView extends Required<ClassificationInfo> {
  builtIn: boolean;
  position: number;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** POST (create) and PUT (change, with If-Match) body of an admin-defined classification. */
export interface ClassificationInput {
  id: string;
  label: { en: string; nl: string };
  description: { en: string; nl: string };
  colour: string;
  purviewLabelId: string | null;
  routeAs: BuiltInClassification;
}

/** The routes an admin can give a classification, as the built-in one that has it. */
export const ROUTE_AS: readonly BuiltInClassification[] = [
  'public',
  'internal',
  'confidential',
  'registered',
];

export const OUTLOOK_CATEGORY_COLOURS: readonly string[] = Array.from(
  { length: 25 },
  (_, i) => `preset${i}`,
);

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

/** The built-in four with every field, as the database starts with them. */
export const DEFAULT_CLASSIFICATIONS: readonly Required<ClassificationInfo>[] = [
  {
    ...BUILT_IN_CLASSIFICATIONS[0],
    description: {
      en: 'Anyone may read it. Exchange sends it as usual.',
      nl: 'Iedereen mag het lezen. Exchange verstuurt het zoals altijd.',
    },
    colour: 'preset4',
    purviewLabelId: null,
    routeAs: 'public',
  },
  {
    ...BUILT_IN_CLASSIFICATIONS[1],
    description: {
      en: 'For people inside the organisation only.',
      nl: 'Alleen voor mensen binnen de organisatie.',
    },
    colour: 'preset7',
    purviewLabelId: null,
    routeAs: 'internal',
  },
  {
    ...BUILT_IN_CLASSIFICATIONS[2],
    description: {
      en: 'Straight into the inbox when the recipient’s mail server is safe enough, else through the pickup page.',
      nl: 'Rechtstreeks in de inbox als de mailserver van de ontvanger veilig genoeg is, anders via de ophaalpagina.',
    },
    colour: 'preset1',
    purviewLabelId: null,
    routeAs: 'confidential',
  },
  {
    ...BUILT_IN_CLASSIFICATIONS[3],
    description: {
      en: 'Always through the pickup page with a CE-ID; you get proof of delivery.',
      nl: 'Altijd via de ophaalpagina met een CE-ID; u krijgt bewijs van aflevering.',
    },
    colour: 'preset0',
    purviewLabelId: null,
    routeAs: 'registered',
  },
];
