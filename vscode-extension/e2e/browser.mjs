// What both end-to-end scenarios (e2e.mjs, notebook.mjs) need of headless Chromium
// on code-server: start it with a throwaway profile and home (no background
// networking: this machine's network is closed), open a file through Quick Open,
// press a key chord, wait for a condition, and close it all again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

export const sleep = ms => new Promise(r => setTimeout(r, ms));

export async function launchChromium(puppeteer, timeout) {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflint-e2e-chromium-'));
  const home = path.join(profileDir, 'home');
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: path.join(profileDir, 'profile'),
    defaultViewport: { width: 1400, height: 900 },
    timeout,
    protocolTimeout: Math.max(timeout, 180000),
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--window-size=1400,900'],
  });
  const page = (await browser.pages())[0] ?? await browser.newPage();
  page.setDefaultTimeout(timeout);
  return { browser, page, profileDir };
}

export async function closeChromium(browser, profileDir) {
  const proc = browser?.process();
  await Promise.race([browser?.close(), new Promise(r => setTimeout(r, 10000).unref())]).catch(() => {});
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
}

export async function chord(page, ...keys) {
  for (const k of keys) await page.keyboard.down(k);
  for (const k of [...keys].reverse()) await page.keyboard.up(k);
}

export async function until(what, check, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// Ctrl+P, type the file's name, click its row.
export async function quickOpen(page, file, timeout) {
  for (let i = 0; ; i++) {
    await chord(page, 'Control', 'KeyP');
    if (await page.waitForSelector(QUICK_INPUT, { visible: true, timeout: 5000 }).catch(() => null)) break;
    if (i * 5000 > timeout) throw new Error('quick open never appeared');
  }
  await page.keyboard.type(file);
  const row = await page.waitForFunction((sel, want) =>
    [...document.querySelectorAll(sel)].find(r => {
      const label = r.getAttribute('aria-label') || '';
      return label === want || label.startsWith(want + ', ');
    }), { timeout }, QUICK_ROWS, file);
  await row.asElement().click();
}
