/** Text in both languages of the pages and mails. */
export interface LocalisedText {
  nl: string;
  en: string;
}

/**
 * Who the recipient deals with: shown on the pickup page before the code is asked for, and in the
 * notification, CE-ID and receipt mails. Admins set it in the console; the configuration gives the
 * first-start default.
 */
export interface Branding {
  organisationName: string;
  /** Path of the logo Zegel serves (`/api/v1/branding/logo`), or null without one. */
  logoUrl: string | null;
  /** The organisation's main colour, `#rrggbb`. */
  primaryColour: string;
  supportPhone: string | null;
  supportUrl: string | null;
  /** Extra lines the organisation puts in its mails, in both languages (empty for none). */
  texts: {
    notification: LocalisedText;
    ceId: LocalisedText;
    receipt: LocalisedText;
  };
}

/** GET /api/v1/branding (public): what the pickup page shows. */
export type PublicBranding = Branding;
