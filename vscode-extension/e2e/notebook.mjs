// perflint in a Jupyter notebook, in real VS Code (code-server) through headless
// Chromium: VS Code's built-in ipynb editor (no Jupyter extension, no kernel) opens
// notebook-workspace/analysis.ipynb; the PFL101 finding in its third cell shows as a
// squiggle in that cell; Ctrl+. there offers perflint's quick fix, and applying it
// rewrites the cell and adds `import itertools` to the first cell (the cells are
// linted as one module). Screenshots go to --out as notebook-*.png.
// Started by run-notebook-e2e.sh. Selectors are VS Code 1.100's (code-server 4.100.3).
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chord as chordOn, closeChromium, launchChromium, quickOpen, sleep, until as untilWithin } from './browser.mjs';

const opt = parseArgs({ options: {
  prefix:  { type: 'string' },   // install.sh's prefix (puppeteer-core lives there)
  port:    { type: 'string' },
  folder:  { type: 'string' },   // the workspace code-server opened
  out:     { type: 'string' },   // screenshots
  timeout: { type: 'string', default: '60' },
} }).values;
const TIMEOUT = Number(opt.timeout) * 1000;
const puppeteer = createRequire(path.join(opt.prefix, 'puppeteer', 'package.json'))('puppeteer-core');

// The notebook editor is an overlay of the workbench, not inside its editor group.
const NOTEBOOK = '.notebookOverlay.notebook-editor';
const SQUIGGLES = ['error', 'warning', 'info'].map(s => `.squiggly-${s}`).join(', ');
const SEL = {
  workbench:  '.monaco-workbench .part.statusbar',
  cells:      `${NOTEBOOK} .cell-editor-container .monaco-editor`,
  squiggle:   ['error', 'warning', 'info'].map(s => `${NOTEBOOK} .monaco-editor .squiggly-${s}`).join(', '),
  actionRows: '.action-widget .monaco-list-row.action',
  toasts:     '.notifications-toasts .notification-toast',
};

const t0 = Date.now();
const log = (...a) => console.log(`[e2e notebook +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
let browser, page, profileDir, current = 'start';
const shots = [];

async function step(name, fn) {
  current = name;
  log(`step: ${name}`);
  return fn();
}

const chord = (...keys) => chordOn(page, ...keys);

async function shot(name) {
  await page.screenshot({ path: path.join(opt.out, name) });
  shots.push(name);
  log(`screenshot ${name}`);
}

const until = (what, check) => untilWithin(what, check, TIMEOUT);

// Each code cell's text, in order (the notebook renders every cell of so small a file).
const cellTexts = () => page.$$eval(SEL.cells, eds => eds.map(ed => [...ed.querySelectorAll('.view-lines .view-line')]
  .map(l => [parseFloat(l.style.top) || 0, l.innerText.replace(/\u00a0/g, ' ')])
  .sort((a, b) => a[0] - b[0]).map(x => x[1]).join('\n')));

async function open(file) {
  await quickOpen(page, file, TIMEOUT);
}

async function main() {
  await step('launch chromium', async () => {
    ({ browser, page, profileDir } = await launchChromium(puppeteer, TIMEOUT));
  });

  await step('load the workbench', async () => {
    await page.goto(`http://127.0.0.1:${opt.port}/?folder=${encodeURIComponent(opt.folder)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(SEL.workbench);
  });

  await step('open analysis.ipynb in the notebook editor: a squiggle in cell 3', async () => {
    await open('analysis.ipynb');
    await page.waitForSelector(SEL.cells);
    const texts = await until('the two code cells', async () => {
      const found = await cellTexts();
      return found.length === 2 && found[1].includes('sum(rows, [])') ? found : null;
    });
    log(`cells: ${JSON.stringify(texts)}`);
    await page.waitForSelector(SEL.squiggle);
    // The squiggle is in the cell with the finding, not in the imports' cell.
    const where = await page.$$eval(SEL.cells, (eds, sq) => eds.map(ed => ed.querySelectorAll(sq).length), SQUIGGLES);
    if (where[0] !== 0 || where[1] === 0) throw new Error(`squiggles per code cell: ${JSON.stringify(where)}`);
    await sleep(500);
    await shot('notebook-1-squiggle.png');
  });

  const fixes = await step('Ctrl+. on the finding in cell 3', async () => {
    const box = await (await page.$(SEL.squiggle)).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await sleep(300);
    await chord('Control', 'Period');
    await page.waitForSelector(SEL.actionRows, { visible: true });
    await sleep(300);
    return page.$$eval(SEL.actionRows, rows => rows.map(r => r.getAttribute('aria-label') || r.innerText.trim()));
  });
  for (const f of fixes) log(`quick fix: "${f}"`);
  const wanted = fixes.findIndex(f => /^perflint: .*\(PFL101\)/.test(f));
  if (wanted < 0) throw new Error('no perflint quick fix for PFL101 in the menu');
  if (!fixes.includes('perflint: disable PFL101 for this line')) throw new Error('no "disable PFL101" action');
  await shot('notebook-2-quick-fix-menu.png');

  const after = await step('apply it: cell 3 rewritten, the import added to cell 1', async () => {
    const rows = await page.$$(SEL.actionRows);
    await rows[wanted].click();
    const texts = await until('the fixed cells', async () => {
      const found = await cellTexts();
      return found[1]?.includes('itertools.chain.from_iterable(rows)') && found[0].includes('import itertools') ? found : null;
    });
    await until('the squiggle gone', async () => !await page.$(SEL.squiggle));
    await sleep(300);
    await shot('notebook-3-quick-fix-applied.png');
    return texts;
  });
  log(`cells after the fix: ${JSON.stringify(after)}`);
  if (!after[1].startsWith('%time pass')) throw new Error('the magic in cell 3 was changed');
  console.log('RESULT ' + JSON.stringify({ ok: true, fixes, cells: after, screenshots: shots }));
}

let timer;
try {
  await Promise.race([main(), new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the whole run exceeded 10 x --timeout')), TIMEOUT * 10);
  })]);
} catch (e) {
  process.exitCode = 1;
  console.error(`\ne2e notebook: FAILED at step "${current}": ${String(e.message).split('\n')[0]}`);
  if (page) {
    const toasts = await page.$$eval(SEL.toasts, ts => ts.map(t => t.innerText.replace(/\s+/g, ' ').trim())).catch(() => []);
    for (const t of toasts) console.error(`  notification: ${t}`);
    await page.screenshot({ path: path.join(opt.out, 'notebook-failure.png') }).catch(() => {});
    console.error(`  screenshot: ${path.join(opt.out, 'notebook-failure.png')}`);
  }
} finally {
  clearTimeout(timer);
  await closeChromium(browser, profileDir);
}
