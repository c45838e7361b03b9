// Bayan console: progressive enhancement only. Every page works without it; with it, SLA countdowns tick,
// new cases and SLA warnings arrive live, and the keyboard drives the queue and the case view.
// Message text is only ever placed with textContent, never parsed as HTML.
(function () {
  'use strict';
  var lang = document.body.dataset.lang || 'en';

  function formatLeft(ms, overdue) {
    var late = ms < 0, s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var text = (h > 0 ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
    return late ? overdue + ' ' + text : text;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('time.countdown').forEach(function (el) {
      var due = Date.parse(el.getAttribute('datetime'));
      if (isNaN(due)) { return; }
      el.textContent = formatLeft(due - now, el.dataset.overdue || '-');
      el.classList.toggle('late', due < now);
    });
  }

  function localTimes() {
    document.querySelectorAll('time.local').forEach(function (el) {
      var t = Date.parse(el.getAttribute('datetime'));
      if (!isNaN(t)) { el.textContent = new Date(t).toLocaleString(lang === 'ar' ? 'ar-EG' : lang); }
    });
  }

  function toast(parts) {
    var box = document.getElementById('toasts');
    if (!box) { return; }
    var div = document.createElement('div');
    div.className = 'toast';
    parts.forEach(function (p) {
      if (p.href) {
        var a = document.createElement('a'); a.href = p.href; a.textContent = p.text; div.appendChild(a);
      } else {
        var span = document.createElement('span'); span.textContent = p.text; div.appendChild(span);
      }
      div.appendChild(document.createTextNode(' '));
    });
    box.appendChild(div);
    setTimeout(function () { div.remove(); }, 8000);
  }

  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    td.textContent = text == null ? '' : text;
    return td;
  }

  function addCaseRow(c) {
    var table = document.getElementById('cases');
    if (!table) { return; }
    var queue = table.dataset.queue;
    if ((queue && queue !== c.queue) || table.dataset.mine === 'true') { return; }
    if (table.querySelector('tr[data-case="' + c.id + '"]')) { return; }
    var empty = table.querySelector('tr.empty');
    if (empty) { empty.remove(); }
    var i18n = document.getElementById('i18n').dataset;
    var tr = document.createElement('tr');
    tr.dataset.case = c.id;
    tr.className = 'fresh prio-' + (c.priority || 'none');
    var idCell = document.createElement('td');
    var a = document.createElement('a'); a.href = '/console/cases/' + c.id; a.textContent = c.id; idCell.appendChild(a);
    tr.appendChild(idCell);
    tr.appendChild(cell(c.priority));
    var catCell = document.createElement('td');
    var cat = document.createElement('span'); cat.className = 'cat cat-' + (c.category || 'none'); cat.textContent = c.category || '';
    catCell.appendChild(cat); tr.appendChild(catCell);
    var body = cell(c.excerpt, 'body'); body.setAttribute('dir', 'auto'); tr.appendChild(body);
    tr.appendChild(cell('open'));
    tr.appendChild(cell('—'));
    var dueCell = document.createElement('td');
    if (c.due) {
      var t = document.createElement('time'); t.className = 'countdown'; t.setAttribute('datetime', c.due);
      t.dataset.overdue = i18n.overdue; dueCell.appendChild(t);
    }
    tr.appendChild(dueCell);
    table.tBodies[0].insertBefore(tr, table.tBodies[0].firstChild);
    var count = document.querySelector('#queue-table tr[data-queue="' + c.queue + '"] td[data-count="open"]');
    if (count) { count.textContent = String(Number(count.textContent) + 1); }
    tick();
  }

  function live() {
    if (!document.body.dataset.user || !window.EventSource) { return; }
    var source = new EventSource('/console/stream');
    var state = document.getElementById('live-state');
    source.onopen = function () { if (state) { state.hidden = false; } };
    source.onerror = function () { if (state) { state.hidden = true; } };
    // the sign-in ended (signed out in another tab, or the longest shift is over): the server closes the
    // stream after this event; reconnecting would only be refused
    source.addEventListener('ended', function () { source.close(); window.location.assign('/login'); });
    var i18n = (document.getElementById('i18n') || { dataset: {} }).dataset;
    source.addEventListener('case', function (e) {
      var c = JSON.parse(e.data);
      addCaseRow(c);
      toast([{ text: (i18n.newCase || 'New case') + ' #' + c.id, href: '/console/cases/' + c.id }, { text: c.excerpt }]);
    });
    source.addEventListener('sla', function (e) {
      var w = JSON.parse(e.data);
      var row = document.querySelector('#cases tr[data-case="' + w.caseId + '"]');
      if (row) { row.classList.add('fresh'); }
      toast([{ text: (i18n.slaWarning || 'SLA') + ': ' + w.kind + ' · ' + w.target, href: '/console/cases/' + w.caseId },
             { text: '#' + w.caseId }]);
    });
  }

  function confirms() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); }
      });
    });
  }

  function canned() {
    document.querySelectorAll('button.use-canned').forEach(function (b) {
      b.addEventListener('click', function () {
        var box = document.getElementById('reply-text');
        box.value = b.dataset.text;
        document.getElementById('canned-id').value = b.dataset.canned;
        box.focus();
      });
    });
  }

  function typing(e) {
    var t = e.target;
    return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  }

  function submit(id) {
    var b = document.getElementById(id);
    if (b) { b.form.requestSubmit(b); }
  }

  function keys() {
    var focus = -1;
    document.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) { return; }
      if (typing(e)) {
        if (e.key === 'Escape') { e.target.blur(); }
        return;
      }
      var rows = Array.prototype.slice.call(document.querySelectorAll('#cases tbody tr[data-case]'));
      switch (e.key) {
        case 'n': {
          var table = document.getElementById('cases');
          var queue = table && table.dataset.queue;
          var b = queue ? document.querySelector('button.claim[data-queue="' + queue + '"]') : document.querySelector('button.claim');
          if (b) { e.preventDefault(); b.form.requestSubmit(b); }
          break;
        }
        case 'j': case 'k':
          if (!rows.length) { break; }
          focus = Math.max(0, Math.min(rows.length - 1, focus + (e.key === 'j' ? 1 : -1)));
          rows.forEach(function (r, i) { r.classList.toggle('focus', i === focus); });
          rows[focus].scrollIntoView({ block: 'nearest' });
          break;
        case 'Enter':
          if (focus >= 0 && rows[focus]) { window.location = '/console/cases/' + rows[focus].dataset.case; }
          break;
        case '/': e.preventDefault(); window.location = '/console/search'; break;
        case 'r': { var box = document.getElementById('reply-text'); if (box) { e.preventDefault(); box.focus(); } break; }
        case 'w': submit('wait'); break;
        case 'e': submit('resolve'); break;
        case 'f': submit('forward'); break;
        case 'c': { var first = document.querySelector('#category-form button:not([disabled])'); if (first) { first.focus(); } break; }
        case 'q': if (document.getElementById('thread')) { window.location = '/console/queues'; } break;
        default:
      }
    });
  }

  function charts() {
    if (!window.Chart) { return; }
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      canvas.chart = new window.Chart(canvas, {
        type: spec.type || 'line',
        data: { labels: spec.labels, datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: d.data, borderColor: d.color, backgroundColor: d.color, spanGaps: true, tension: 0.2 };
        }) },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   scales: { y: { beginAtZero: true, max: spec.max } } }
      });
      canvas.dataset.rendered = String(spec.labels.length);
    });
  }

  function progress() {
    var el = document.getElementById('index-progress');
    if (!el) { return; }
    function poll() {
      fetch('/console/admin/index', { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); })
        .then(function (p) {
          el.textContent = p.state + ' · ' + p.indexed + ' / ' + p.total;
          if (p.state === 'running') { setTimeout(poll, 500); }
        }).catch(function () { });
    }
    poll();
  }

  localTimes(); tick(); setInterval(tick, 1000);
  confirms(); canned(); keys(); live(); charts(); progress();
})();
