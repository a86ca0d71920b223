import { Badge } from '@fluentui/react-components';
import { useAdminLanguage } from '../admin-language';
import { REASONS_NL } from './reason-texts.nl';
import type { Reason } from './smarttls-report';

/** Reasons as lines an admin can read, each with its stable code for a support ticket. */
export function ReasonList({ reasons, className }: { reasons: Reason[]; className?: string }) {
  const language = useAdminLanguage();
  const say = (r: Reason) => {
    const dutch = language === 'nl' ? REASONS_NL[r.code] : undefined;
    // A sentence that names a host needs one; without it the server's own message is clearer.
    return dutch && (r.host || dutch.length === 0) ? dutch(r.host ?? '') : r.message;
  };
  return (
    <ul className={className}>
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          {say(r)}{' '}
          <Badge appearance="outline" color="informative">
            {r.code}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
