import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('rulecmp topics / rulecmp align', () => {
  it('lists the taxonomy, as text and as JSON', () => {
    const text = runCli(['topics']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\d+ topics \(data\/topics\.json\)/);
    expect(text.stdout).toMatch(/\n {2}常务会议 {2}executive-meeting\n/);
    const json = JSON.parse(runCli(['topics', '--json']).stdout) as { topics: { id: string; parent: string | null }[] };
    expect(json.topics.find((t) => t.id === 'executive-meeting')!.parent).toBe('meetings');
  });

  it('shows each district\'s 常务会议 article side by side, and says which pass linked them', () => {
    const r = runCli(['align', '--topic', '常务会议', '--links']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^常务会议 \(executive-meeting\): \d+ famil(y|ies); documents without such an article: none/);
    expect(r.stdout).toMatch(/executive-meeting#1 {2}常务会议 — 5 articles in 5 of 5 documents/);
    for (const line of ['朝阳区 2015', '呈贡区 2022', '怀柔区 2021', '洮北区 2020', '通州区 2022']) expect(r.stdout).toContain(line);
    expect(r.stdout).toMatch(/↔ .* \[(exact|topic-lexical|fuzzy|position)\] score 0\.\d\d, confidence 0\.\d\d: /);
    expect(r.stdout).toMatch(/complete: \d+ of 66343 article pairs compared/);
  });

  it('prints the alignment as JSON, restricted to a topic', () => {
    const r = runCli(['align', '--topic', 'leave-reporting', '--json']);
    const al = JSON.parse(r.stdout);
    expect(al.documents).toHaveLength(5);
    expect(al.families.every((f: { topic: string }) => f.topic === 'leave-reporting')).toBe(true);
    expect(al.budget.exhausted).toBe(false);
  });

  it('for two files, lists each article of the first with its counterparts in the second', () => {
    const r = runCli(['align', 'corpus/huairou-2021.txt', 'corpus/tongzhou-2022.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^怀柔区 2021 ↔ 通州区 2022: \d+ links/);
    expect(r.stdout).toMatch(/\n {2}七十九 +施行与废止 +→ 八十五 \[/);
  });

  it('says on stderr and in the output when the comparison budget stopped it early', () => {
    const r = runCli(['align', '--budget', '200']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rulecmp: stopped early: comparison budget 200 reached/m); // after the progress lines
    expect(r.stdout).toMatch(/stopped early: comparison budget 200 reached; \d+ of 408 articles were not looked up/);
  });

  it('rejects an unknown topic and a bad budget with one line and exit code 2', () => {
    const t = runCli(['align', '--topic', '天气']);
    expect(t.code).toBe(2);
    expect(t.stderr).toBe('rulecmp: unknown topic "天气" (run rulecmp topics to list them)\n');
    const b = runCli(['align', '--budget', 'many']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
    const f = runCli(['align', 'no-such-file.txt']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/^rulecmp: no-such-file\.txt: no such file\n/);
  });
});
