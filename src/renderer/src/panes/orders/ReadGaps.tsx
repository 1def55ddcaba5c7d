import type { ReadGap } from '../../../../shared';
import { gapLines } from '../../lib/read-gaps';
import { app } from '../../state/app-state';
import { useStore } from '../../state/store';

/** The accounts and markets a read could not cover, named under its rows (issue 13 #5). */
export function ReadGaps({ gaps }: { gaps: readonly ReadGap[] }) {
  const accounts = useStore(app, (s) => s.accounts);
  if (gaps.length === 0) return null;
  return (
    <ul className="read-gaps" data-testid="read-gaps" aria-label="What this list could not read">
      {gapLines(gaps, accounts).map((line) => (
        <li key={line.key} className={line.level}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}
