import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { contrastWithWhite, type LocalisedText } from '@zegel/shared';
import type { BrandingTexts } from './branding.texts';

const useStyles = makeStyles({
  frame: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: '#ffffff',
    color: '#242424',
  },
  banner: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    color: '#ffffff',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  logo: { maxHeight: '40px', maxWidth: '160px', backgroundColor: '#ffffff', padding: '2px' },
  body: { padding: tokens.spacingHorizontalM, display: 'grid', gap: tokens.spacingVerticalS },
  from: { color: '#424242' },
  button: {
    justifySelf: 'start',
    color: '#ffffff',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    textDecoration: 'none',
  },
  extra: { whiteSpace: 'pre-wrap', margin: 0 },
});

export interface PreviewModel {
  organisationName: string;
  primaryColour: string;
  logoSrc: string | null;
  supportPhone: string;
  supportUrl: string;
  notification: LocalisedText;
}

/**
 * A live preview of the notification mail with the branding being edited. It is drawn on white as
 * mail clients draw it, whatever the console's theme; a figure with its own caption for screen
 * readers.
 */
export function BrandingPreview({ model, t }: { model: PreviewModel; t: BrandingTexts }) {
  const styles = useStyles();
  const org = model.organisationName.trim() || '…';
  // A colour the save would refuse (too light for white text) is not drawn: the default stands in.
  const colour =
    /^#[0-9a-f]{6}$/i.test(model.primaryColour) && contrastWithWhite(model.primaryColour) >= 4.5
      ? model.primaryColour
      : '#0f6cbd';
  const support = [model.supportPhone, model.supportUrl].filter(Boolean).join(' · ');
  return (
    <figure aria-labelledby="branding-preview-caption" style={{ margin: 0 }}>
      <figcaption id="branding-preview-caption">
        <Text weight="semibold">{t.preview}</Text> — <Text>{t.previewIntro}</Text>
      </figcaption>
      <div className={styles.frame} data-testid="branding-preview">
        <div className={styles.banner} style={{ backgroundColor: colour }}>
          {model.logoSrc && <img className={styles.logo} src={model.logoSrc} alt={`${org} logo`} />}
          <span>{org}</span>
        </div>
        <div className={styles.body}>
          <span className={styles.from}>{t.previewFrom(org)}</span>
          <span>{t.previewBody(org)}</span>
          {model.notification.nl && (
            <p className={styles.extra} lang="nl">
              {model.notification.nl}
            </p>
          )}
          {model.notification.en && (
            <p className={styles.extra} lang="en">
              {model.notification.en}
            </p>
          )}
          <span className={styles.button} style={{ backgroundColor: colour }}>
            {t.previewOpen}
          </span>
          {support && (
            <span>
              {t.previewQuestions} {support}
            </span>
          )}
        </div>
      </div>
    </figure>
  );
}
