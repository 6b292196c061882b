/** One fact in one line of words, for the terminal (pure: strings out). */
import type { Fact } from '../model.js';
import { leaveText } from './facts-tables.js';
import { bandText, deadlineText, durationText, frequencyText, quorumText } from './format.js';

export function factLine(f: Fact): string {
  switch (f.kind) {
    case 'meeting': {
      const parts = [
        f.frequency && `频次 ${frequencyText(f.frequency)}`,
        f.quorum && `法定人数 ${quorumText(f.quorum)}`,
        f.chair.length && `主持 ${f.chair.join('、')}`,
        f.regularTime && `例会 ${f.regularTime}`,
        f.minutesSignedBy.length && `纪要签发 ${f.minutesSignedBy.join('、')}`,
        f.minutesDeadline && `印发 ≤ ${durationText(f.minutesDeadline)}`,
      ].filter(Boolean);
      return `${f.meeting}: ${parts.join(' · ')}`;
    }
    case 'threshold':
      return `${bandText(f)} → ${f.decidedBy.join('、') || '（未写明）'}: ${f.subject ?? ''}`;
    case 'deadline':
      return `${deadlineText(f)}: ${f.governs}`;
    case 'leave':
      return `${f.who.join('、')} ${leaveText(f)}`;
  }
}
