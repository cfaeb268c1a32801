// Browser test of `boardpack serve`, with playwright-core driving Debian's
// chromium (/usr/bin/chromium; never a downloaded browser):
//  - the page loads with no request leaving the server (works offline);
//  - a real drag-and-drop: File objects in a DataTransfer, dispatched as
//    dragenter, dragover and drop on the drop zone;
//  - the findings appear, grouped by workbook, errors first;
//  - every download offered is fetched through the browser and checked
//    (summary.json and the zip always; the PDF and XLSX when the build makes them);
//  - the file-picker fallback, removing a workbook, keyboard focus order, and
//    a 640 px wide viewport (1280 px at 200% zoom) without sideways scrolling.
// Screenshots go to WORK/screens/ (before, dragover, after, refused, zoom200 .png).
//
// node browser_test.mjs --boardpack PATH --samples DIR --work DIR
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

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

  // Keyboard: the skip link, then the file picker's button.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.className === 'skip-link'), 'Tab reaches the skip link first');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.id === 'choose'), 'Tab reaches "Choose workbooks" next');

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
  await page.waitForSelector('#problem:not([hidden])');
  const problem = await page.textContent('#problem');
  check(/huge\.xlsx is 26 MB, over the limit of 25 MB/.test(problem), `an over-size workbook is refused in words: "${problem}"`);
  check(await page.$$eval('#file-list .file', (a) => a.length) === before, 'the refused workbook is not added');
  await page.screenshot({ path: path.join(work, 'screens', 'refused.png') });

  // Removing a workbook checks the rest again.
  await page.click('button[data-remove="plan-workforce.xlsx"]');
  await page.waitForFunction((n) => document.querySelectorAll('#file-list .file').length === n, samples.length - 1, { timeout: 30000 });
  check(!(await page.textContent('#file-list')).includes('plan-workforce.xlsx'), 'Remove takes a workbook out of the pack');

  // 200% zoom: a 1280 px window at 200% lays out like a 640 px one.
  await page.setViewportSize({ width: 640, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
  await page.screenshot({ path: path.join(work, 'screens', 'zoom200.png'), fullPage: true });

  check(foreign.length === 0, `no request left the server (${foreign.join(', ') || 'none'})`);
  check(consoleErrors.length === 0, `no errors in the browser console (${consoleErrors.join(' | ') || 'none'})`);

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
