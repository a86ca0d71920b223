import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import {
  POLICY_LIMITS,
  type ClassificationView,
  type OrgPolicyView,
  type PolicyPreflightResponse,
} from '@zegel/shared';
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminLanguage, useTexts } from '../admin-language';
import { classificationsApi } from '../classifications/classifications-api';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import { policyApi } from './policy-api';
import {
  DOMAIN_FIELDS,
  PICKUP_FIELDS,
  SWITCHES,
  bodyFromForm,
  formFromView,
  problemsByField,
  type PolicyForm,
} from './policy-form.state';
import { PolicyPreflight } from './policy-preflight';
import { POLICY_TEXTS } from './policy.texts';
import { WhenLoaded } from '../when-loaded';

const useStyles = makeStyles({
  stack: { display: 'grid', gap: tokens.spacingVerticalXL, maxWidth: '56em' },
  form: { display: 'grid', gap: tokens.spacingVerticalXL },
  group: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { ...typographyStyles.subtitle2, padding: `0 ${tokens.spacingHorizontalXS}` },
  pair: {
    display: 'grid',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

interface Loaded {
  view: OrgPolicyView;
  classifications: ClassificationView[];
}

const loadAll = async (): Promise<Loaded> => {
  const [view, classifications] = await Promise.all([policyApi.get(), classificationsApi.list()]);
  // Retention matters only where Zegel keeps the content: the protected routes.
  return { view, classifications: classifications.filter((c) => c.protected) };
};

/** The organisation's policy: routing, pickup limits and retention, with the effect before saving. */
export function PolicySection() {
  const t = useTexts(POLICY_TEXTS);
  const [loaded, reload] = useLoad(loadAll);
  // Kept here: a save or a conflict reloads the editor, and what happened must stay in view.
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <div>
      <SectionHeader title={t.title} intro={t.intro} />
      <div role="status">
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <WhenLoaded load={loaded} loading={t.loading}>
        {(data) => (
          <PolicyEditor
            key={data.view.version}
            loaded={data}
            onNotice={setNotice}
            onSaved={reload}
          />
        )}
      </WhenLoaded>
    </div>
  );
}

type Notice = { intent: 'success' | 'warning' | 'info'; text: string };

function PolicyEditor(props: {
  loaded: Loaded;
  onNotice: (notice: Notice | null) => void;
  onSaved: () => void;
}) {
  const styles = useStyles();
  const t = useTexts(POLICY_TEXTS);
  const language = useAdminLanguage();
  const { view, classifications } = props.loaded;
  const [form, setForm] = useState<PolicyForm>(() =>
    formFromView(
      view,
      classifications.map((c) => c.id),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const setNotice = props.onNotice;
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The effect shown, and the body it was computed for: saving needs it to be the current one.
  const [effect, setEffect] = useState<{ for: string; result: PolicyPreflightResponse } | null>(
    null,
  );
  const body = bodyFromForm(form);
  const checked = effect?.for === JSON.stringify(body);

  const update = useCallback((change: (f: PolicyForm) => PolicyForm) => setForm(change), []);

  const call = async (action: () => Promise<void>, invalid: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setProblems({});
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.length) {
        setProblems(problemsByField(error.details));
        setNotice({ intent: 'warning', text: invalid });
      } else if (error instanceof ApiError && error.status === 409) {
        setNotice({ intent: 'warning', text: t.conflict });
        props.onSaved();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const check = () =>
    call(async () => {
      setNotice(null);
      const result = await policyApi.preflight(body);
      setEffect({ for: JSON.stringify(body), result });
    }, t.invalidCheck);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!checked) {
      setNotice({ intent: 'info', text: t.checkFirst });
      return;
    }
    void call(async () => {
      const saved = await policyApi.save(view.version, body);
      setNotice({ intent: 'success', text: t.saved(saved.version) });
      setEffect(null);
      props.onSaved();
    }, t.invalid);
  };

  const problem = (path: string, bounds?: { min: number; max: number }) => {
    const code = problems[path];
    return {
      validationMessage: code ? (t.problems[code] ?? t.problems.WRONG_TYPE)(bounds) : undefined,
      validationState: code ? ('error' as const) : ('none' as const),
    };
  };

  return (
    <div className={styles.stack}>
      {problems['(policy)'] && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t.problems[problems['(policy)']]?.() ?? t.invalid}</MessageBarBody>
        </MessageBar>
      )}
      {failure !== null && <LoadProblem error={failure} />}
      <form className={styles.form} onSubmit={save} noValidate aria-label={t.title}>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t.routing}</legend>
          {SWITCHES.map((s) => (
            <Checkbox
              key={s}
              label={t.switches[s]}
              checked={form.switches[s]}
              onChange={(_e, d) =>
                update((f) => ({ ...f, switches: { ...f.switches, [s]: d.checked === true } }))
              }
            />
          ))}
          <div className={styles.pair}>
            {DOMAIN_FIELDS.map((d) => (
              <Field
                key={d}
                label={t.domains[d]}
                hint={d === 'internalDomains' ? t.internalHint : t.domainsHint}
                {...problem(d)}
              >
                <Textarea
                  name={d}
                  resize="vertical"
                  value={form.domains[d]}
                  onChange={(_e, v) =>
                    update((f) => ({ ...f, domains: { ...f.domains, [d]: v.value } }))
                  }
                />
              </Field>
            ))}
          </div>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t.pickup}</legend>
          <div className={styles.pair}>
            {PICKUP_FIELDS.map((p) => (
              <Field
                key={p}
                label={t.pickupFields[p]}
                required
                {...problem(`pickup.${p}`, POLICY_LIMITS[p])}
              >
                <Input
                  name={`pickup.${p}`}
                  inputMode="numeric"
                  value={form.pickup[p]}
                  onChange={(_e, v) =>
                    update((f) => ({ ...f, pickup: { ...f.pickup, [p]: v.value } }))
                  }
                />
              </Field>
            ))}
          </div>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t.retention}</legend>
          <p>{t.retentionIntro}</p>
          <div className={styles.pair}>
            {classifications.map((c) => (
              <Field
                key={c.id}
                label={t.retentionLabel(c.label[language])}
                {...problem(`retentionDays.${c.id}`, POLICY_LIMITS.retentionDays)}
              >
                <Input
                  name={`retentionDays.${c.id}`}
                  inputMode="numeric"
                  placeholder={t.retentionPlaceholder(form.pickup.acceptWindowDays)}
                  value={form.retention[c.id] ?? ''}
                  onChange={(_e, v) =>
                    update((f) => ({ ...f, retention: { ...f.retention, [c.id]: v.value } }))
                  }
                />
              </Field>
            ))}
          </div>
        </fieldset>
        <div className={styles.buttons}>
          <Button type="button" disabled={busy} onClick={() => void check()}>
            {t.check}
          </Button>
          <Button appearance="primary" type="submit" disabled={busy}>
            {t.save}
          </Button>
          {busy && <Spinner size="tiny" label={t.checking} />}
        </div>
      </form>
      {effect && checked && (
        <PolicyPreflight
          result={effect.result}
          names={Object.fromEntries(classifications.map((c) => [c.id, c.label[language]]))}
        />
      )}
    </div>
  );
}
