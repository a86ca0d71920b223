import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';

type Directives = Record<string, string[] | null>;

const OFFICE_HOSTS = ['https://*.office.com', 'https://*.office365.com', 'https://*.outlook.com'];
const OFFICE_JS = 'https://appsforoffice.microsoft.com';

/** The Outlook add-in's documents: Outlook frames them and they load Office.js. */
const OFFICE_PAGES = /^\/(taskpane|commands)\.html$/;

/**
 * What every page family shares: scripts strictly from Zegel's origin. Fluent UI inserts its styles
 * at run time, and mail HTML shown in the sandboxed frame carries style attributes.
 */
function base(https: boolean): Directives {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: https ? [] : null,
  };
}

/**
 * The Content Security Policy of each page family. The add-in's pages may be framed by Outlook
 * hosts and load Office.js; no other page may be framed at all (the pickup page's accept and
 * decline buttons, the admin pages) nor load a script from anywhere but Zegel.
 */
export function cspFamilies(
  https: boolean,
  identityOrigin: string | null = null,
): Record<'office' | 'pickup' | 'admin' | 'other', Directives> {
  const admin = base(https);
  return {
    office: {
      ...base(https),
      scriptSrc: ["'self'", OFFICE_JS],
      frameAncestors: ["'self'", ...OFFICE_HOSTS],
    },
    // The message body is shown in a sandboxed srcdoc frame (frame-src 'self'). The frame keeps
    // this policy and adds its own (addin/src/pickup/frame-document.ts), which allows only the
    // message's own parts and, once the reader asks for them, the remote images the mail names;
    // https: here is what lets those through. The page itself shows no image from elsewhere.
    pickup: { ...base(https), imgSrc: ["'self'", 'data:', 'https:'] },
    // The admin console signs in with the identity provider itself (MSAL: discovery and token
    // requests; a hidden frame when a silent renewal needs the provider's session).
    admin: identityOrigin
      ? {
          ...admin,
          connectSrc: [...admin.connectSrc!, identityOrigin],
          frameSrc: [...admin.frameSrc!, identityOrigin],
        }
      : admin,
    other: base(https),
  };
}

export function cspFamilyOf(path: string): 'office' | 'pickup' | 'admin' | 'other' {
  if (OFFICE_PAGES.test(path)) return 'office';
  if (path.startsWith('/p/')) return 'pickup';
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  return 'other';
}

/** helmet's headers, with the CSP chosen by the request's page family. */
export function securityHeaders(https: boolean, identityOrigin: string | null = null) {
  const families = cspFamilies(https, identityOrigin);
  const byFamily = Object.fromEntries(
    Object.entries(families).map(([family, directives]) => [
      family,
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives },
        crossOriginEmbedderPolicy: false,
        // The add-in's pages are framed by Outlook on another origin; no other page is framed.
        frameguard: family === 'office' ? false : { action: 'deny' },
        referrerPolicy: { policy: 'no-referrer' },
        hsts: https,
      }),
    ]),
  ) as Record<keyof typeof families, ReturnType<typeof helmet>>;
  return (req: Request, res: Response, next: NextFunction) =>
    byFamily[cspFamilyOf(req.path)](req, res, next);
}
