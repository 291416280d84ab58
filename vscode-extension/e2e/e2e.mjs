// perflint's end-to-end test in real VS Code (code-server) driven through headless
// Chromium: (a) diagnostics appear as squiggles and Problems rows with PFL codes,
// (b) Ctrl+. offers perflint's quick fix and applying it changes the text as
// expected, (c) saving with source.fixAll.perflint on save applies the safe fixes,
// (d) with a profile recorded by run-e2e.sh (perflint.profile), a lens over the hot
// function and the hover over its finding show the share of run time. With
// --expect-untrusted (restricted mode) the workspace's perflint.profile is ignored
// and the user's is used.
// Screenshots of each step go to --out. Started by run-e2e.sh (see there).
// Selectors are VS Code 1.100's (code-server 4.100.3).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chord as chordOn, closeChromium, launchChromium, quickOpen, sleep, until as untilWithin } from './browser.mjs';

const opt = parseArgs({ options: {
  prefix:  { type: 'string' },   // install.sh's prefix (puppeteer-core lives there)
  port:    { type: 'string' },
  folder:  { type: 'string' },   // the workspace code-server opened
  out:     { type: 'string' },   // screenshots
  timeout: { type: 'string', default: '60' },
  // The workspace's interpreter lacks perflint: expect one clear notification instead.
  'expect-missing': { type: 'boolean', default: false },
  // An untrusted folder (restricted mode): the workspace's perflint.profile is ignored,
  // the user's (a profile of another script) is read.
  'expect-untrusted': { type: 'boolean', default: false },
} }).values;
const TIMEOUT = Number(opt.timeout) * 1000;
const puppeteer = createRequire(path.join(opt.prefix, 'puppeteer', 'package.json'))('puppeteer-core');

const ACTIVE = '.editor-group-container.active';
const SEL = {
  workbench:  '.monaco-workbench .part.statusbar',
  quickInput: '.quick-input-widget .quick-input-box input',
  editor:     `${ACTIVE} .monaco-editor[data-uri]`,
  squiggle:   ['error', 'warning', 'info'].map(s => `${ACTIVE} .monaco-editor .squiggly-${s}`).join(', '),
  markerRows: '.markers-panel .monaco-list-row',
  actionRows: '.action-widget .monaco-list-row.action',
  toasts:     '.notifications-toasts .notification-toast',
  lenses:     `${ACTIVE} .monaco-editor .codelens-decoration`,
  hover:      '.monaco-hover:not(.hidden)',
};

const t0 = Date.now();
const log = (...a) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
let browser, page, profileDir, current = 'start';
const shots = [];

async function step(name, fn) {
  current = name;
  log(`step: ${name}`);
  return fn();
}

const chord = (...keys) => chordOn(page, ...keys);

async function shot(name) {
  const file = path.join(opt.out, name);
  await page.screenshot({ path: file });
  shots.push(name);
  log(`screenshot ${file}`);
}

const until = (what, check) => untilWithin(what, check, TIMEOUT);

const editorText = () => page.$$eval(`${SEL.editor} .view-lines .view-line`, ls => ls
  .map(l => [parseFloat(l.style.top) || 0, l.innerText.replace(/\u00a0/g, ' ')])
  .sort((a, b) => a[0] - b[0]).map(x => x[1]).join('\n'));

async function open(file) {
  await quickOpen(page, file, TIMEOUT);
  await page.waitForFunction((ed, file) => {
    const e = document.querySelector(ed);
    return e && decodeURIComponent(e.getAttribute('data-uri')).endsWith('/' + file);
  }, { timeout: TIMEOUT }, SEL.editor, file);
}

const lensTexts = () => page.$$eval(SEL.lenses, ls => ls.map(l => l.innerText.replace(/\s+/g, ' ').trim()));

// The hover at LINE:COLUMN (Ctrl+G, then Ctrl+K Ctrl+I) once its text passes `wanted`.
// Another hover may be showing (a tooltip, or the editor's hover shown before the
// server answered), so every few seconds without the wanted text: Escape, go to
// the position again and ask for the hover again.
async function hoverAt(where, wanted) {
  let seen = [];
  const end = Date.now() + TIMEOUT;
  while (Date.now() < end) {
    await page.keyboard.press('Escape');
    await chord('Control', 'KeyG');
    await page.waitForSelector(SEL.quickInput, { visible: true });
    await page.keyboard.type(where);
    await page.keyboard.press('Enter');
    await sleep(300);
    await chord('Control', 'KeyK');
    await chord('Control', 'KeyI');
    const found = await untilWithin(`the hover at ${where}`, async () => {
      seen = await page.$$eval(SEL.hover, hs => hs.map(h => h.innerText.replace(/\s+/g, ' ').trim()));
      return seen.find(wanted);
    }, 4000).catch(() => null);
    if (found) return found;
  }
  throw new Error(`timed out waiting for the hover at ${where}; hovers shown: ${JSON.stringify(seen.map(h => h.slice(0, 160)))}`);
}

async function main() {
  await step('launch chromium', async () => {
    ({ browser, page, profileDir } = await launchChromium(puppeteer, TIMEOUT));
  });

  await step('load the workbench', async () => {
    await page.goto(`http://127.0.0.1:${opt.port}/?folder=${encodeURIComponent(opt.folder)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(SEL.workbench);
  });

  if (opt['expect-missing']) {
    await step('perflint missing: one notification with the install command', async () => {
      await open('slow.py');
      const text = await until('the notification', async () => {
        const toasts = await page.$$eval(SEL.toasts, ts => ts.map(t => t.innerText.replace(/\s+/g, ' ').trim()));
        return toasts.find(t => /perflint is not installed/.test(t));
      });
      log(`notification: ${text}`);
      if (!/-m pip install perflint/.test(text)) throw new Error('the notification does not give the install command');
      await sleep(5000);  // a restart loop would show it again
      const count = await page.$$eval(SEL.toasts, ts => ts.filter(t => /perflint is not installed/.test(t.innerText)).length);
      if (count !== 1) throw new Error(`${count} notifications: a restart loop?`);
      if (await page.$(SEL.squiggle)) throw new Error('squiggles without a server?');
      await shot('6-perflint-missing.png');
    });
    console.log('RESULT ' + JSON.stringify({ ok: true, screenshots: shots }));
    return;
  }

  if (opt['expect-untrusted']) {
    await step('restricted mode: findings and lenses, but no share from the workspace\'s profile', async () => {
      await until('the Restricted Mode indicator', () => page.evaluate(() => document.body.innerText.includes('Restricted Mode')));
      await open('hot.py');
      await page.waitForSelector(SEL.squiggle);
      await until('the O(n^2) lens', async () => (await lensTexts()).some(l => /O\(n\^2\)/.test(l)));
      await sleep(4000);  // time for a profile to be read, were it given
      const lenses = await lensTexts();
      log(`lenses: ${JSON.stringify(lenses)}`);
      if (lenses.some(l => /of run time/.test(l))) throw new Error('a share lens in an untrusted workspace');
      // The user's profile (of another script) is the one read: this code did not run in it.
      const hover = await hoverAt('7:17', h => /Not run in this profile \(other\.json\)/.test(h));
      if (/of run time/.test(hover)) throw new Error(`a share in the hover: ${hover.slice(0, 120)}`);
      log(`hover: "${hover.slice(0, 160)}"`);
      await shot('9-untrusted-no-share.png');
    });
    console.log('RESULT ' + JSON.stringify({ ok: true, screenshots: shots }));
    return;
  }

  // (a) diagnostics
  await step('open slow.py and wait for a squiggle', async () => {
    await open('slow.py');
    await page.waitForSelector(SEL.squiggle);
    await sleep(500);
    await shot('1-squiggles.png');
  });
  const problems = await step('read the Problems panel', async () => {
    await chord('Control', 'Shift', 'KeyM');
    return until('PFL202 and PFL102 in the Problems panel', async () => {
      const rows = await page.$$eval(SEL.markerRows, rs => rs.filter(r => r.querySelector('.marker-icon')).map(r => {
        const q = c => r.querySelector(c)?.innerText.trim() ?? '';
        return { message: q('.marker-message'), source: q('.marker-source'), code: q('.marker-code'), position: q('.marker-line') };
      }));
      const codes = rows.map(r => r.code).join(' ');
      return codes.includes('PFL202') && codes.includes('PFL102') ? rows : null;
    });
  });
  for (const p of problems) log(`problem: ${p.source} ${p.code} ${p.position} "${p.message}"`);
  if (!problems.every(p => /perflint/.test(p.source))) throw new Error('a Problems row is not from perflint');
  const keys = problems.map(p => `${p.code} ${p.position}`);
  if (new Set(keys).size !== keys.length) throw new Error(`a finding is shown twice: ${keys.join(', ')}`);
  await shot('2-problems.png');

  // (b) quick fix
  const fixes = await step('open the quick-fix menu on the first finding (Alt+F8, Ctrl+.)', async () => {
    await chord('Control', 'Digit1');
    await chord('Alt', 'F8');
    await page.waitForSelector('.marker-widget', { visible: true });
    await page.keyboard.press('Escape');
    await chord('Control', 'Period');
    await page.waitForSelector(SEL.actionRows, { visible: true });
    await sleep(300);
    return page.$$eval(SEL.actionRows, rows => rows.map(r => r.getAttribute('aria-label') || r.innerText.trim()));
  });
  for (const f of fixes) log(`quick fix: "${f}"`);
  const wanted = fixes.findIndex(f => /^perflint: .*\(PFL202\)/.test(f));
  if (wanted < 0) throw new Error('no perflint quick fix for PFL202 in the menu');
  if (!fixes.some(f => f === 'perflint: disable PFL202 for this line')) throw new Error('no "disable PFL202" action');
  await shot('3-quick-fix-menu.png');
  await step('apply the PFL202 quick fix', async () => {
    const rows = await page.$$(SEL.actionRows);
    await rows[wanted].click();
    await until('the fixed len() in the editor', async () => (await editorText()).includes('return len(found)'));
    await sleep(300);
    await shot('4-quick-fix-applied.png');
  });

  // (c) fix all on save
  await step('open saved.py, edit, save: fix-all on save', async () => {
    await open('saved.py');
    await page.waitForSelector(SEL.squiggle);
    await chord('Control', 'End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('# reviewed');
    await chord('Control', 'KeyS');
    const file = path.join(opt.folder, 'saved.py');
    const saved = await until('saved.py fixed on disk', async () => {
      const text = fs.readFileSync(file, 'utf8');
      return text.includes('# reviewed') && !text.includes('list(table)') ? text : null;
    });
    if (!saved.includes('    return len(table)\n')) throw new Error(`unexpected saved text:\n${saved}`);
    await until('the editor showing the fixed text', async () => (await editorText()).includes('return len(table)'));
    await sleep(300);
    await shot('5-fixed-on-save.png');
  });

  // (d) profile evidence
  const lens = await step('open hot.py: a lens with the hot function\'s share of run time', async () => {
    await open('hot.py');
    await page.waitForSelector(SEL.squiggle);
    const text = await until('the perflint share lens',
      async () => (await lensTexts()).find(l => /perflint: \d+% of run time, 1 finding/.test(l)));
    await sleep(300);
    await shot('7-profile-lens.png');
    return text;
  });
  log(`lens: "${lens}"`);
  const hover = await step('hover the hot finding: its share of run time', async () => {
    const text = await hoverAt('7:17', h => /\d+% of run time in this profile \([\d.]+ s in hot\.pstats\)/.test(h));
    await sleep(300);
    await shot('8-profile-hover.png');
    return text;
  });
  log(`hover: "${hover.slice(0, 160)}"`);
  const share = Number(/(\d+)% of run time in this profile/.exec(hover)[1]);
  if (!lens.includes(`perflint: ${share}% of run time`)) throw new Error(`the lens and the hover disagree: ${lens} / ${share}%`);
  console.log('RESULT ' + JSON.stringify({ ok: true, problems, fixes, lens, share, screenshots: shots }));
}

let timer;
try {
  await Promise.race([main(), new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the whole run exceeded 10 x --timeout')), TIMEOUT * 10);
  })]);
} catch (e) {
  process.exitCode = 1;
  console.error(`\ne2e: FAILED at step "${current}": ${String(e.message).split('\n')[0]}`);
  if (page) {
    const toasts = await page.$$eval(SEL.toasts, ts => ts.map(t => t.innerText.replace(/\s+/g, ' ').trim())).catch(() => []);
    for (const t of toasts) console.error(`  notification: ${t}`);
    await page.screenshot({ path: path.join(opt.out, 'failure.png') }).catch(() => {});
    console.error(`  screenshot: ${path.join(opt.out, 'failure.png')}`);
  }
} finally {
  clearTimeout(timer);
  await closeChromium(browser, profileDir);
}
