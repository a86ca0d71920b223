import { Badge } from '@fluentui/react-components';
import type { Reason } from './smarttls-report';

/** Reasons as lines an admin can read, each with its stable code for a support ticket. */
export function ReasonList({ reasons, className }: { reasons: Reason[]; className?: string }) {
  return (
    <ul className={className}>
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          {r.message}{' '}
          <Badge appearance="outline" color="informative">
            {r.code}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
