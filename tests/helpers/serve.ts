/** Corpora and requests for the web app tests. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR } from './docs.js';

/** Markup planted in a document: it must show as text on every page, never run. */
export const SCRIPT = '<script>window.__xss=1</script>';
export const IMG = '<img src=x onerror="window.__xss=2">';

/**
 * The five seeds in a temporary directory, 洮北 with markup planted in its 常务会议 article (六十) and its
 * meeting-leave article (六十四): what a hostile or careless source could put in a document.
 */
export function hostileCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-serve-'));
  for (const f of ['chaoyang-2015.txt', 'chenggong-2022.txt', 'huairou-2021.txt', 'tongzhou-2022.txt', 'manifest.json']) copyFileSync(join(CORPUS_DIR, f), join(dir, f));
  const text = readFileSync(join(CORPUS_DIR, 'taobei-2020.txt'), 'utf8')
    .replace('六十、区政府常务会议实行例会制', `六十、区政府常务会议${SCRIPT}实行例会制${IMG}`)
    .replace('需会前向主持会议的区政府领导请假', `需会前向主持会议的区政府领导${IMG}请假`);
  if (!text.includes(SCRIPT) || text.split(IMG).length !== 3) throw new Error('taobei-2020.txt changed: the planted markup no longer fits');
  writeFileSync(join(dir, 'taobei-2020.txt'), text);
  return dir;
}

/** A corpus of some of the seeds. */
export function smallCorpus(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-serve-'));
  for (const f of files) copyFileSync(join(CORPUS_DIR, f), join(dir, f));
  return dir;
}

/** A request with headers fetch will not send as given (Host), answered as status, headers and body. */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
