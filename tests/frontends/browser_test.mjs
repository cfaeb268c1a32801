// Browser test of `boardpack serve`, with playwright-core driving Debian's
// chromium (/usr/bin/chromium; never a downloaded browser):
//  - the page loads with no request leaving the server (works offline);
//  - a real drag-and-drop: File objects in a DataTransfer, dispatched as
//    dragenter, dragover and drop on the drop zone;
//  - the findings appear, grouped by workbook, errors first;
//  - every download offered is fetched through the browser and checked
//    (summary.json and the zip always; the PDF and XLSX when the build makes them);
//  - the file-picker fallback, removing a workbook, keyboard focus order, and
//    a 640 px wide viewport (1280 px at 200% zoom) without sideways scrolling;
//  - WCAG 2.2 AA: axe-core (npm) finds no violation before and after an upload;
//    every Remove and download is reached by Tab; Remove by keyboard keeps focus
//    on the next Remove; no sideways scrolling at 320 px; the live regions are
//    in the page, empty, before their first message;
//  - the blank templates download as workbooks `boardpack validate` reads with no
//    findings; the report date control reaches the pack (summary.json report_date),
//    and a bad one is refused with the server's words on the page.
// Screenshots go to WORK/screens/ (before, dragover, after, refused, zoom200 .png).
//
// node browser_test.mjs --boardpack PATH --samples DIR --work DIR
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const axeSource = fs.readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

// axe-core's WCAG 2.0-2.2 A and AA rules on the page as it is now: the violations, in words.
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return { violations: r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`),
      passes: r.passes.length };
  });
  return found;
}

// Tab from the top of the page to its end: the focused elements, in order, as short labels.
async function tabOrder(page) {
  await page.focus('a.skip-link');  // the start of the page's tab order
  const seen = ['a#'];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      return a.getAttribute('data-remove') ? `remove:${a.getAttribute('data-remove')}`
        : a.tagName === 'A' && a.hasAttribute('download') ? `download:${a.getAttribute('download')}` : `${a.tagName.toLowerCase()}#${a.id}`;
    });
    if (label === null || label === 'a#') break;
    seen.push(label);
  }
  return seen;
}

async function reflow(page, width) {
  await page.setViewportSize({ width, height: 900 });
  const r = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth }));
  return r;
}

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
for (const k of ['boardpack', 'samples', 'work'])
  if (!args[k]) { console.error(`usage: node browser_test.mjs --boardpack PATH --samples DIR --work DIR (missing --${k})`); process.exit(2); }

const work = path.resolve(args.work);
fs.rmSync(work, { recursive: true, force: true });
for (const d of ['screens', 'downloads', 'uploads', 'profile']) fs.mkdirSync(path.join(work, d), { recursive: true });

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed += 1; console.log(`ok   ${what}`); }
  else { failed += 1; console.log(`FAIL ${what}`); }
}

// ---- the server ----------------------------------------------------------

function startServer() {
  const proc = spawn(args.boardpack, ['serve', '--port', '0', '--as-of', '2026-11-21',
    '--work-dir', path.join(work, 'uploads')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr.on('data', (d) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ proc, base: `http://127.0.0.1:${m[1]}` }); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

// ---- checking downloads --------------------------------------------------

function zipNames(buf) {
  // End of central directory, then the central directory's file headers.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) return null;
    const n = buf.readUInt16LE(p + 28), m = buf.readUInt16LE(p + 30), k = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + m + k;
  }
  return names;
}

function checkDownload(name, file, sampleCount, offered) {
  const buf = fs.readFileSync(file);
  if (name === 'summary.json') {
    const j = JSON.parse(buf.toString('utf8'));
    check(Array.isArray(j.inputs) && j.inputs.length === sampleCount, `summary.json lists the ${sampleCount} workbooks`);
    check(j.issues.some((i) => i.code === 'bad-date' && i.cell === 'E11'), 'summary.json has the bad-date error at E11');
  } else if (name === 'board-pack.zip') {
    const names = zipNames(buf) || [];
    const expected = offered.filter((n) => n !== 'board-pack.zip').sort();
    const outputs = names.filter((n) => !n.startsWith('returns/')).sort();
    check(JSON.stringify(outputs) === JSON.stringify(expected),
      `board-pack.zip holds ${expected.join(', ')} (has ${names})`);
    const copies = names.filter((n) => n.startsWith('returns/') && n.endsWith(' - checked.xlsx'));
    check(copies.length === sampleCount, `board-pack.zip holds each sample's checked copy (${copies.length} of ${sampleCount})`);
  } else if (name === 'scorecard.xlsx') {
    const names = zipNames(buf) || [];
    check(names.includes('xl/workbook.xml') && names.includes('[Content_Types].xml'), 'scorecard.xlsx is an xlsx package');
    try {
      const dump = JSON.parse(execFileSync(args.boardpack, ['dump', file, '--json'], { encoding: 'utf8' }));
      check(dump.sheets.length > 0, `scorecard.xlsx reads back (${dump.sheets.length} sheets)`);
    } catch (e) { check(false, `scorecard.xlsx reads back: ${e.message}`); }
  } else if (name === 'board-report.pdf') {
    check(buf.subarray(0, 5).toString() === '%PDF-' && buf.includes('%%EOF'), 'board-report.pdf is a PDF');
    try {
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number((info.match(/Pages:\s+(\d+)/) || [])[1]);
      check(pages >= 1, `board-report.pdf has ${pages} pages`);
    } catch (e) { check(false, `pdfinfo reads board-report.pdf: ${e.message}`); }
  }
}

// ---- the test ------------------------------------------------------------

const samples = fs.readdirSync(args.samples).filter((f) => f.endsWith('.xlsx')).sort();
const { proc, base } = await startServer();
const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${base}/`);
  await page.waitForFunction(() => /up to \d+ at a time/.test(document.getElementById('limits-text').textContent));
  check(await page.isVisible('#drop-zone'), 'the drop zone is shown');
  check(await page.isHidden('#results'), 'no results before a drop');
  await page.screenshot({ path: path.join(work, 'screens', 'before.png'), fullPage: true });

  // The live regions are in the page before anything is said in them: not hidden, not display:none, empty.
  const regions = await page.evaluate(() => ['status', 'problem'].map((id) => {
    const e = document.getElementById(id);
    return { id, role: e.getAttribute('role'), hidden: e.hidden || getComputedStyle(e).display === 'none' || getComputedStyle(e).visibility === 'hidden', text: e.textContent };
  }));
  check(regions.every((r) => !r.hidden && r.text === '') && regions[0].role === 'status' && regions[1].role === 'alert',
    `the status and alert regions are in the page, empty, before the first message (${JSON.stringify(regions)})`);
  {
    const axe = await axeViolations(page);
    check(axe.violations.length === 0 && axe.passes > 0, `axe-core: no WCAG 2.2 A/AA violation before an upload (${axe.violations.join('; ') || 'none'}, ${axe.passes} rules pass)`);
  }
  // The report date starts at the server's (serve --as-of here; today without it).
  check(await page.inputValue('#report-date') === '2026-11-21', `the report date starts at serve's --as-of (${await page.inputValue('#report-date')})`);

  // Keyboard: the skip link, then the file picker's button.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.className === 'skip-link'), 'Tab reaches the skip link first');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.id === 'report-date'), 'Tab reaches the report date next');
  // Chromium's date input takes a Tab per part (day, month, year) before moving on.
  for (let i = 0; i < 4 && await page.evaluate(() => document.activeElement.id === 'report-date'); i++) await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.id === 'choose'), 'Tab reaches "Choose workbooks" after the report date');

  // The blank templates download as workbooks boardpack reads with no findings.
  for (const [id, name] of [['template-plan', 'improvement-plan-template.xlsx'], ['template-kpi', 'kpi-template.xlsx']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
    const file = path.join(work, 'downloads', name);
    await download.saveAs(file);
    check(download.suggestedFilename() === name, `the ${id} link downloads ${download.suggestedFilename()}`);
    try {
      const v = JSON.parse(execFileSync(args.boardpack, ['validate', file, '--json'], { encoding: 'utf8' }));
      check(v.inputs.length === 1 && v.inputs[0].status === 'ok' && v.inputs[0].records > 0 && v.issues.length === 0,
        `${name} is a workbook boardpack validate reads with no findings (${v.inputs[0].kind}, ${v.inputs[0].records} rows, ${v.issues.length} findings)`);
    } catch (e) { check(false, `boardpack validate reads ${name}: ${e.message}`); }
  }
  {
    const head = await page.evaluate(async () => {
      const r = await fetch('/templates/plan.xlsx');
      return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') };
    });
    check(head.status === 200 && head.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' &&
      /^attachment; filename="improvement-plan-template\.xlsx"/.test(head.disposition),
      `the plan template's Content-Type and Content-Disposition (${JSON.stringify(head)})`);
  }


  // A real drag-and-drop of every sample but the first (added by the picker below).
  const picked = samples[0];
  const dropped = samples.slice(1);
  const payload = dropped.map((name) => ({ name, b64: fs.readFileSync(path.join(args.samples, name)).toString('base64') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    }
    const zone = document.getElementById('drop-zone');
    window.__fire = (type) => zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    window.__fire('dragenter');
    window.__fire('dragover');
    window.__dragging = zone.classList.contains('dragging');
  }, payload);
  await page.screenshot({ path: path.join(work, 'screens', 'dragover.png') });
  await page.evaluate(() => window.__fire('drop'));
  check(await page.evaluate(() => window.__dragging), 'the drop zone shows it is being dragged over');
  await page.waitForFunction((n) => !document.getElementById('results').hidden &&
    document.querySelectorAll('#file-list .file').length === n, dropped.length, { timeout: 30000 });
  check(true, `findings appear for the ${dropped.length} dropped workbooks`);

  const files = await page.$$eval('#file-list .file', (arts) => arts.map((a) => ({
    name: a.querySelector('.file-name').textContent,
    state: a.querySelector('.file-state').textContent,
    rows: Array.from(a.querySelectorAll(':scope > .file-body > table.issues tbody tr')).map((tr) => ({
      sev: tr.querySelector('.sev').textContent,
      where: tr.querySelector('.where').textContent.replace('Where: ', ''),
      text: tr.cells[2].textContent,
    })),
  })));
  const rank = (f) => (/error|could not/i.test(f.state) ? 0 : /warning/.test(f.state) ? 1 : 2);
  check(files.every((f, i) => i === 0 || rank(files[i - 1]) <= rank(f)), 'workbooks with errors are listed first');
  check(files.every((f) => f.rows.every((r, i) => i === 0 || !(r.sev === 'Error' && f.rows[i - 1].sev !== 'Error'))),
    'within each workbook, errors come before warnings');
  const wf = files.find((f) => f.name === 'plan-workforce.xlsx');
  check(wf && wf.rows.some((r) => r.sev === 'Error' && r.where === 'Workforce actions!E11' && /end of March/.test(r.text)),
    'plan-workforce.xlsx shows the error at Workforce actions!E11 ("end of March")');
  check(wf && /1 error/.test(wf.state), `plan-workforce.xlsx says "${wf && wf.state}" in words`);
  const verdict = await page.textContent('#verdict');
  check(/Checked \d+ workbooks: \d+ errors?, \d+ warnings?/.test(verdict), `the verdict is in words: "${verdict}"`);
  await page.screenshot({ path: path.join(work, 'screens', 'after.png'), fullPage: true });
  {
    const axe = await axeViolations(page);
    check(axe.violations.length === 0, `axe-core: no WCAG 2.2 A/AA violation after an upload (${axe.violations.join('; ') || 'none'})`);
  }
  // No raw codes ("ok", "warnings", "kpi") as words on the page: kinds and states are written out.
  const words = await page.$$eval('#file-list .file', (arts) => arts.map((a) => [
    (a.querySelector('.file-kind') || {}).textContent || '', a.querySelector('.file-state').textContent]));
  check(words.every(([k, s]) => !/^(plan|kpi|mixed|unrecognised)\b/.test(k) && !/^(ok|warnings|errors|unreadable)$/.test(s)),
    `kinds and states in words (${JSON.stringify(words.slice(0, 3))})`);
  // A finding about a row names its ref beside the cell.
  check(wf && wf.rows.some((r) => r.where === 'Workforce actions!E11' && /^action CC2\.13: /.test(r.text)),
    'the bad date names its action (CC2.13) as well as the cell');

  // How each sheet was read: heading -> field, under each workbook, opened by a click.
  const mapping = page.locator('#file-list .file', { hasText: 'plan-workforce.xlsx' }).locator('details.mapping').first();
  check(await mapping.count() === 1, 'plan-workforce.xlsx offers "How sheet … was read"');
  await mapping.locator('summary').click();
  const read = await mapping.evaluate((d) => ({
    open: d.open,
    summary: d.querySelector('summary').textContent,
    rows: Array.from(d.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.cells).map((c) => c.textContent)),
  }));
  check(read.open && /How sheet “Workforce actions” was read/.test(read.summary), `the reading opens: "${read.summary}"`);
  check(read.rows.some(([cell, heading, field]) => /^[A-Z]+\d+$/.test(cell) && /status/i.test(heading + field) && field === 'Status'),
    `a status heading is shown read as Status (${JSON.stringify(read.rows.slice(0, 3))})`);
  check(read.rows.length >= 4, `every heading of the table is listed (${read.rows.length})`);
  await mapping.screenshot({ path: path.join(work, 'screens', 'mapping.png') });

  // The file-picker fallback adds the last sample; the page checks all of them again.
  await page.setInputFiles('#file-input', path.join(args.samples, picked));
  await page.waitForFunction((n) => document.querySelectorAll('#file-list .file').length === n, samples.length, { timeout: 30000 });
  check(true, `the file picker adds ${picked} (${samples.length} workbooks now)`);

  // Downloads, through the browser.
  const offered = await page.$$eval('#download-list a', (as) => as.map((a) => a.getAttribute('download')));
  check(offered.includes('summary.json') && offered.includes('board-pack.zip'), `downloads offered: ${offered.join(', ')}`);
  for (const name of offered) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#download-list a[download="${name}"]`)]);
    const file = path.join(work, 'downloads', name);
    await download.saveAs(file);
    check(download.suggestedFilename() === name, `${name} downloads under its own name`);
    checkDownload(name, file, samples.length, offered);
  }

  // Each workbook with findings offers its checked copy beside them: the team's workbook, findings on it.
  const copies = await page.$$eval('#file-list .file', (arts) => arts.map((a) => {
    const link = a.querySelector('a.checked-copy-link');
    return { name: a.querySelector('.file-name').textContent, copy: link && link.getAttribute('download') };
  }));
  check(copies.every((c) => c.copy === c.name.replace(/\.xlsx$/, ' - checked.xlsx')),
    `every sample (each has findings) offers its checked copy (${JSON.stringify(copies.filter((c) => !c.copy))})`);
  {
    const link = page.locator('#file-list .file', { hasText: 'plan-workforce.xlsx' }).locator('a.checked-copy-link');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(work, 'downloads', 'plan-workforce - checked.xlsx');
    await download.saveAs(file);
    check(download.suggestedFilename() === 'plan-workforce - checked.xlsx',
      `the checked copy downloads under its own name (${download.suggestedFilename()})`);
    try {
      const dump = JSON.parse(execFileSync(args.boardpack, ['dump', file, '--json'], { encoding: 'utf8' }));
      const names = dump.sheets.map((sh) => sh.name);
      check(names[0] === 'Checks' && names.includes('Workforce actions'), `the checked copy's sheets: ${names.join(', ')}`);
      const rows = dump.sheets[0].cells.filter((c) => c.ref.startsWith('C')).map((c) => c.value);
      check(rows.includes('Workforce actions!E11'), 'its Checks sheet lists the bad date at Workforce actions!E11');
    } catch (e) { check(false, `the checked copy reads back: ${e.message}`); }
  }
  await page.screenshot({ path: path.join(work, 'screens', 'checked-copy.png'), fullPage: true });

  // A workbook over the size limit is refused on the page, in words, and nothing is sent.
  const before = await page.$$eval('#file-list .file', (a) => a.length);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(26 << 20)], 'huge.xlsx'));
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await page.waitForFunction(() => document.getElementById('problem').textContent !== '');
  const problem = await page.textContent('#problem');
  check(/huge\.xlsx is 26 MB, over the limit of 25 MB/.test(problem), `an over-size workbook is refused in words: "${problem}"`);
  check(await page.$$eval('#file-list .file', (a) => a.length) === before, 'the refused workbook is not added');
  await page.screenshot({ path: path.join(work, 'screens', 'refused.png') });

  // Keyboard: every Remove and every download is reached by Tab.
  {
    const order = await tabOrder(page);
    const removes = await page.$$eval('button[data-remove]', (bs) => bs.map((b) => `remove:${b.getAttribute('data-remove')}`));
    const downloads = await page.$$eval('a[download]', (as) => as.map((a) => `download:${a.getAttribute('download')}`));
    const missing = [...removes, ...downloads].filter((x) => !order.includes(x));
    check(removes.length === samples.length && downloads.length >= offered.length + 2 && missing.length === 0,
      `Tab reaches all ${removes.length} Remove buttons and ${downloads.length} downloads (missing: ${missing.join(', ') || 'none'})`);
    check(order.includes('input#report-date') && order.indexOf('input#report-date') < order.indexOf('button#choose'),
      'Tab reaches the report date before "Choose workbooks"');
  }

  // Removing a workbook by keyboard checks the rest again, and focus stays on the next Remove.
  const removesBefore = await page.$$eval('button[data-remove]', (bs) => bs.map((b) => b.getAttribute('data-remove')));
  const removedAt = removesBefore.indexOf('plan-workforce.xlsx');
  const expectFocus = removesBefore[removedAt + 1] || removesBefore[removedAt - 1];
  await page.focus('button[data-remove="plan-workforce.xlsx"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#file-list .file').length === n &&
    !document.getElementById('drop-zone').classList.contains('busy'), samples.length - 1, { timeout: 30000 });
  check(!(await page.textContent('#file-list')).includes('plan-workforce.xlsx'), 'Remove takes a workbook out of the pack');
  const focusAfter = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-remove'));
  check(focusAfter === expectFocus, `after Remove, focus is on the next workbook's Remove (${focusAfter}, expected ${expectFocus})`);

  // The report date reaches the pack: summary.json's report_date, and the overdue finding it makes.
  await page.fill('#report-date', '2026-12-01');
  await page.dispatchEvent('#report-date', 'change');
  await page.waitForFunction(() => /Report date: 1 December 2026/.test(document.getElementById('verdict').textContent), null, { timeout: 30000 });
  {
    const summary = await page.evaluate(async () => {
      const a = document.querySelector('#download-list a[download="summary.json"]');
      return (await fetch(a.getAttribute('href'))).json();
    });
    check(summary.report_date === '2026-12-01', `the report date reaches the pack: summary.json report_date ${summary.report_date}`);
  }
  // A date the server cannot read is refused, in its words, on the page (a browser without a date picker sends text).
  await page.evaluate(() => { const d = document.getElementById('report-date'); d.type = 'text'; d.value = '31/11/2026'; d.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => document.getElementById('problem').textContent !== '', null, { timeout: 30000 });
  const dateProblem = await page.textContent('#problem');
  check(/the report date '31\/11\/2026' is not a date/.test(dateProblem), `a bad report date is refused in words: "${dateProblem}"`);
  await page.evaluate(() => { const d = document.getElementById('report-date'); d.type = 'date'; d.value = '2026-11-21'; d.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => /Report date: 21 November 2026/.test(document.getElementById('verdict').textContent) &&
    document.getElementById('problem').textContent === '', null, { timeout: 30000 });

  // 320 px wide (1280 px at 400% zoom): no sideways scrolling, with results shown, notes and readings open.
  await page.$$eval('#file-list details', (ds) => ds.forEach((d) => { d.open = true; }));
  {
    const r = await reflow(page, 320);
    check(r.scroll <= r.client, `no sideways scrolling at 320 px (scrollWidth ${r.scroll}, clientWidth ${r.client})`);
    await page.screenshot({ path: path.join(work, 'screens', 'width320.png'), fullPage: true });
    await page.locator('#overview').screenshot({ path: path.join(work, 'screens', 'width320-overview.png') });
    await page.locator('#downloads').screenshot({ path: path.join(work, 'screens', 'width320-downloads.png') });
    await page.locator('#file-list .file').first().screenshot({ path: path.join(work, 'screens', 'width320-file.png') });
  }

  // 200% zoom: a 1280 px window at 200% lays out like a 640 px one.
  await page.setViewportSize({ width: 640, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
  await page.screenshot({ path: path.join(work, 'screens', 'zoom200.png'), fullPage: true });

  check(foreign.length === 0, `no request left the server (${foreign.join(', ') || 'none'})`);
  // The one error expected: the browser's note of the 400 that refused the bad report date.
  const unexpected = consoleErrors.filter((e, i) => !(/status of 400/.test(e) && consoleErrors.findIndex((x) => /status of 400/.test(x)) === i));
  check(unexpected.length === 0 && consoleErrors.length === 1,
    `no errors in the browser console but the bad date's 400 (${consoleErrors.join(' | ') || 'none'})`);

  // A refused request leaves the page as it was.
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/packs', { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    return { status: r.status, body: await r.json() };
  });
  check(refused.status === 415 && refused.body.code === 'not_multipart', `a refused request gets a JSON error (${refused.status} ${refused.body.code})`);
  check(await page.isVisible('#results'), 'the page keeps its results after a refused request');

  // Start again removes the pack on the server too.
  const id = await page.evaluate(() => document.querySelector('#download-list a').getAttribute('href').split('/')[3]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('#reset');
  await page.waitForFunction(() => document.getElementById('results').hidden);
  const gone = await page.evaluate(async (pid) => (await fetch(`/api/packs/${pid}/summary.json`)).status, id);
  check(gone === 404, `"Start again" deletes the pack's outputs on the server (${gone})`);
} catch (e) {
  check(false, `browser test ran to the end: ${e.stack || e}`);
} finally {
  await context.close();
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
}
const left = fs.readdirSync(path.join(work, 'uploads'));
check(left.length === 0, `the server removed its upload folder on SIGTERM (${left.join(', ') || 'empty'})`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
