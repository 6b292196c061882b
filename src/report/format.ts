/** Facts in words for the report cells (Chinese, as the drafters write them, with symbols for bounds). */
import type { Amount, DeadlineFact, Duration, Frequency, Quorum, ThresholdFact } from '../model.js';

const PERIOD: Record<NonNullable<Frequency['per']>, string> = { week: '周', month: '月', quarter: '季度', 'half-year': '半年', year: '年' };
const UNIT: Record<string, string> = { 'working-day': '个工作日', day: '日', hour: '小时', week: '周', month: '个月', year: '年' };
const BOUND: Record<DeadlineFact['bound'], string> = { 'at-most': '≤ ', 'at-least': '≥ ', exact: '' };

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** 每周1次 (52/年), 每年1–2次, 每两周1次, 不定期; qualifiers in brackets. */
export function frequencyText(f: Frequency): string {
  let s: string;
  if (f.irregular) s = '不定期';
  else {
    const every = f.every === 1 ? '' : f.every === 0.5 && f.per === 'month' ? '半' : num(f.every);
    const period = every === '半' ? '月' : PERIOD[f.per!];
    // 至少1次 (no upper bound), 最多2次 (no lower bound), 1–2次, 1次.
    const count = f.max === null ? `至少${num(f.min!)}` : f.min === null ? `最多${num(f.max)}` : f.min === f.max ? num(f.min) : `${num(f.min)}–${num(f.max)}`;
    const py = f.perYear;
    const perYear = !py ? null : py.max === null ? `≥${num(py.min)}` : py.min === py.max ? num(py.min) : `${num(py.min)}–${num(py.max)}`;
    s = `每${every}${every && every !== '半' && ['月', '年'].includes(period) ? '个' : ''}${period}${count}次${perYear ? `（${perYear}次/年）` : ''}`;
  }
  return f.qualifiers.length ? `${s}；${f.qualifiers.join('；')}` : s;
}

function share(x: number): string {
  if (Math.abs(x - 0.5) < 0.01) return '1/2';
  if (Math.abs(x - 2 / 3) < 0.01) return '2/3';
  return num(x);
}

/** ≥ 1/2 of members (半数以上) or > 1/2 (超过半数). */
export function quorumText(q: Quorum): string {
  return `${q.inclusive ? '≥' : '>'} ${share(q.share)} 组成人员（${q.raw}）`;
}

export function durationText(d: Pick<Duration, 'value' | 'unit'>): string {
  return `${num(d.value)}${UNIT[d.unit] ?? d.unit}`;
}

export function deadlineText(d: DeadlineFact): string {
  const per = d.per ? `每${PERIOD[d.per]}` : '';
  const amount = d.measure === 'duration' ? durationText({ value: d.value, unit: d.unit as Duration['unit'] }) : `${num(d.value)}${d.unit}`;
  return `${per}${BOUND[d.bound]}${amount}`;
}

export function amountText(a: Amount): string {
  return `${num(a.value)}${a.unit}`;
}

/** ≥ 1000万元; ≤ 500万元; > 200万元; ≥ 1万元 且 ≤ 200万元; 未写金额 for an amount-free routing (大额资金). */
export function bandText(t: Pick<ThresholdFact, 'lower' | 'upper'>): string {
  const lo = t.lower ? `${t.lower.inclusive ? '≥' : '>'} ${amountText(t.lower.amount)}` : '';
  const hi = t.upper ? `${t.upper.inclusive ? '≤' : '<'} ${amountText(t.upper.amount)}` : '';
  return lo && hi ? `${lo} 且 ${hi}` : lo || hi || '未写金额';
}
