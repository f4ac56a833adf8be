/**
 * The web app's client script (served as /app.js). Everything from the server or the user reaches the page
 * through textContent (el()), never innerHTML, so hostile bounce and log text stays text.
 * Kept free of template literals: it lives inside a TypeScript string.
 */
export const APP_JS = String.raw`'use strict';
(function () {
  var T = JSON.parse(document.getElementById('texts').textContent);
  var ICON = { ok: '✔', info: 'ℹ', warn: '⚠', error: '✖', unknown: '?' };
  var ORDER = ['error', 'warn', 'unknown', 'info', 'ok'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function pick(t) { return t ? (t[T.lang] || t.en || '') : ''; }
  // an evidence label in the page's language, as src/i18n/labels.ts labelText does (technical labels stay)
  function label(l) {
    var L = T.labels;
    if (!L) return l;
    if (Object.prototype.hasOwnProperty.call(L.table, l)) return L.table[l];
    for (var i = 0; i < L.patterns.length; i++) {
      var p = L.patterns[i], m = new RegExp(p.re).exec(l);
      if (m) return p.pl.replace(/\{(\w+)\}/g, function (whole, name) { var k = p.names.indexOf(name); return k >= 0 ? m[k + 1] : whole; });
    }
    return l;
  }
  function $(id) { return document.getElementById(id); }
  function setStatus(text, isError) { var s = $('status'); s.textContent = text || ''; s.className = isError ? 'error' : ''; }

  function renderFinding(f) {
    var box = el('section', 'f s-' + f.status);
    var h = el('h3');
    h.appendChild(el('span', 'badge b-' + f.status, (ICON[f.status] || '') + ' ' + (T.statusLabel[f.status] || f.status)));
    h.appendChild(document.createTextNode(pick(f.summary)));
    box.appendChild(h);
    box.appendChild(el('div', 'check', f.check + (f.subject ? ' — ' + f.subject : '')));
    if (f.detail) box.appendChild(el('p', '', pick(f.detail)));
    if (f.diagnosis) {
      var d = f.diagnosis, dl = el('dl');
      // The reason in words first (its code after, for support); the classifier's rule goes with the evidence.
      var rows = [[T.ui.reason, T.reasons[d.reason] ? T.reasons[d.reason] + ' (' + d.reason + ')' : d.reason],
        [T.ui.permanence, T.permanence[d.permanence] || d.permanence], [T.ui.actor, T.actor[d.actor] || d.actor],
        [T.ui.retry, T.retry[d.retry] || d.retry]];
      var codes = [d.replyCode, d.enhancedCode].filter(function (x) { return x !== undefined && x !== null; }).join(' ');
      if (codes) rows.push([T.ui.codes, codes]);
      rows.forEach(function (r) { dl.appendChild(el('dt', '', r[0])); dl.appendChild(el('dd', '', r[1])); });
      box.appendChild(dl);
    }
    if (f.advice && f.advice.length) {
      box.appendChild(el('p', '', T.ui.advice + ':'));
      var ol = el('ol');
      f.advice.forEach(function (a) { ol.appendChild(el('li', '', pick(a))); });
      box.appendChild(ol);
    }
    if (f.seeAlso && f.seeAlso.length) box.appendChild(el('p', 'check', T.ui.seeAlso + ': ' + f.seeAlso.join(', ')));
    var ev = (f.evidence || []).map(function (e) { return (e.label ? label(e.label) + ': ' : '') + e.value; });
    var rule = f.diagnosis && f.diagnosis.rule;
    if (rule && !(f.evidence || []).some(function (e) { return e.value === rule; })) ev.push(T.ui.rule + ': ' + rule);
    if (ev.length) {
      var det = el('details');
      if (f.status === 'error') det.open = true;
      det.appendChild(el('summary', '', T.ui.evidence));
      det.appendChild(el('pre', '', ev.join('\n')));
      box.appendChild(det);
    }
    return box;
  }

  function barChart(title, rows) {
    var wrap = el('div');
    wrap.appendChild(el('h3', '', title));
    var max = Math.max.apply(null, rows.map(function (r) { return r[1]; }).concat([1]));
    var c = el('div', 'chart');
    rows.forEach(function (r) {
      c.appendChild(el('span', '', r[0]));
      var bar = el('div', 'bar ' + (r[2] || ''));
      bar.style.width = Math.max(0.5, (100 * r[1]) / max) + '%';
      c.appendChild(bar);
      c.appendChild(el('span', '', String(r[1])));
    });
    wrap.appendChild(c);
    return wrap;
  }

  function renderTable(t) {
    var wrap = el('div');
    wrap.appendChild(el('h2', '', pick(t.title)));
    var table = el('table'), thead = el('thead'), tr = el('tr');
    t.columns.forEach(function (c) { tr.appendChild(el('th', '', pick(c))); });
    thead.appendChild(tr); table.appendChild(thead);
    var tb = el('tbody');
    t.rows.slice(0, 500).forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c) { row.appendChild(el('td', '', c)); });
      tb.appendChild(row);
    });
    table.appendChild(tb);
    var scroll = el('div', 'tablewrap'); scroll.appendChild(table); wrap.appendChild(scroll);
    return wrap;
  }

  var NUM = /^\d+(\.\d+)?$/;
  // A table charts when some column after the first is numeric in every row: bars of that column by the first.
  function chartColumn(t) {
    if (!t.rows.length || t.rows.length > 60 || t.columns.length < 2) return -1;
    for (var c = 1; c < t.columns.length; c++) {
      if (t.rows.every(function (r) { return NUM.test(String(r[c]).trim()); })) return c;
    }
    return -1;
  }

  function renderReport(report, box) {
    box.textContent = '';
    var counts = {};
    report.findings.forEach(function (f) { counts[f.status] = (counts[f.status] || 0) + 1; });
    box.appendChild(el('p', 'summary', report.subject + ' — ' + ORDER.filter(function (s) { return counts[s]; })
      .map(function (s) { return (T.statusLabel[s] || s) + ': ' + counts[s]; }).join(', ')));
    var list = el('div');
    // The doctor's first finding already sums up what was ruled out: its OK findings fold away (long on a phone).
    var folded = report.command === 'doctor' ? report.findings.filter(function (f) { return f.status === 'ok'; }) : [];
    report.findings.forEach(function (f) { if (folded.indexOf(f) < 0) list.appendChild(renderFinding(f)); });
    if (folded.length) {
      var fold = el('details', 'folded');
      fold.appendChild(el('summary', '', T.status.ruledOut.replace('{n}', folded.length)));
      folded.forEach(function (f) { fold.appendChild(renderFinding(f)); });
      list.appendChild(fold);
    }
    box.appendChild(list);
    // Tables become charts on the log summary (per day, per hour, top lists); elsewhere they stay tables.
    var charts = report.command === 'logs' ? (report.tables || []).filter(function (t) { return chartColumn(t) > 0; }) : [];
    if (charts.length || (report.command === 'doctor' && report.findings.length > 1)) {
      var ch = el('section', 'charts');
      ch.appendChild(el('h2', '', T.status.charts));
      ch.appendChild(barChart(T.status.byStatus, ORDER.filter(function (s) { return counts[s]; }).map(function (s) { return [T.statusLabel[s] || s, counts[s], s]; })));
      charts.forEach(function (t) {
        var c = chartColumn(t);
        var title = pick(t.title) + (t.columns.length > 2 ? ' — ' + pick(t.columns[c]) : '');
        ch.appendChild(barChart(title, t.rows.map(function (r) { return [r[0], Number(r[c])]; })));
      });
      // A log summary is read from its charts first; elsewhere the findings come first.
      if (charts.length) box.insertBefore(ch, list); else box.appendChild(ch);
    }
    (report.tables || []).forEach(function (t) { box.appendChild(renderTable(t)); });
    box.appendChild(downloads(report));
  }

  function downloads(report) {
    var wrap = el('div');
    wrap.appendChild(el('h2', '', T.status.download));
    var b = el('div', 'buttons');
    [['markdown', T.button.md, 'md'], ['html', T.button.html, 'html'], ['json', T.button.json, 'json']].forEach(function (x) {
      var btn = el('button', 'secondary', x[1]);
      btn.type = 'button';
      btn.setAttribute('data-format', x[0]);
      btn.addEventListener('click', function () {
        fetch('/api/render', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ report: report, format: x[0], lang: T.lang }) })
          .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.blob(); })
          .then(function (blob) {
            var a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = 'mailmedic-' + report.command + '.' + x[2];
            document.body.appendChild(a); a.click(); a.remove();
          }).catch(showError);
      });
      b.appendChild(btn);
    });
    wrap.appendChild(b);
    return wrap;
  }

  // An API error as the user should read it: the page's own words for the code, the server's details after.
  // Polish readers get only the page's words (the server's details are English); a wrong field is named.
  function apiError(j, status) {
    var own = j && ((j.field && T.fieldErrors[j.field]) || (j.error && T.errors[j.error]));
    var e = new Error(own ? own + (j.message && T.lang !== 'pl' && !(j.field && T.fieldErrors[j.field]) ? ' (' + j.message + ')' : '') : (j && j.message) || String(status));
    e.kind = Boolean(own);
    return e;
  }
  function showError(e) {
    if (e && e.kind) return setStatus(e.message, true);
    // fetch() itself failed: the app is not reachable (stopped, or the network dropped).
    if (e instanceof TypeError) return setStatus(T.errors.offline, true);
    setStatus(T.status.failed + ': ' + (e && e.message), true);
  }

  // POST JSON, read server-sent events from the response body (EventSource cannot POST).
  function postStream(url, body, on) {
    return fetch(url + '?stream=1', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: JSON.stringify(body) })
      .then(function (res) {
        var type = res.headers.get('content-type') || '';
        if (!res.ok || type.indexOf('text/event-stream') < 0) {
          return res.json().catch(function () { return { message: String(res.status) }; }).then(function (j) { throw apiError(j, res.status); });
        }
        var reader = res.body.getReader(), dec = new TextDecoder(), buf = '';
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) return;
            buf += dec.decode(r.value, { stream: true });
            var i;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              var chunk = buf.slice(0, i); buf = buf.slice(i + 2);
              var ev = 'message', data = '';
              chunk.split('\n').forEach(function (line) {
                if (line.indexOf('event: ') === 0) ev = line.slice(7);
                else if (line.indexOf('data: ') === 0) data += line.slice(6);
              });
              var obj = data ? JSON.parse(data) : null;
              if (ev === 'error') throw apiError(obj || {}, 500);
              if (on[ev]) on[ev](obj);
            }
            return pump();
          });
        }
        return pump();
      });
  }

  function readFiles(form) {
    var files = Array.prototype.slice.call(form.querySelectorAll('input[type=file]'));
    return Promise.all(files.map(function (inp) {
      var f = inp.files && inp.files[0];
      if (!f) return null;
      return f.text().then(function (txt) { var t = form.querySelector('[name="' + inp.getAttribute('data-target') + '"]'); if (t) t.value = txt; });
    }));
  }

  function formPage(form) {
    var results = $('results');
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var btn = form.querySelector('button[type=submit]');
      readFiles(form).then(function () {
        var body = {};
        Array.prototype.forEach.call(form.elements, function (x) {
          if (!x.name || x.type === 'file' || x.value === '') return;
          body[x.name] = x.type === 'number' ? Number(x.value) : x.value;
        });
        var pw = form.querySelector('input[type=password]');
        if (pw) pw.value = ''; // sent once; not kept in the page
        btn.disabled = true;
        results.textContent = '';
        setStatus(T.status.running);
        var live = el('div');
        results.appendChild(live);
        return postStream(form.getAttribute('data-api'), body, {
          finding: function (f) { live.appendChild(renderFinding(f)); },
          report: function (r) { renderReport(r, results); setStatus(T.status.done); }
        });
      }).catch(showError)
        .then(function () { btn.disabled = false; });
    });
  }

  // The doctor, one question at a time.
  function doctorPage(box) {
    var st = { kase: null, answers: {}, skipped: [], history: [] };
    function setPath(obj, path, v) {
      var keys = path.split('.'), cur = obj;
      for (var i = 0; i < keys.length - 1; i++) { if (typeof cur[keys[i]] !== 'object' || !cur[keys[i]]) cur[keys[i]] = {}; cur = cur[keys[i]]; }
      if (v === undefined) delete cur[keys[keys.length - 1]]; else cur[keys[keys.length - 1]] = v;
    }
    function chooseCase() {
      box.textContent = ''; $('results').textContent = ''; setStatus('');
      var q = el('form', 'question');
      q.appendChild(el('h2', '', T.status.chooseCase));
      var ch = el('div', 'choices');
      T.cases.forEach(function (c, i) {
        var lab = el('label'), r = el('input');
        r.type = 'radio'; r.name = 'case'; r.value = c.id; if (i === 0) r.checked = true;
        lab.appendChild(r);
        var s = el('span', '', c.n + '. ' + c.title); s.appendChild(el('small', '', c.description));
        lab.appendChild(s); ch.appendChild(lab);
      });
      q.appendChild(ch);
      var b = el('button', '', T.button.start); b.type = 'submit'; q.appendChild(b);
      q.addEventListener('submit', function (ev) {
        ev.preventDefault();
        st.kase = q.querySelector('input[name=case]:checked').value; st.answers = {}; st.skipped = []; st.history = [];
        next();
      });
      box.appendChild(q);
    }
    function next() {
      fetch('/api/doctor/next', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ case: st.kase, answers: st.answers, skipped: st.skipped }) })
        .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw apiError(j, r.status); return j; }); })
        .then(function (j) { if (j.done) run(); else ask(j.step); })
        .catch(showError);
    }
    function ask(step) {
      box.textContent = ''; setStatus('');
      var q = el('form', 'question');
      q.setAttribute('data-question', step.id);
      q.appendChild(el('div', 'stepno', T.status.step.replace('{n}', step.position).replace('{total}', step.total)));
      var lab = el('label', '', pick(step.prompt)); lab.setAttribute('for', 'answer'); q.appendChild(lab);
      if (step.help) q.appendChild(el('p', 'intro', pick(step.help)));
      var input;
      if (step.kind === 'choice') {
        input = el('div', 'choices');
        step.choices.forEach(function (c, i) {
          var l = el('label'), r = el('input');
          r.type = 'radio'; r.name = 'answer'; r.value = c.value;
          if (c.value === step.defaultValue || (!step.defaultValue && i === 0)) r.checked = true;
          l.appendChild(r); l.appendChild(el('span', '', pick(c.label))); input.appendChild(l);
        });
      } else if (step.kind === 'longtext') {
        input = el('div', 'field');
        var ta = el('textarea'); ta.id = 'answer'; ta.rows = 8; ta.spellcheck = false; input.appendChild(ta);
        var file = el('input'); file.type = 'file'; file.accept = '.eml,.txt,.log,message/rfc822,text/plain';
        file.addEventListener('change', function () { if (file.files[0]) file.files[0].text().then(function (t) { ta.value = t; }); });
        input.appendChild(file);
      } else {
        input = el('input'); input.id = 'answer';
        input.type = step.kind === 'secret' ? 'password' : step.kind === 'number' ? 'number' : 'text';
        input.autocomplete = step.kind === 'secret' ? 'current-password' : 'off';
        if (step.defaultValue) input.value = step.defaultValue;
      }
      q.appendChild(input);
      var bs = el('div', 'buttons');
      var nb = el('button', '', T.button.next); nb.type = 'submit'; bs.appendChild(nb);
      if (step.optional) {
        var sb = el('button', 'secondary', T.button.skip); sb.type = 'button';
        sb.addEventListener('click', function () { st.skipped.push(step.id); st.history.push({ id: step.id, path: null }); next(); });
        bs.appendChild(sb);
      }
      var back = el('button', 'secondary', st.history.length ? T.button.back : T.button.restart); back.type = 'button';
      back.addEventListener('click', function () {
        var h = st.history.pop();
        if (!h) return chooseCase();
        if (h.path) setPath(st.answers, h.path, undefined); else st.skipped = st.skipped.filter(function (x) { return x !== h.id; });
        next();
      });
      bs.appendChild(back);
      q.appendChild(bs);
      q.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var v;
        if (step.kind === 'choice') v = (q.querySelector('input[name=answer]:checked') || {}).value;
        else v = q.querySelector('#answer').value;
        if (step.kind === 'number' && v !== '') v = Number(v);
        if (v === '' || v === undefined) {
          if (!step.optional) return;
          st.skipped.push(step.id); st.history.push({ id: step.id, path: null });
        } else { setPath(st.answers, step.path, v); st.history.push({ id: step.id, path: step.path }); }
        next();
      });
      box.appendChild(q);
      var first = q.querySelector('input,textarea'); if (first) first.focus();
    }
    function run() {
      box.textContent = '';
      var results = $('results'); results.textContent = '';
      setStatus(T.status.running);
      box.appendChild(el('h2', '', T.status.progress));
      var list = el('ul', 'progress'); box.appendChild(list);
      var items = {};
      var live = el('div'); results.appendChild(live);
      postStream('/api/doctor', { case: st.kase, answers: st.answers }, {
        progress: function (p) {
          if (p.type === 'start') { items[p.check] = el('li', '', pick(p.title)); list.appendChild(items[p.check]); }
          else if (items[p.check]) { items[p.check].className = p.status === 'error' ? 'bad' : p.status === 'warn' ? 'warn' : p.status === 'ok' ? 'done' : 'skip'; items[p.check].textContent = pick(p.title) + ' — ' + (T.statusLabel[p.status] || p.status) + ' (' + p.ms + ' ms)'; }
        },
        finding: function (f) { live.appendChild(renderFinding(f)); },
        report: function (r) {
          st.answers = {}; // drop what was typed (passwords included) once the run is over
          renderReport(r, results); setStatus(T.status.done);
          var again = el('button', 'secondary', T.button.restart); again.type = 'button'; again.addEventListener('click', chooseCase); box.appendChild(again);
        }
      }).catch(showError);
    }
    chooseCase();
  }

  var form = $('form');
  if (form) formPage(form);
  var wiz = $('wizard');
  if (wiz) doctorPage(wiz);
})();
`;
