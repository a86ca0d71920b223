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

/** The logo types Zegel accepts, and the largest logo it stores. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const MAX_LOGO_BYTES = 256 * 1024;

/** GET /api/v1/admin/branding: the branding with the version a save must name. */
export interface BrandingSettingsView extends Branding {
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/**
 * PUT /api/v1/admin/branding. `version` is the one the admin read; a newer stored version refuses
 * the save (409 CONFLICT). `logo`: leave it out to keep the logo, null to remove it, or a new one
 * as base64.
 */
export interface BrandingUpdate {
  version: number;
  organisationName: string;
  primaryColour: string;
  supportPhone: string | null;
  supportUrl: string | null;
  texts: Branding['texts'];
  logo?: { contentType: LogoType; data: string } | null;
}

/** Relative luminance (WCAG 2.1), for the contrast of white text on the organisation's colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio of white on the colour; the pages put white text on it, so it must reach 4.5. */
export const contrastWithWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);
