/**
 * The web app in headless Chromium, as a user clicks through it: search and open an article,
 * compare a topic and step through its changes, sort and filter a fact table, and planted markup
 * that never runs. Screenshots go to .cache/e2e/ (test output, not committed).
 *
 * Skipped on a developer machine without /usr/bin/chromium (saying so); never skipped in CI.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, CHROMIUM, fontsOf, haveBrowser, launchBrowser, screenshot, serveCorpus, SHOTS, watchErrors, type ServeProcess } from '../helpers/browser.js';
import { CORPUS_DIR } from '../helpers/docs.js';
import { hostileCorpus } from '../helpers/serve.js';

const T = 60_000;
const DRAFT = join(import.meta.dirname, '../fixtures/review/xinhe-draft.txt');

describe.runIf(browserTestsRun())('rulecmp serve in a browser', () => {
  it('has a browser to test in (in CI a missing chromium fails here, it is not skipped)', () => {
    expect(haveBrowser, `chromium not found at ${CHROMIUM}: .ci/run installs it with apt-get (chromium fonts-noto-cjk)`).toBe(true);
  });

  let browser: Browser;
  let app: ServeProcess;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // Without a browser (only possible in CI, where nothing is skipped) every test below fails on its own.
    if (!haveBrowser) return;
    [browser, app] = await Promise.all([launchBrowser(), serveCorpus(CORPUS_DIR)]);
  }, T);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (path: string) => {
    if (!browser) throw new Error(`no browser: chromium not found at ${CHROMIUM}`);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    errors = watchErrors(page);
    await page.goto(new URL(path, app.url).href);
    return page;
  };
  const close = async () => {
    await page.close();
    expect(errors).toEqual([]);
  };
  /** Whether an element is inside the viewport now. */
  const inView = (selector: string) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
    });

  it(
    'home: the documents with district, year, title and validity (失效 shown), in a CJK font',
    async () => {
      await open('/');
      const rows = await page.$$eval('table.docs tbody tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).innerText));
      expect(rows).toHaveLength(5);
      expect(rows.find((r) => r.includes('怀柔区'))).toContain('失效');
      expect(await page.textContent('h1')).toContain('区政府工作规则');
      const fonts = await fontsOf(page, 'h1');
      expect(fonts.some((f) => /Noto.*CJK/i.test(f)), `h1 drawn with ${fonts.join(', ')}`).toBe(true);
      await screenshot(page, 'home');
      await close();
    },
    T,
  );

  it(
    'search: type a query, see ranked hits with highlights, click through to the article in its document',
    async () => {
      await open('/');
      await page.fill('input[name=q]', '常务会议 每周');
      await Promise.all([page.waitForURL(/\/search\?/), page.press('input[name=q]', 'Enter')]);
      const hits = await page.$$('li.hit');
      expect(hits.length).toBeGreaterThan(3);
      expect(await page.$$eval('li.hit mark', (m) => m.map((x) => x.textContent))).toEqual(expect.arrayContaining(['常务会议']));
      await screenshot(page, 'search');
      const first = page.locator('li.hit a.cite').first();
      const href = (await first.getAttribute('href'))!;
      await Promise.all([page.waitForURL((u) => u.pathname === decodeURIComponent(href) || u.pathname === href), first.click()]);
      const key = decodeURIComponent(href.split('/').at(-1)!);
      expect(await page.getAttribute('article.art.target', 'id')).toBe(key);
      await page.waitForFunction((k) => {
        const el = document.getElementById(k);
        const r = el?.getBoundingClientRect();
        return !!r && r.top < window.innerHeight && r.bottom > 0;
      }, key);
      expect(await inView('article.art.target')).toBe(true);
      await screenshot(page, 'article');
      await close();
    },
    T,
  );

  it(
    'search filters: district and topic narrow the hits',
    async () => {
      await open('/search');
      await page.fill('input[name=q]', '会议');
      await page.selectOption('select[name=district]', 'tongzhou-2022');
      await page.selectOption('select[name=topic]', 'executive-meeting');
      await Promise.all([page.waitForURL(/district=tongzhou-2022/), page.click('form.search button[type=submit]')]);
      const cites = await page.$$eval('li.hit a.cite', (as) => as.map((a) => a.textContent ?? ''));
      expect(cites.length).toBeGreaterThan(0);
      expect(cites.every((c) => c.startsWith('通州区'))).toBe(true);
      await close();
    },
    T,
  );

  it(
    'a shared article link names the article by key, and a bare number still finds it',
    async () => {
      await open('/documents/huairou-2021/41');
      expect(await page.getAttribute('article.art.target', 'id')).toBe('art_41.p41');
      expect(await page.textContent('article.art.target')).toContain('区政府常务会议');
      await close();
    },
    T,
  );

  it(
    'compare: pick a topic, the districts side by side with the facts above, step through the changes, columns scroll together',
    async () => {
      await open('/compare');
      await Promise.all([page.waitForURL(/topic=executive-meeting/), page.selectOption('select[name=topic]', 'executive-meeting')]);
      expect(await page.$$eval('table.cmp thead th[scope=col]', (ths) => ths.length)).toBe(5);
      const strip = await page.$$eval('tbody.strip th', (ths) => ths.map((t) => t.textContent ?? ''));
      expect(strip).toEqual(expect.arrayContaining(['常务会议 · 频次', '常务会议 · 法定人数', '常务会议 · 主持']));
      const out = page.locator('#changes');
      const total = Number(await out.getAttribute('data-total'));
      expect(total).toBeGreaterThan(3);
      await screenshot(page, 'compare');
      for (let i = 0; i < 3; i++) await page.click('button[data-step="1"]');
      expect(await out.textContent()).toBe(`第 3 / ${total} 处差异`);
      expect(await page.$$eval('.chg.current', (xs) => xs.length)).toBe(1);
      expect(await inView('.chg.current')).toBe(true);
      await page.click('button[data-step="-1"]');
      expect(await out.textContent()).toBe(`第 2 / ${total} 处差异`);
      await page.keyboard.press('n');
      expect(await out.textContent()).toBe(`第 3 / ${total} 处差异`);
      // Going back from the first change wraps to the last.
      for (let i = 0; i < 3; i++) await page.click('button[data-step="-1"]');
      expect(await out.textContent()).toBe(`第 ${total} / ${total} 处差异`);
      await page.click('button[data-step="1"]');
      expect(await out.textContent()).toBe(`第 1 / ${total} 处差异`);
      await screenshot(page, 'compare-step');
      // The columns scroll as one: the cells of a row move together, and the district headings stay on top.
      const positions = () =>
        page.$$eval('table.cmp tr.fam', (rows) => {
          const row = rows.at(-1)!;
          return { cells: Array.from(row.querySelectorAll('td')).map((td) => Math.round(td.getBoundingClientRect().top)), head: Math.round(document.querySelector('table.cmp thead th[scope=col]')!.getBoundingClientRect().top), wrap: Math.round(document.getElementById('cmp')!.getBoundingClientRect().top) };
        });
      await page.$eval('#cmp', (el) => el.scrollTo({ top: 0 }));
      const before = await positions();
      await page.$eval('#cmp', (el) => el.scrollTo({ top: 800 }));
      const after = await positions();
      expect(new Set(after.cells).size).toBe(1);
      expect(before.cells[0]! - after.cells[0]!).toBeGreaterThan(100);
      expect(after.head).toBe(after.wrap + 1);
      await close();
    },
    T,
  );

  it(
    'compare from an article: its family is scrolled to and marked',
    async () => {
      await open('/documents/huairou-2021/art_41.p41');
      await Promise.all([page.waitForURL(/\/compare\?article=/), page.click('article.art.target a.tool')]);
      expect(await page.textContent('h1')).toContain('常务会议');
      expect(await page.$$eval('tr.famhead.focus', (xs) => xs.length)).toBe(1);
      expect(await inView('tr.famhead.focus')).toBe(true);
      await close();
    },
    T,
  );

  it(
    'facts: sorted by a column, filtered by text and district, every cell opens its article',
    async () => {
      await open('/facts?kind=thresholds');
      const rowCount = await page.$$eval('table.facts tbody tr', (r) => r.length);
      expect(rowCount).toBeGreaterThan(3);
      await page.click('table.facts th:nth-child(2) button');
      const sorted = await page.$$eval('table.facts tbody tr td:nth-child(2)', (tds) => tds.map((td) => (td as HTMLElement).dataset.sort).filter((v) => v !== undefined).map(Number));
      expect(sorted.length).toBeGreaterThan(2);
      expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
      expect(await page.getAttribute('table.facts th:nth-child(2)', 'aria-sort')).toBe('ascending');
      await page.click('table.facts th:nth-child(2) button');
      const desc = await page.$$eval('table.facts tbody tr td:nth-child(2)', (tds) => tds.map((td) => (td as HTMLElement).dataset.sort).filter((v) => v !== undefined).map(Number));
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      await page.fill('input[data-filter-text]', '常务会议');
      const shown = await page.$$eval('table.facts tbody tr:not([hidden])', (r) => r.map((x) => x.textContent ?? ''));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(rowCount);
      expect(shown.every((t) => t.includes('常务会议'))).toBe(true);
      await page.fill('input[data-filter-text]', '');
      await page.selectOption('select[data-filter-district]', 'tongzhou-2022');
      const districts = await page.$$eval('table.facts tbody tr:not([hidden])', (r) => r.map((x) => (x as HTMLElement).dataset.district));
      expect(new Set(districts)).toEqual(new Set(['tongzhou-2022']));
      await screenshot(page, 'facts');
      const cell = page.locator('table.facts tbody tr:not([hidden]) td:nth-child(3) a').first();
      const href = (await cell.getAttribute('href'))!;
      await Promise.all([page.waitForURL(/\/documents\/tongzhou-2022\//), cell.click()]);
      expect(await page.getAttribute('article.art.target', 'id')).toBe(decodeURIComponent(href.split('/').at(-1)!));
      await close();
    },
    T,
  );

  it(
    'unknown pages and bad parameters show an error page, and the app goes on',
    async () => {
      await open('/no/such/page');
      expect(await page.textContent('h1')).toContain('404');
      const r = await page.goto(new URL('/compare?topic=nosuchtopic', app.url).href);
      expect(r?.status()).toBe(404);
      expect(await page.textContent('p.error')).toContain('nosuchtopic');
      const ok = await page.goto(new URL('/', app.url).href);
      expect(ok?.status()).toBe(200);
      await page.close();
    },
    T,
  );

  it(
    'review: upload a draft, read the summary and the 对照表, download the .docx, .md and .json',
    async () => {
      await open('/review');
      await screenshot(page, 'review-form');
      await page.setInputFiles('input[name=file]', DRAFT);
      await Promise.all([page.waitForURL(/\/review\/[0-9a-f]{24}$/, { timeout: T }), page.click('form.review button[type=submit]')]);
      expect(await page.textContent('h1')).toMatch(/^草案审查：/);
      const counts = await page.$$eval('.review-summary div', (ds) => ds.map((d) => d.textContent ?? ''));
      expect(counts).toHaveLength(5);
      expect(await page.$$eval('table.deviations tbody tr', (r) => r.length)).toBeGreaterThan(0);
      // The full 对照表 in its sandboxed frame: one row per draft article.
      const rows = page.frameLocator('iframe.report').locator('table.review tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(20);
      await screenshot(page, 'review');
      for (const ext of ['docx', 'md', 'json']) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.downloads a[href$=".${ext}"]`)]);
        expect(download.suggestedFilename()).toBe(`草案审查-xinhe-draft.${ext}`);
        const saved = join(SHOTS, `review.${ext}`);
        await download.saveAs(saved);
        const bytes = readFileSync(saved);
        if (ext === 'docx') {
          expect(bytes.subarray(0, 2).toString()).toBe('PK');
          expect(bytes.length).toBeGreaterThan(5000);
        } else if (ext === 'md') expect(bytes.toString('utf8')).toMatch(/^# 草案对照审查：/);
        else expect(JSON.parse(bytes.toString('utf8')).schema).toBe('rulecmp/review@1');
      }
      await close();
    },
    T,
  );

  it(
    'review: a draft pasted as text; a text with no articles shows why, and the app goes on',
    async () => {
      await open('/review');
      await page.fill('textarea[name=text]', readFileSync(DRAFT, 'utf8'));
      await Promise.all([page.waitForURL(/\/review\/[0-9a-f]{24}$/, { timeout: T }), page.click('form.review button[type=submit]')]);
      expect(await page.$$eval('.review-summary div', (ds) => ds.length)).toBe(5);
      await page.goto(new URL('/review', app.url).href);
      await page.fill('textarea[name=text]', '这只是一段话，没有编号的条文。');
      await Promise.all([page.waitForLoadState('load'), page.click('form.review button[type=submit]')]);
      await page.waitForSelector('p.error');
      expect(await page.textContent('p.error')).toContain('no articles');
      // The browser logs the 400 answer itself; nothing else may be logged.
      expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
      errors.length = 0;
      expect((await page.goto(new URL('/api/documents', app.url).href))?.status()).toBe(200);
      await close();
    },
    T,
  );

  describe('a document with markup in it', () => {
    let hostile: ServeProcess;
    let dir: string;
    beforeAll(async () => {
      if (!haveBrowser) return;
      dir = hostileCorpus();
      hostile = await serveCorpus(dir);
    }, T);
    afterAll(async () => {
      await hostile?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(
      'shows <script> and <img onerror> as text on every page, and none of it runs',
      async () => {
        if (!browser) throw new Error(`no browser: chromium not found at ${CHROMIUM}`);
        page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        errors = watchErrors(page);
        for (const path of ['/documents/taobei-2020/art_60.p60', `/search?q=${encodeURIComponent('例会制')}`, '/compare?topic=executive-meeting', '/facts?kind=meetings', '/facts?kind=leave']) {
          await page.goto(new URL(path, hostile.url).href);
          expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
          expect(await page.$$eval('main img, main script', (xs) => xs.length), path).toBe(0);
        }
        await page.goto(new URL('/documents/taobei-2020/art_60.p60', hostile.url).href);
        const text = await page.innerText('article.art.target');
        expect(text).toContain('<script>window.__xss=1</script>');
        expect(text).toContain('<img src=x onerror="window.__xss=2">');
        await screenshot(page, 'hostile-document');
        await close();
      },
      T,
    );
  });
});
