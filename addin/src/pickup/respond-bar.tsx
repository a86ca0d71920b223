import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';
import { ProblemBar } from './problem-bar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
});

/** Accept and Decline; Decline asks first, because it deletes the message. */
export function RespondBar(props: {
  t: PickupTexts;
  /** What Accept means, said before it is pressed (the new download deadline). */
  acceptMeans: string;
  busy: boolean;
  problem: Problem | null;
  onRespond: (answer: 'accept' | 'decline') => void;
}) {
  const { t, busy } = props;
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const acceptId = useId();
  return (
    <section className={styles.root} aria-label={t.respondIntro}>
      <p>{t.respondIntro}</p>
      <p id={acceptId}>{props.acceptMeans}</p>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          size="large"
          disabledFocusable={busy}
          aria-describedby={acceptId}
          onClick={() => props.onRespond('accept')}
        >
          {t.accept}
        </Button>
        <Dialog open={confirming} onOpenChange={(_event, data) => setConfirming(data.open)}>
          <DialogTrigger disableButtonEnhancement>
            <Button size="large" disabledFocusable={busy}>
              {t.decline}
            </Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t.declineTitle}</DialogTitle>
              <DialogContent>{t.declineBody}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">{t.cancel}</Button>
                </DialogTrigger>
                <Button
                  appearance="primary"
                  onClick={() => {
                    setConfirming(false);
                    props.onRespond('decline');
                  }}
                >
                  {t.declineConfirm}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
        {busy && <Spinner size="tiny" label={t.responding} />}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {props.problem && <ProblemBar t={t} problem={props.problem} />}
      </div>
    </section>
  );
}
