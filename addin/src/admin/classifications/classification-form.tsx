import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import {
  OUTLOOK_CATEGORY_COLOURS,
  ROUTE_AS,
  type BuiltInClassification,
  type ClassificationInput,
  type ClassificationView,
} from '@zegel/shared';
import { useState, type FormEvent } from 'react';
import { useFocusOnMount } from '../../common/use-focus-on-mount';
import { useAdminLanguage, useTexts } from '../admin-language';
import { CLASSIFICATION_MESSAGES } from './classifications.messages';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '48em',
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  pair: {
    display: 'grid',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM },
});

const EMPTY: ClassificationInput = {
  id: '',
  label: { en: '', nl: '' },
  description: { en: '', nl: '' },
  colour: 'preset0',
  purviewLabelId: null,
  routeAs: 'confidential',
};

/** Adding or editing one classification; `problems` are the last save's field errors by path. */
export function ClassificationForm(props: {
  editing: ClassificationView | null;
  problems: Record<string, string>;
  onSave: (input: ClassificationInput) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const t = useTexts(CLASSIFICATION_MESSAGES);
  const language = useAdminLanguage();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [form, setForm] = useState<ClassificationInput>(() =>
    props.editing
      ? {
          id: props.editing.id,
          label: props.editing.label,
          description: props.editing.description,
          colour: props.editing.colour,
          purviewLabelId: props.editing.purviewLabelId,
          routeAs: props.editing.routeAs,
        }
      : EMPTY,
  );
  const field = (path: string) => ({
    validationMessage: props.problems[path],
    validationState: props.problems[path] ? ('error' as const) : ('none' as const),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({ ...form, purviewLabelId: form.purviewLabelId?.trim() || null });
  };
  const text = (key: 'label' | 'description', lang: 'en' | 'nl', value: string) =>
    setForm((f) => ({ ...f, [key]: { ...f[key], [lang]: value } }));
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="class-form-heading">
      <h2 id="class-form-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        {props.editing ? t.formEdit(props.editing.label[language]) : t.formNew}
      </h2>
      {Object.keys(props.problems).length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t.invalid}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t.id} hint={t.idHint} required {...field('id')}>
        <Input
          value={form.id}
          disabled={!!props.editing}
          onChange={(_e, d) => setForm((f) => ({ ...f, id: d.value }))}
        />
      </Field>
      <div className={styles.pair}>
        <Field label={t.nameNl} required {...field('label.nl')}>
          <Input
            lang="nl"
            value={form.label.nl}
            onChange={(_e, d) => text('label', 'nl', d.value)}
          />
        </Field>
        <Field label={t.nameEn} required {...field('label.en')}>
          <Input
            lang="en"
            value={form.label.en}
            onChange={(_e, d) => text('label', 'en', d.value)}
          />
        </Field>
        <Field label={t.descriptionNl} required {...field('description.nl')}>
          <Textarea
            lang="nl"
            value={form.description.nl}
            onChange={(_e, d) => text('description', 'nl', d.value)}
          />
        </Field>
        <Field label={t.descriptionEn} required {...field('description.en')}>
          <Textarea
            lang="en"
            value={form.description.en}
            onChange={(_e, d) => text('description', 'en', d.value)}
          />
        </Field>
        <Field label={t.colour} {...field('colour')}>
          <Select
            value={form.colour}
            onChange={(_e, d) => setForm((f) => ({ ...f, colour: d.value }))}
          >
            {OUTLOOK_CATEGORY_COLOURS.map((c, i) => (
              <option key={c} value={c}>
                {t.colourName(i)} ({c})
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.purview} hint={t.purviewHint} {...field('purviewLabelId')}>
          <Input
            value={form.purviewLabelId ?? ''}
            onChange={(_e, d) => setForm((f) => ({ ...f, purviewLabelId: d.value }))}
          />
        </Field>
      </div>
      <Field
        label={t.route}
        hint={props.editing?.builtIn ? t.routeFixed : undefined}
        {...field('routeAs')}
      >
        <Select
          value={form.routeAs}
          disabled={props.editing?.builtIn}
          onChange={(_e, d) =>
            setForm((f) => ({ ...f, routeAs: d.value as BuiltInClassification }))
          }
        >
          {ROUTE_AS.map((r) => (
            <option key={r} value={r}>
              {t.routes[r]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit">
          {t.save}
        </Button>
        <Button type="button" onClick={props.onCancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
