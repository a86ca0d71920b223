import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  LOGO_TYPES,
  MAX_LOGO_BYTES,
  type BrandingSettingsView,
  type BrandingUpdate,
  type LocalisedText,
  type LogoType,
} from '@zegel/shared';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
import { brandingApi } from './branding-api';
import { BrandingPreview } from './branding-preview';
import { BRANDING_TEXTS, type BrandingTexts } from './branding.texts';
import { WhenLoaded } from '../when-loaded';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXL,
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
  form: { display: 'grid', gap: tokens.spacingVerticalL },
  group: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  colourRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  swatch: { width: '40px', height: '32px', padding: 0, border: 'none', background: 'none' },
  logoRow: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  logoImage: { maxHeight: '48px', maxWidth: '200px' },
  pair: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 700px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  hidden: { display: 'none' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  subheading: { margin: 0 },
  preview: { '@media (min-width: 1100px)': { position: 'sticky', top: tokens.spacingVerticalL } },
});

type TextKey = keyof BrandingUpdate['texts'];
const TEXT_KEYS: TextKey[] = ['notification', 'ceId', 'receipt'];

type LogoChoice =
  | { kind: 'keep' }
  | { kind: 'remove' }
  | { kind: 'new'; contentType: LogoType; data: string; src: string };

interface Form {
  organisationName: string;
  primaryColour: string;
  supportPhone: string;
  supportUrl: string;
  texts: Record<TextKey, LocalisedText>;
}

const formOf = (view: BrandingSettingsView): Form => ({
  organisationName: view.organisationName,
  primaryColour: view.primaryColour,
  supportPhone: view.supportPhone ?? '',
  supportUrl: view.supportUrl ?? '',
  texts: view.texts,
});

type Errors = Record<string, string>;

/** The organisation's branding: a form with field-level errors beside a live preview. */
export function BrandingSection() {
  const t = useAdminTexts(BRANDING_TEXTS);
  const [loaded, reload] = useLoad(brandingApi.get);
  return (
    <>
      <SectionHeader title={t.title} intro={t.intro} />
      <WhenLoaded load={loaded} loading={t.loading}>
        {(data) => <BrandingForm key={data.version} view={data} t={t} onReload={reload} />}
      </WhenLoaded>
    </>
  );
}

function BrandingForm(props: {
  view: BrandingSettingsView;
  t: BrandingTexts;
  onReload: () => void;
}) {
  const { t } = props;
  const styles = useStyles();
  const id = useId();
  const [view, setView] = useState(props.view);
  const [form, setForm] = useState(() => formOf(props.view));
  const [logo, setLogo] = useState<LogoChoice>({ kind: 'keep' });
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<
    | { kind: 'idle' }
    | { kind: 'saving' }
    | { kind: 'saved' }
    | { kind: 'conflict' }
    | { kind: 'invalid' }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (status.kind !== 'idle' && status.kind !== 'saving') statusRef.current?.focus();
  }, [status]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setText = (key: TextKey, language: keyof LocalisedText, value: string) =>
    setForm((f) => ({
      ...f,
      texts: { ...f.texts, [key]: { ...f.texts[key], [language]: value } },
    }));

  const chooseLogo = useCallback(
    (file: File | undefined) => {
      if (!file) return;
      if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
        setErrors((e) => ({ ...e, logo: t.logoWrongType }));
        return;
      }
      if (file.size > MAX_LOGO_BYTES) {
        setErrors((e) => ({ ...e, logo: t.logoTooLarge }));
        return;
      }
      const reader = new FileReader();
      reader.onload = () => {
        const src = String(reader.result);
        setLogo({
          kind: 'new',
          contentType: file.type as LogoType,
          data: src.slice(src.indexOf(',') + 1),
          src,
        });
        setErrors(({ logo: _dropped, ...rest }) => rest);
      };
      reader.readAsDataURL(file);
    },
    [t],
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ kind: 'saving' });
    const update: BrandingUpdate = {
      version: view.version,
      organisationName: form.organisationName,
      primaryColour: form.primaryColour,
      supportPhone: form.supportPhone.trim() || null,
      supportUrl: form.supportUrl.trim() || null,
      texts: form.texts,
      ...(logo.kind === 'remove' ? { logo: null } : {}),
      ...(logo.kind === 'new' ? { logo: { contentType: logo.contentType, data: logo.data } } : {}),
    };
    try {
      const saved = await brandingApi.save(update);
      setView(saved);
      setLogo({ kind: 'keep' });
      setErrors({});
      setStatus({ kind: 'saved' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') setStatus({ kind: 'conflict' });
      else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.details) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
        setStatus({ kind: 'invalid' });
      } else setStatus({ kind: 'failed', error });
    }
  };

  const logoSrc =
    logo.kind === 'new'
      ? logo.src
      : logo.kind === 'remove' || !view.logoUrl
        ? null
        : `${view.logoUrl}?v=${view.version}`;
  const field = (path: string) =>
    errors[path] ? { validationMessage: errors[path], validationState: 'error' as const } : {};

  return (
    <div className={styles.layout}>
      <form className={styles.form} onSubmit={save} noValidate aria-label={t.title}>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t.identity}</legend>
          <Field label={t.organisationName} required {...field('organisationName')}>
            <Input
              value={form.organisationName}
              maxLength={120}
              onChange={(_e, d) => set('organisationName', d.value)}
            />
          </Field>
          <Field label={t.primaryColour} hint={t.primaryColourHint} {...field('primaryColour')}>
            {(fieldProps) => (
              <div className={styles.colourRow}>
                <input
                  type="color"
                  className={styles.swatch}
                  aria-label={`${t.primaryColour} (picker)`}
                  value={
                    /^#[0-9a-f]{6}$/i.test(form.primaryColour) ? form.primaryColour : '#0f6cbd'
                  }
                  onChange={(e) => set('primaryColour', e.target.value)}
                />
                <Input
                  {...fieldProps}
                  value={form.primaryColour}
                  maxLength={7}
                  onChange={(_e, d) => set('primaryColour', d.value)}
                />
              </div>
            )}
          </Field>
          <Field label={t.supportPhone} {...field('supportPhone')}>
            <Input
              type="tel"
              value={form.supportPhone}
              onChange={(_e, d) => set('supportPhone', d.value)}
            />
          </Field>
          <Field label={t.supportUrl} {...field('supportUrl')}>
            <Input
              type="url"
              value={form.supportUrl}
              placeholder="https://"
              onChange={(_e, d) => set('supportUrl', d.value)}
            />
          </Field>
          <Field label={t.logo} hint={t.logoHint} {...field('logo')}>
            {(fieldProps) => (
              <div className={styles.logoRow}>
                {logoSrc ? (
                  <img className={styles.logoImage} src={logoSrc} alt={t.logo} />
                ) : (
                  <span>{t.noLogo}</span>
                )}
                <input
                  ref={fileInput}
                  id={`${id}-logo`}
                  className={styles.hidden}
                  type="file"
                  accept={LOGO_TYPES.join(',')}
                  tabIndex={-1}
                  aria-hidden="true"
                  onChange={(e) => {
                    chooseLogo(e.target.files?.[0]);
                    e.target.value = '';
                  }}
                />
                <Button
                  aria-describedby={fieldProps['aria-describedby']}
                  onClick={() => fileInput.current?.click()}
                >
                  {t.chooseLogo}
                </Button>
                {logoSrc && (
                  <Button onClick={() => setLogo({ kind: 'remove' })}>{t.removeLogo}</Button>
                )}
              </div>
            )}
          </Field>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t.mailTexts}</legend>
          <span>{t.mailTextsIntro}</span>
          {TEXT_KEYS.map((key) => (
            <div key={key} className={styles.pair} role="group" aria-labelledby={`${id}-${key}`}>
              <Title3
                as="h2"
                id={`${id}-${key}`}
                className={styles.subheading}
                style={{ fontSize: tokens.fontSizeBase300, gridColumn: '1 / -1' }}
              >
                {t.textLabels[key]}
              </Title3>
              {(['nl', 'en'] as const).map((language) => (
                <Field
                  key={language}
                  label={`${t.textLabels[key]} — ${language === 'nl' ? t.dutch : t.english}`}
                  {...field(`texts.${key}.${language}`)}
                >
                  <Textarea
                    lang={language}
                    value={form.texts[key][language]}
                    maxLength={1000}
                    resize="vertical"
                    onChange={(_e, d) => setText(key, language, d.value)}
                  />
                </Field>
              ))}
            </div>
          ))}
        </fieldset>
        <div ref={statusRef} tabIndex={-1}>
          {status.kind === 'saved' && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{t.saved(view.version)}</MessageBarBody>
            </MessageBar>
          )}
          {status.kind === 'invalid' && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{t.invalid}</MessageBarBody>
            </MessageBar>
          )}
          {status.kind === 'conflict' && (
            <MessageBar intent="warning" role="alert" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.conflictTitle}</MessageBarTitle>
                {t.conflict}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={props.onReload}>{t.reload}</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {status.kind === 'failed' && <LoadProblem error={status.error} />}
        </div>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? t.saving : t.save}
          </Button>
          <span>{t.lastChange(view.updatedBy, formatWhen(view.updatedAt))}</span>
        </div>
      </form>
      <div className={styles.preview}>
        <BrandingPreview
          t={t}
          model={{
            organisationName: form.organisationName,
            primaryColour: form.primaryColour,
            logoSrc,
            supportPhone: form.supportPhone,
            supportUrl: form.supportUrl,
            notification: form.texts.notification,
          }}
        />
      </div>
    </div>
  );
}
