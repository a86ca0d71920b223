import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PublicBranding } from '@zegel/shared';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  // The logo is drawn on white: organisations' logos are made for a light background.
  logo: {
    maxHeight: '48px',
    maxWidth: '200px',
    padding: tokens.spacingHorizontalXS,
    backgroundColor: '#ffffff',
    borderRadius: tokens.borderRadiusMedium,
  },
  lines: { display: 'flex', flexDirection: 'column' },
  // A phone number is read as one unit; it does not break over two lines.
  phone: { whiteSpace: 'nowrap' },
});

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
  const styles = useStyles();
  const link = branding.supportUrl ? webAddress(branding.supportUrl) : null;
  return (
    <section className={styles.card} aria-label={t.organisationLabel}>
      {/* The name stands next to the logo, so the logo adds nothing for a screen reader. */}
      {branding.logoUrl && <img className={styles.logo} src={branding.logoUrl} alt="" />}
      <div className={styles.lines}>
        <Text weight="semibold" size={400}>
          {t.sentBy(branding.organisationName)}
        </Text>
        {(branding.supportPhone || branding.supportUrl) && (
          <Text>
            {t.supportIntro}{' '}
            {branding.supportPhone && (
              <Link
                className={styles.phone}
                href={`tel:${branding.supportPhone.replace(/[^\d+]/g, '')}`}
              >
                {branding.supportPhone}
              </Link>
            )}
            {branding.supportPhone && branding.supportUrl && ' · '}
            {branding.supportUrl &&
              (link ? (
                <Link href={link} target="_blank" rel="noopener noreferrer">
                  {branding.supportUrl}
                </Link>
              ) : (
                branding.supportUrl
              ))}
          </Text>
        )}
      </div>
    </section>
  );
}
