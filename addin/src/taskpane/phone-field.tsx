import { Field, Input } from '@fluentui/react-components';
import type { SmsCodeSetting } from '@zegel/shared';
import type { TaskpaneTexts } from './messages';
import type { PhoneEntry } from './recipient-phones';

/** One recipient's mobile number for the CE-ID by SMS, with what is wrong with it once left. */
export function PhoneField(props: {
  address: string;
  entry: PhoneEntry | undefined;
  setting: SmsCodeSetting;
  problem: 'format' | 'national' | 'missing' | undefined;
  texts: TaskpaneTexts;
  disabled?: boolean;
  onType: (value: string) => void;
  onLeave: () => void;
}) {
  const { texts, entry, problem } = props;
  const shown = entry?.touched ? problem : undefined;
  const error =
    shown === 'national'
      ? texts.phoneNational
      : shown === 'format'
        ? texts.phoneFormat
        : shown === 'missing'
          ? texts.phoneRequired
          : undefined;
  const hint = entry?.remembered
    ? texts.phoneRemembered
    : props.setting === 'required'
      ? texts.phoneRequired
      : texts.phoneOptional;
  return (
    <Field
      label={texts.phoneLabel}
      size="small"
      required={props.setting === 'required'}
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
      hint={error ? undefined : hint}
    >
      <Input
        type="tel"
        inputMode="tel"
        autoComplete="off"
        data-phone-for={props.address}
        aria-label={texts.phoneFor(props.address)}
        value={entry?.typed ?? ''}
        disabled={props.disabled}
        onChange={(_event, data) => props.onType(data.value)}
        onBlur={props.onLeave}
      />
    </Field>
  );
}
