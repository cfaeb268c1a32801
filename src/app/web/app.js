// boardpack web page: keeps the workbooks added so far, sends them all to
// POST /api/packs after every change, and shows the findings and downloads.
// Text from workbooks only ever goes into the page as text (textContent).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const zone = $('drop-zone');
  const input = $('file-input');
  const statusBox = $('status');
  const problemBox = $('problem');
  const results = $('results');
  const reportDate = $('report-date');

  const state = {
    files: new Map(),  // name -> File, in the order added
    packId: null,
    busy: false,
    again: false,      // files changed while a check was running
    limits: { max_file_bytes: 25 << 20, max_files: 50, max_request_bytes: 100 << 20, keep_minutes: 60 },
  };

  const KIND = { plan: 'Improvement plan', kpi: 'KPI table', mixed: 'Plan and KPIs', unrecognised: 'Not recognised' };
  const DOWNLOADS = {
    'scorecard.xlsx': { label: 'Scorecard', badge: 'xlsx', what: 'Excel workbook' },
    'board-report.pdf': { label: 'Board report', badge: 'pdf', what: 'PDF document' },
    'summary.json': { label: 'Summary data', badge: 'json', what: 'JSON, for other systems' },
    'board-pack.zip': { label: 'Everything', badge: 'zip', what: 'all of the above and each team\'s checked copy, zipped' },
  };
  const SEV = {
    error: { word: 'Error', icon: 'M8 1.5a6.5 6.5 0 100 13 6.5 6.5 0 000-13zM5.6 4.5L8 6.9l2.4-2.4 1.1 1.1L9.1 8l2.4 2.4-1.1 1.1L8 9.1l-2.4 2.4-1.1-1.1L6.9 8 4.5 5.6z' },
    warning: { word: 'Warning', icon: 'M8 1l7.5 13.5h-15zM7.2 6v4.2h1.6V6zm0 5.5v1.6h1.6v-1.6z' },
    info: { word: 'Note', icon: 'M8 1.5a6.5 6.5 0 100 13 6.5 6.5 0 000-13zM7.2 7v5h1.6V7zm0-3v1.6h1.6V4z' },
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function svgIcon(path) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    p.setAttribute('fill', 'currentColor');
    p.setAttribute('fill-rule', 'evenodd');
    svg.append(p);
    return svg;
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : (many || one + 's')}`;

  function sizeText(bytes) {
    if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1).replace(/\.0$/, '')} MB`;
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  function showStatus(text, busy) {
    statusBox.replaceChildren();
    if (busy) statusBox.append(el('span', { class: 'spinner', 'aria-hidden': 'true' }));
    statusBox.append(el('span', { text }));
    statusBox.classList.toggle('visually-hidden', !busy);  // the verdict shows the outcome
  }

  // The live regions stay in the page, empty when there is nothing to say (never hidden),
  // so a screen reader is already watching them when "Checking…" is written.
  function clearStatus() {
    statusBox.replaceChildren();
    statusBox.classList.remove('visually-hidden');
  }

  function showProblem(title, detail) {
    problemBox.replaceChildren(el('strong', { text: title }), el('p', { text: detail || '' }));
  }

  function clearProblem() {
    problemBox.replaceChildren();
  }

  // "2026-11-30" -> "30 November 2026", as the board report writes it.
  function longDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) return iso || '';
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
      'October', 'November', 'December'];
    return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
  }

  function todayIso() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  // ---- adding files ------------------------------------------------------

  function addFiles(list) {
    const files = Array.from(list || []);
    if (!files.length) return;
    clearProblem();
    const tooBig = files.find((f) => f.size > state.limits.max_file_bytes);
    if (tooBig) {
      showProblem('Not checked', `${tooBig.name} is ${sizeText(tooBig.size)}, over the limit of ` +
        `${sizeText(state.limits.max_file_bytes)} per workbook. Is it the right file?`);
      return;
    }
    for (const f of files) {
      state.files.delete(f.name);  // a newer copy replaces the earlier one, and moves to the end
      state.files.set(f.name, f);
    }
    if (state.files.size > state.limits.max_files) {
      for (const f of files) state.files.delete(f.name);
      showProblem('Not checked', `That would make ${files.length + state.files.size} workbooks; ` +
        `up to ${state.limits.max_files} can be checked together.`);
      return;
    }
    check();
  }

  // Focus moves to the next workbook's Remove (the one before, for the last), and to
  // "Choose workbooks" when none is left: never back to the top of the page.
  function removeFile(name) {
    const buttons = Array.from(document.querySelectorAll('#file-list button[data-remove]'));
    const at = buttons.findIndex((b) => b.getAttribute('data-remove') === name);
    const next = buttons[at + 1] || buttons[at - 1];
    state.files.delete(name);
    if (!state.files.size) { reset(); return; }
    if (at >= 0) buttons[at].closest('article').remove();
    if (next) next.focus();
    else $('choose').focus();
    check();
  }

  function reset() {
    forget(state.packId);
    state.packId = null;
    state.files.clear();
    results.hidden = true;
    clearStatus();
    zone.classList.remove('compact');
    endDrag();
    clearProblem();
    input.value = '';
    $('choose').focus();
  }

  function forget(id) {
    if (id) fetch(`/api/packs/${id}`, { method: 'DELETE' }).catch(() => {});
  }

  // ---- checking ----------------------------------------------------------

  async function check() {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    zone.classList.add('busy');
    zone.setAttribute('aria-busy', 'true');
    const files = Array.from(state.files.values());
    clearProblem();  // an earlier refusal no longer applies
    showStatus(`Checking ${plural(files.length, 'workbook')}…`, true);
    const form = new FormData();
    form.append('report_date', reportDate.value);
    for (const f of files) form.append('files', f, f.name);
    try {
      const res = await fetch('/api/packs', { method: 'POST', body: form });
      let body = null;
      try { body = await res.json(); } catch (e) { body = null; }
      if (!res.ok || !body || !body.summary) {
        const message = body && body.message ? body.message : `the server answered ${res.status}`;
        clearStatus();
        showProblem('These workbooks were not checked', message);
      } else {
        forget(state.packId);
        state.packId = body.id;
        render(body);
      }
    } catch (e) {
      clearStatus();
      showProblem('Could not reach boardpack', 'Check that boardpack serve is still running, then add the workbooks again.');
    } finally {
      state.busy = false;
      zone.classList.remove('busy');
      zone.removeAttribute('aria-busy');
      if (state.again) { state.again = false; check(); }
    }
  }

  // ---- showing results ---------------------------------------------------

  const STATUS_ORDER = { unreadable: 0, errors: 1, warnings: 2, ok: 3 };

  function render(body) {
    const s = body.summary;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const i of s.issues) counts[i.severity] = (counts[i.severity] || 0) + 1;
    const n = s.inputs.length;
    const unreadable = s.inputs.filter((i) => i.status === 'unreadable').length;

    const verdict = $('verdict');
    verdict.className = 'verdict' + (counts.error ? ' has-errors' : counts.warning ? ' has-warnings' : '');
    let text = `Checked ${plural(n, 'workbook')}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}` +
      (counts.info ? `, ${plural(counts.info, 'note')}` : '') + '.';
    if (unreadable === n) text += ' None of the workbooks could be read, so there is nothing to download yet.';
    else if (counts.error) text += ' The pack was built, but fix the errors before it goes to the board.';
    else text += ' The pack is ready to download.';
    if (s.report_date) text += ` Report date: ${longDate(s.report_date)}.`;
    verdict.textContent = text;
    showStatus(`Done. ${text}`, false);

    zone.classList.add('compact');
    endDrag();
    renderDownloads(body);
    renderOverview(s);
    renderFiles(s, body.returns || []);
    results.hidden = false;
  }

  function renderDownloads(body) {
    const list = $('download-list');
    list.replaceChildren();
    for (const d of body.downloads) {
      const info = DOWNLOADS[d.name] || { label: d.name, badge: 'file', what: '' };
      list.append(el('li', {},
        el('a', { class: 'download', href: d.url, download: d.name },
          el('span', { class: `download-badge badge-${info.badge}`, 'aria-hidden': 'true', text: info.badge.toUpperCase() }),
          el('span', { class: 'download-text' },
            el('span', { class: 'download-label', text: info.label }),
            el('span', { class: 'download-meta', text: `${d.name} · ${sizeText(d.bytes)}` }),
            info.what ? el('span', { class: 'download-meta', text: info.what }) : null))));
    }
    $('downloads').hidden = body.downloads.length === 0;
    const minutes = Math.round(body.expires_in_seconds / 60);
    $('downloads-note').textContent = minutes >= 1
      ? `These downloads are kept for ${plural(minutes, 'minute')}; after that, add the workbooks again.`
      : 'These downloads are kept for less than a minute.';
  }

  function ragCell(cls, n) {
    return el('td', {}, el('span', { class: `rag rag-${cls}` }, String(n)));
  }

  function renderOverview(s) {
    const box = $('overview-body');
    box.replaceChildren();
    const grid = el('div', { class: 'overview-grid' });
    const sections = (s.plan && s.plan.sections) || [];
    if (sections.length) {
      const t = { total: 0, blue: 0, green: 0, amber: 0, red: 0 };
      const rows = sections.map((sec) => {
        for (const k of Object.keys(t)) t[k] += sec[k];
        return el('tr', {}, el('td', { text: sec.name }), el('td', { text: String(sec.total) }),
          ragCell('blue', sec.blue), ragCell('green', sec.green), ragCell('amber', sec.amber), ragCell('red', sec.red));
      });
      grid.append(el('table', { class: 'rag-table by-section' },
        el('caption', { text: `Improvement plan: ${plural(t.total, 'action')}` }),
        el('thead', {}, el('tr', {}, ...['Section', 'Total', 'Blue (done)', 'Green', 'Amber', 'Red']
          .map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows),
        el('tfoot', {}, el('tr', {}, el('td', { text: 'Total' }), el('td', { text: String(t.total) }),
          ragCell('blue', t.blue), ragCell('green', t.green), ragCell('amber', t.amber), ragCell('red', t.red)))));
    }
    const measures = (s.kpis && s.kpis.measures) || [];
    if (measures.length) {
      const c = s.kpis.counts;
      grid.append(el('table', { class: 'rag-table' },
        el('caption', { text: `KPIs${s.kpis.period ? ' (' + s.kpis.period + ')' : ''}: ${plural(measures.length, 'measure')}` }),
        el('thead', {}, el('tr', {}, ...['Rating against target', 'Measures'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {},
          el('tr', {}, el('td', {}, el('span', { class: 'rag rag-green', text: 'Green: on target' })), el('td', { text: String(c.green) })),
          el('tr', {}, el('td', {}, el('span', { class: 'rag rag-amber', text: 'Amber: close to target' })), el('td', { text: String(c.amber) })),
          el('tr', {}, el('td', {}, el('span', { class: 'rag rag-red', text: 'Red: off target' })), el('td', { text: String(c.red) })),
          el('tr', {}, el('td', {}, el('span', { class: 'rag rag-none', text: 'No target set' })), el('td', { text: String(c.none) })))));
    }
    box.append(grid);
    $('overview').hidden = !sections.length && !measures.length;
  }

  function stateText(input, n) {
    if (input.status === 'unreadable') return 'Could not be read';
    if (n.error) return plural(n.error, 'error') + (n.warning ? `, ${plural(n.warning, 'warning')}` : '');
    if (n.warning) return plural(n.warning, 'warning');
    return 'No problems found';
  }

  function issueRow(i) {
    const sev = SEV[i.severity] || SEV.info;
    const where = i.sheet ? (i.cell ? `${i.sheet}!${i.cell}` : i.sheet) : 'Whole workbook';
    return el('tr', { class: `row-${i.severity}` },
      el('td', {}, el('span', { class: `sev sev-${i.severity}` }, svgIcon(sev.icon), sev.word)),
      el('td', { class: 'where' }, el('span', { class: 'visually-hidden', text: 'Where: ' }), where),
      el('td', {}, i.message, el('span', { class: 'code', text: `Finding code: ${i.code}` })));
  }

  function issueTable(issues, label) {
    return el('table', { class: 'issues' },
      el('caption', { class: 'visually-hidden', text: label }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'col-sev', text: 'Severity' }),
        el('th', { scope: 'col', class: 'col-where', text: 'Sheet and cell' }),
        el('th', { scope: 'col', text: 'What to do' }))),
      el('tbody', {}, issues.map(issueRow)));
  }

  // How boardpack read each table: heading -> field, so a wrong reading is seen, not trusted.
  const FIELD_LABEL = {
    ref: 'Reference', section: 'Section', action: 'Action', lead: 'Lead', due: 'Due date', status: 'Status',
    progress: 'Progress update', evidence: 'Evidence', title: 'Measure', group: 'Group', previous: 'Previous value',
    numerator: 'Numerator', denominator: 'Denominator', value: 'Current value', period_type: 'Period type',
    target_min: 'Minimum target', target_upper: 'Upper target', target: 'Target', tolerance: 'Tolerance',
    polarity: 'Polarity', rag: 'Supplied RAG', commentary: 'Commentary', trend: 'Trend',
  };

  function fieldLabel(field) {
    if (!field) return 'Not used';
    const m = /^(\w+)(.*)$/.exec(field);
    return m && FIELD_LABEL[m[1]] ? FIELD_LABEL[m[1]] + m[2] : field;
  }

  function mappingTable(t) {
    const rows = t.header_rows[0] === t.header_rows[1] ? `row ${t.header_rows[0]}` : `rows ${t.header_rows[0]}–${t.header_rows[1]}`;
    return el('details', { class: 'mapping' },
      el('summary', { text: `How sheet “${t.sheet}” was read` }),
      el('p', { class: 'mapping-note', text: `${KIND[t.kind] || KIND.unrecognised} table, headings in ${rows}` +
        (t.mapping ? `, read with the column mapping ${t.mapping}.` : '.') +
        ` If a column is read wrongly, a column mapping corrects it (layout fingerprint ${t.fingerprint}).` }),
      el('table', { class: 'issues mapping-table' },
        el('caption', { class: 'visually-hidden', text: `How sheet ${t.sheet} was read` }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', class: 'col-where', text: 'Cell' }),
          el('th', { scope: 'col', text: 'Heading' }),
          el('th', { scope: 'col', text: 'Read as' }))),
        el('tbody', {}, t.columns.map((c) => el('tr', { class: c.field ? '' : 'unused' },
          el('td', { class: 'where', text: c.cell }),
          el('td', { text: c.under ? `${c.header} (under ${c.under})` : c.header }),
          el('td', { text: fieldLabel(c.field) + (c.note ? ` — ${c.note}` : '') }))))));
  }

  // The team's own workbook back with its findings on it: highlighted cells, comments, a Checks sheet.
  function checkedCopyLink(copy) {
    return el('p', { class: 'checked-copy' },
      el('a', { class: 'download checked-copy-link', href: copy.url, download: copy.name },
        el('span', { class: 'download-badge badge-xlsx', 'aria-hidden': 'true', text: 'XLSX' }),
        el('span', { class: 'download-text' },
          el('span', { class: 'download-label', text: 'Checked copy to send back' }),
          el('span', { class: 'download-meta', text: `${copy.name} · ${sizeText(copy.bytes)}` }),
          el('span', { class: 'download-meta',
            text: 'The team\'s own workbook, each finding highlighted with a comment, and a Checks sheet first' }))));
  }

  function renderFiles(s, returns) {
    const list = $('file-list');
    // A Remove that had focus is made anew: give focus to the new one with the same name.
    const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute('data-remove') : null;
    list.replaceChildren();
    const inputs = s.inputs.map((input, index) => ({ input, index }));
    inputs.sort((a, b) => (STATUS_ORDER[a.input.status] - STATUS_ORDER[b.input.status]) || (a.index - b.index));
    for (const { input } of inputs) {
      const issues = s.issues.filter((i) => i.file === input.file);
      const n = { error: 0, warning: 0, info: 0 };
      for (const i of issues) n[i.severity] += 1;
      const main = issues.filter((i) => i.severity !== 'info');
      const notes = issues.filter((i) => i.severity === 'info');
      const kind = input.status === 'unreadable' ? '' :
        `${KIND[input.kind] || KIND.unrecognised}${input.records ? ', ' + plural(input.records, 'row') + ' read' : ''}`;
      const body = el('div', { class: 'file-body' });
      const copy = returns.find((r) => r.file === input.file);
      if (copy) body.append(checkedCopyLink(copy));
      if (main.length) body.append(issueTable(main, `Errors and warnings in ${input.file}`));
      else body.append(el('p', { class: 'all-clear', text: notes.length ? 'No errors or warnings.' : 'Nothing to fix in this workbook.' }));
      if (notes.length) {
        body.append(el('details', {}, el('summary', { text: `Show ${plural(notes.length, 'note')}` }),
          issueTable(notes, `Notes on ${input.file}`)));
      }
      for (const t of input.tables || []) body.append(mappingTable(t));
      list.append(el('article', { class: `file st-${input.status}`, 'aria-label': input.file },
        el('div', { class: 'file-head' },
          el('h4', { class: 'file-name', text: input.file }),
          kind ? el('span', { class: 'file-kind', text: kind }) : null,
          el('span', { class: `file-state ${input.status}`, text: stateText(input, n) }),
          state.files.has(input.file)
            ? el('span', { class: 'file-actions' },
                el('button', { type: 'button', class: 'button-link', 'data-remove': input.file,
                  'aria-label': `Remove ${input.file}`, text: 'Remove' }))
            : null),
        body));
    }
    if (focused) {
      const again = Array.from(list.querySelectorAll('button[data-remove]')).find((b) => b.getAttribute('data-remove') === focused);
      (again || $('choose')).focus();
    }
  }

  // ---- wiring ------------------------------------------------------------

  $('choose').addEventListener('click', () => input.click());
  input.addEventListener('change', () => { addFiles(input.files); input.value = ''; });
  $('reset').addEventListener('click', reset);
  reportDate.value = todayIso();
  reportDate.addEventListener('change', () => { if (state.files.size) check(); });
  $('file-list').addEventListener('click', (e) => {
    const name = e.target && e.target.getAttribute && e.target.getAttribute('data-remove');
    if (name) removeFile(name);
  });

  // The whole page takes drops, so a near miss never opens the workbook in the browser.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    zone.classList.add('dragging');
    $('drop-title').textContent = 'Drop the workbooks to check them';
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) endDrag();
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    endDrag();
    if (e.dataTransfer) addFiles(e.dataTransfer.files);
  });
  function endDrag() {
    zone.classList.remove('dragging');
    $('drop-title').textContent = zone.classList.contains('compact')
      ? 'Drag more workbooks here, or a corrected one to replace it' : 'Drag workbooks here';
  }

  fetch('/api/limits').then((r) => r.json()).then((l) => {
    state.limits = l;
    if (l.report_date && reportDate.value === todayIso()) reportDate.value = l.report_date;  // serve --as-of
    $('limits-text').textContent = `Excel workbooks (.xlsx), up to ${l.max_files} at a time and ` +
      `${sizeText(l.max_file_bytes)} each. You can add more at any time; a workbook with the same name ` +
      'replaces the earlier one.';
    $('keep-text').textContent = `${plural(Math.max(1, Math.round(l.keep_minutes)), 'minute')} after each check`;
  }).catch(() => {});
}());
