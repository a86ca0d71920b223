import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Text,
} from '@fluentui/react-components';
import type { RevokeResponse } from '@zegel/shared';
import { useState } from 'react';
import type { TaskpaneTexts } from '../taskpane/messages';

/** "Withdraw", asked once more in a dialog, since it destroys the content for good. */
export function RevokeButton(props: {
  texts: TaskpaneTexts;
  describe: (error: unknown) => string;
  revoke: () => Promise<RevokeResponse>;
  onDone: () => void;
}) {
  const { texts } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const confirm = () => {
    setBusy(true);
    props.revoke().then(
      (answer) => {
        setBusy(false);
        setOpen(false);
        setMessage({
          text: [
            texts.revoked(answer.revoked.length),
            answer.alreadyDelivered.length
              ? texts.revokeAlreadyDelivered(answer.alreadyDelivered.join(', '))
              : '',
          ]
            .filter(Boolean)
            .join(' '),
          error: false,
        });
        props.onDone();
      },
      (error: unknown) => {
        setBusy(false);
        setOpen(false);
        setMessage({ text: props.describe(error), error: true });
      },
    );
  };
  return (
    <>
      <Dialog open={open} onOpenChange={(_e, data) => setOpen(data.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button size="small">{texts.revoke}</Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{texts.revokeTitle}</DialogTitle>
            <DialogContent>{texts.revokeBody}</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{texts.cancel}</Button>
              </DialogTrigger>
              <Button appearance="primary" disabled={busy} onClick={confirm}>
                {texts.revokeConfirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {message && <Text role={message.error ? 'alert' : 'status'}>{message.text}</Text>}
    </>
  );
}
