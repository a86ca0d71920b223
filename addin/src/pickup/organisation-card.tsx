import type { PublicBranding } from '@zegel/shared';
import type { PickupTexts } from './messages';

/** Only http(s) addresses become links; anything else the admin typed is shown as text. */
function webAddress(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Who sent the message and how to reach them, shown before the code is asked for. */
export function OrganisationCard({ t, branding }: { t: PickupTexts; branding: PublicBranding }) {
  const link = branding.supportUrl ? webAddress(branding.supportUrl) : null;
  return (
    <section className="pickup-organisation" aria-label={t.organisationLabel}>
      {/* The name stands next to the logo, so the logo adds nothing for a screen reader. */}
      {branding.logoUrl && (
        <img className="pickup-organisation-logo" src={branding.logoUrl} alt="" />
      )}
      <div className="pickup-organisation-lines">
        <span className="pickup-organisation-name">{t.sentBy(branding.organisationName)}</span>
        {(branding.supportPhone || branding.supportUrl) && (
          <span className="pickup-text">
            {t.supportIntro}{' '}
            {branding.supportPhone && (
              <a
                className="pickup-link pickup-phone"
                href={`tel:${branding.supportPhone.replace(/[^\d+]/g, '')}`}
              >
                {branding.supportPhone}
              </a>
            )}
            {branding.supportPhone && branding.supportUrl && ' · '}
            {branding.supportUrl &&
              (link ? (
                <a className="pickup-link" href={link} target="_blank" rel="noopener noreferrer">
                  {branding.supportUrl}
                </a>
              ) : (
                branding.supportUrl
              ))}
          </span>
        )}
      </div>
    </section>
  );
}
