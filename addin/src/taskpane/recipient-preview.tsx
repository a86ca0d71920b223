import { Badge, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { PreflightResponse, RecipientRoute } from '@zegel/shared';
import type { Language } from '../common/i18n';
import { domainOf } from '../common/zegel-item';
import type { TaskpaneTexts } from './messages';
import { PhoneField } from './phone-field';
import { reasonText } from './reason-text';
import { phoneKey, type PhoneEntries, type PhonePlan } from './recipient-phones';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  address: { wordBreak: 'break-all', fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const ROUTE_COLOR: Record<RecipientRoute, 'success' | 'brand' | 'danger'> = {
  direct: 'success',
  pickup: 'brand',
  hold: 'danger',
};

export type PreviewState =
  | { kind: 'no-label' }
  | { kind: 'no-recipients' }
  | { kind: 'loading' }
  | { kind: 'done'; answer: PreflightResponse }
  | { kind: 'failed'; message: string };

/** The mobile numbers for the CE-ID by SMS, asked per pickup recipient when SMS is in use. */
export interface PhoneInputs {
  entries: PhoneEntries;
  plan: PhonePlan;
  disabled: boolean;
  onType: (address: string, value: string) => void;
  onLeave: (address: string) => void;
}

/** What will happen to each recipient and why; renders whatever the preflight answers. */
export function RecipientPreview(props: {
  state: PreviewState;
  texts: TaskpaneTexts;
  language: Language;
  onRefresh: () => void;
  phones?: PhoneInputs;
}) {
  const styles = useStyles();
  const { state, texts, phones } = props;
  let body;
  if (state.kind === 'no-label') body = <Text>{texts.pickLabelFirst}</Text>;
  else if (state.kind === 'no-recipients') body = <Text>{texts.noRecipients}</Text>;
  else if (state.kind === 'loading') body = <Spinner size="tiny" label={texts.checking} />;
  else if (state.kind === 'failed') body = <Text role="alert">{state.message}</Text>;
  else
    body = (
      <>
        <ul className={styles.list} aria-label={texts.recipients}>
          {state.answer.recipients.map((r) => (
            <li key={r.address} className={styles.item} data-route={r.route}>
              <span className={styles.address}>{r.address}</span>
              <span className={styles.row}>
                <Badge appearance="tint" color={ROUTE_COLOR[r.route]}>
                  {texts.route[r.route]}
                </Badge>
              </span>
              {r.reasons.map((reason) => (
                <Text key={reason.code} size={200} className={styles.reason}>
                  {texts.whyLabel}: {reasonText(props.language, reason, domainOf(r.address))}
                </Text>
              ))}
              {phones &&
                r.route === 'pickup' &&
                state.answer.smsCode &&
                state.answer.smsCode !== 'off' && (
                  <PhoneField
                    address={r.address}
                    entry={phones.entries[phoneKey(r.address)]}
                    setting={state.answer.smsCode}
                    problem={problemOf(phones.plan, r.address)}
                    texts={texts}
                    disabled={phones.disabled}
                    onType={(value) => phones.onType(r.address, value)}
                    onLeave={() => phones.onLeave(r.address)}
                  />
                )}
            </li>
          ))}
        </ul>
        {state.answer.pending && <Text size={200}>{texts.stillChecking}</Text>}
      </>
    );
  return (
    <section aria-labelledby="zegel-preview-title" aria-busy={state.kind === 'loading'}>
      <div className={styles.row}>
        <Text as="h2" id="zegel-preview-title" weight="semibold" size={400}>
          {texts.recipients}
        </Text>
        <Button size="small" appearance="subtle" onClick={props.onRefresh}>
          {texts.refresh}
        </Button>
      </div>
      <div aria-live="polite">{body}</div>
    </section>
  );
}

function problemOf(plan: PhonePlan, address: string) {
  const key = phoneKey(address);
  const match = (a: string) => phoneKey(a) === key;
  const invalid = Object.entries(plan.invalid).find(([a]) => match(a));
  if (invalid) return invalid[1];
  return plan.missing.some(match) ? 'missing' : undefined;
}
