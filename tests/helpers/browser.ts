/**
 * End-to-end tests in a real browser: Debian's chromium driven by playwright-core (no browser
 * download: .ci/run installs chromium and fonts-noto-cjk with apt-get), and `rulecmp serve`
 * started as a user starts it (the built CLI, on a free port).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from './cli.js';

export const CHROMIUM = process.env.RULECMP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots are test output (not committed). */
export const SHOTS = join(ROOT, '.cache', 'e2e');

export const inCI = process.env.CI === 'true' || process.env.CI === '1';
export const haveBrowser = existsSync(CHROMIUM);

/**
 * Whether the browser tests run: always in CI (where a missing browser is a failure, not a skip), else
 * only when chromium is installed — with a line saying why they were skipped.
 */
export function browserTestsRun(): boolean {
  if (haveBrowser || inCI) return true;
  process.stderr.write(`e2e: browser tests skipped — ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk; with CI=true they fail instead)\n`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  if (!haveBrowser) throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it (apt-get install chromium fonts-noto-cjk); the e2e tests do not skip in CI`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** `rulecmp serve --corpus dir --port 0` as a child process; resolves with the URL it prints. */
export function serveCorpus(dir: string, extra: string[] = []): Promise<ServeProcess> {
  const main = resolve(ROOT, 'dist/cli/rulecmp.cjs');
  if (!existsSync(main)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  const child = spawn(process.execPath, [main, 'serve', '--corpus', dir, '--port', '0', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`rulecmp serve did not start in 60 s: ${err}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`rulecmp serve exited (${code}): ${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolveUrl({
        url: m[1]!,
        child,
        stderr: () => err,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Console errors and page errors of a page, for asserting there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** The fonts chromium actually drew a node's text with (DevTools protocol): tells real CJK glyphs from boxes. */
export async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}
