import {
  Button,
  Field,
  Input,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import { useTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import {
  SMARTTLS_POLICIES,
  smartTlsApi,
  type SmartTlsPolicy,
  type SmartTlsReport,
} from './smarttls-report';
import { ReadinessList } from './readiness-list';
import { SmartTlsReportView } from './smarttls-report-view';
import { SMARTTLS_TEXTS } from './smarttls.texts';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalL,
    '@media (min-width: 700px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 2fr) auto' },
  },
});

type State =
  | { kind: 'none' }
  | { kind: 'checking'; domain: string }
  | { kind: 'done'; report: SmartTlsReport }
  | { kind: 'failed'; error: unknown };

/** Loose first look in the page; the server decides (and says why) with VALIDATION_FAILED. */
const LOOKS_LIKE_DOMAIN = /^[^\s./]+(\.[^\s./]+)+\.?$/;

/** SmartTLS: an admin checks one recipient domain and reads the whole report. */
export function SmartTlsSection() {
  const t = useTexts(SMARTTLS_TEXTS);
  const styles = useStyles();
  const [domain, setDomain] = useState('');
  const [policy, setPolicy] = useState<SmartTlsPolicy>('dane-or-mta-sts');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'none' });
  const latest = useRef(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(domain);
  };

  /** From the readiness list: the domain's full report, with the form showing what was asked. */
  const report = (name: string) => {
    setDomain(name);
    window.scrollTo({ top: 0 });
    void run(name);
  };

  const run = async (asked: string) => {
    const wanted = asked.trim().toLowerCase();
    if (!LOOKS_LIKE_DOMAIN.test(wanted)) {
      setInvalid(t.invalid);
      return;
    }
    setInvalid(null);
    const run = ++latest.current;
    setState({ kind: 'checking', domain: wanted });
    try {
      const report = await smartTlsApi.check(wanted, policy);
      if (run === latest.current) setState({ kind: 'done', report });
    } catch (error) {
      if (run !== latest.current) return;
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        // The server's own detail is English only; the page says the same in the admin's language.
        setInvalid(t.invalid);
        setState({ kind: 'none' });
      } else setState({ kind: 'failed', error });
    }
  };

  return (
    <>
      <SectionHeader title={t.title} intro={t.intro} />
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t.form}>
        <Field
          label={t.domain}
          hint={t.domainHint}
          required
          {...(invalid ? { validationMessage: invalid, validationState: 'error' as const } : {})}
        >
          <Input
            value={domain}
            onChange={(_e, d) => setDomain(d.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={253}
          />
        </Field>
        <Field label={t.policy}>
          <Select value={policy} onChange={(_e, d) => setPolicy(d.value as SmartTlsPolicy)}>
            {SMARTTLS_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t.policies[p]}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" type="submit" disabled={state.kind === 'checking'}>
          {t.check}
        </Button>
      </form>
      {state.kind === 'checking' && <Spinner label={t.checking(state.domain)} />}
      {state.kind === 'failed' && <LoadProblem error={state.error} />}
      {state.kind === 'done' && <SmartTlsReportView report={state.report} />}
      <ReadinessList onReport={report} />
    </>
  );
}
