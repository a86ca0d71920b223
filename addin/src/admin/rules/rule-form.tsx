import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { ClassificationInfo, MailFlowRuleInput } from '@zegel/shared';
import { useState, type FormEvent } from 'react';
import { useFocusOnMount } from '../../common/use-focus-on-mount';
import { useAdminLanguage, useTexts } from '../admin-language';
import { LIST_FIELDS, ruleInputFromForm, type RuleFormState } from './rule-form.state';
import { RULES_MESSAGES } from './rules.messages';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '48em',
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    marginBottom: tokens.spacingVerticalXL,
  },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  pair: {
    display: 'grid',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  fieldset: { border: 'none', padding: 0, margin: 0, minWidth: 0 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

/** Creating or editing one rule; `problems` are the server's field errors of the last save. */
export function RuleForm(props: {
  editing: string | null;
  initial: RuleFormState;
  classifications: readonly ClassificationInfo[];
  problems: Record<string, string>;
  saving: boolean;
  onSave: (input: MailFlowRuleInput) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const t = useTexts(RULES_MESSAGES);
  const language = useAdminLanguage();
  const [form, setForm] = useState<RuleFormState>(props.initial);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const set = <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const problem = (field: string) => props.problems[field];
  const state = (field: string) => (problem(field) ? 'error' : 'none');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave(ruleInputFromForm(form));
  };
  const hasProblems = Object.keys(props.problems).length > 0;
  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="rule-form-heading" noValidate>
      <h2 id="rule-form-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        {props.editing ? t.formEdit(props.editing) : t.formNew}
      </h2>
      <p>{t.formIntro}</p>
      {hasProblems && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {t.formInvalid}
            {problem('conditions') ? ` ${problem('conditions')}` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field
        label={t.name}
        required
        validationMessage={problem('name')}
        validationState={state('name')}
      >
        <Input value={form.name} onChange={(_e, d) => set('name', d.value)} maxLength={200} />
      </Field>
      <div className={styles.pair}>
        <Field
          label={t.classification}
          validationMessage={problem('classification')}
          validationState={state('classification')}
        >
          <Select value={form.classification} onChange={(_e, d) => set('classification', d.value)}>
            {props.classifications.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label[language]}
              </option>
            ))}
          </Select>
        </Field>
        <Switch
          label={t.enabled}
          checked={form.enabled}
          onChange={(_e, d) => set('enabled', d.checked)}
        />
      </div>
      {LIST_FIELDS.map((field) => (
        <Field
          key={field}
          label={t.fieldLabels[field]}
          hint={t.listHint}
          validationMessage={problem(field)}
          validationState={state(field)}
        >
          <Textarea
            value={form[field]}
            onChange={(_e, d) => set(field, d.value)}
            resize="vertical"
            rows={2}
          />
        </Field>
      ))}
      <fieldset className={`${styles.fieldset} ${styles.pair}`}>
        <legend>{t.fieldLabels.header}</legend>
        <Field
          label={t.headerName}
          validationMessage={problem('header')}
          validationState={state('header')}
        >
          <Input value={form.headerName} onChange={(_e, d) => set('headerName', d.value)} />
        </Field>
        <Field label={t.headerContains}>
          <Input value={form.headerContains} onChange={(_e, d) => set('headerContains', d.value)} />
        </Field>
      </fieldset>
      <Field
        label={t.fieldLabels.hasAttachment}
        validationMessage={problem('hasAttachment')}
        validationState={state('hasAttachment')}
      >
        <RadioGroup
          layout="horizontal"
          value={form.hasAttachment}
          onChange={(_e, d) => set('hasAttachment', d.value as RuleFormState['hasAttachment'])}
        >
          <Radio value="any" label={t.anyAttachment} />
          <Radio value="yes" label={t.withAttachment} />
          <Radio value="no" label={t.withoutAttachment} />
        </RadioGroup>
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={props.saving}>
          {props.saving ? t.saving : t.save}
        </Button>
        <Button type="button" onClick={props.onCancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
