// Scans that survive an outage. A Blazor Server page cannot run .NET code while its circuit is down,
// so this script keeps the scan field working on its own then: a scanner's Enter (or the Go button)
// puts the scan into IndexedDB with the time it was made, and the banner says "offline, N queued".
// When the connection is back (the circuit reconnects, or the page reloads because the server
// restarted and refused the old circuit), the workspace attaches again and the queue is replayed,
// oldest first, one at a time, through the workspace's ReplayQueuedAsync; an entry leaves the queue
// only once the server has answered for it. Queued entries belong to the user who scanned them.
window.drugTraceOffline = (function () {
  var DB = 'drugtrace-offline', STORE = 'queue';
  var ref = null, user = null, gln = null, limit = 200;
  var context = { action: 'verify', label: 'Verify', to: null, reason: null };
  var connected = true, replaying = false, generation = 0, notice = null, count = 0, healthTimer = null;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
        store.createIndex('user', 'user');
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function tx(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), result;
        t.oncomplete = function () { db.close(); resolve(result); };
        t.onerror = t.onabort = function () { db.close(); reject(t.error); };
        result = work(t.objectStore(STORE));
      });
    });
  }

  // This user's queued scans, oldest first (the key is a rising sequence number).
  function queued() {
    if (!user) return Promise.resolve([]);
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var request = db.transaction(STORE, 'readonly').objectStore(STORE).index('user').getAll(user);
        request.onsuccess = function () { db.close(); resolve(request.result.sort(function (a, b) { return a.seq - b.seq; })); };
        request.onerror = function () { db.close(); reject(request.error); };
      });
    });
  }

  function remove(seq) { return tx('readwrite', function (s) { s.delete(seq); }); }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (value !== undefined) el.textContent = value;
    return el;
  }

  // The banner lives in an element the workspace renders empty, so Blazor never touches its children.
  function render(items) {
    var host = document.getElementById('offline-queue');
    if (!host) return;
    count = items.length;
    host.replaceChildren();
    host.dataset.state = connected ? (count > 0 ? 'sending' : 'online') : 'offline';
    host.dataset.count = String(count);
    if (connected && count === 0 && !notice) { host.hidden = true; return; }
    host.hidden = false;
    var title = connected
      ? 'Connection back: sending ' + count + ' queued scan' + (count === 1 ? '' : 's') + '…'
      : 'Offline, ' + count + ' queued';
    host.appendChild(text('div', 'offline-title', title));
    if (!connected) {
      host.appendChild(text('div', 'offline-help',
        'The server cannot be reached. Keep scanning: each scan is kept on this device with its time and sent, in order, when the connection is back. Do not close the browser\u2019s data for this site.'));
    }
    if (notice) host.appendChild(text('div', 'offline-notice', notice));
    if (count > 0) {
      var list = text('ol', 'offline-list');
      items.forEach(function (item) {
        var li = text('li');
        li.appendChild(text('span', 'mono', new Date(item.scannedAt).toLocaleTimeString()));
        li.appendChild(text('span', null, ' ' + item.label + ' '));
        li.appendChild(text('span', 'mono offline-code', item.code.replace(/\u001d/g, '\u27e8GS\u27e9')));
        list.appendChild(li);
      });
      host.appendChild(list);
    }
  }

  function refresh() { return queued().then(render); }

  function field() { return document.querySelector('.scan-input input'); }

  function enqueue() {
    var input = field();
    var code = input ? input.value.replace(/[\r\n]+$/, '') : '';
    if (!code.trim()) { notice = 'Scan a pack or type its code first.'; return refresh(); }
    if (!user) { notice = 'Sign in again to scan: this page was not ready when the connection went.'; return refresh(); }
    if (context.action === 'ship' && !context.to) {
      notice = 'Choose where to ship first: the destination cannot be chosen while offline, so this scan was not queued.';
      return refresh();
    }
    return queued().then(function (items) {
      if (items.length >= limit) {
        notice = 'The offline queue is full (' + limit + ' scans). Set this pack aside and scan it again when the connection is back.';
        return render(items);
      }
      var item = {
        id: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()),
        user: user, gln: gln, code: code, action: context.action, label: context.label,
        to: context.to, reason: context.reason, scannedAt: new Date().toISOString()
      };
      return tx('readwrite', function (s) { s.add(item); }).then(function () {
        input.value = '';
        notice = null;
        return refresh();
      });
    });
  }

  function isScanEnter(e) {
    return (e.key === 'Enter' || e.key === 'NumpadEnter') && e.target && e.target.closest && e.target.closest('.scan-input');
  }

  // While offline the page's own handlers cannot reach the server: take the scan here instead.
  window.addEventListener('keydown', function (e) {
    if (connected || !isScanEnter(e)) return;
    e.preventDefault();
    e.stopPropagation();
    enqueue();
  }, true);
  window.addEventListener('click', function (e) {
    if (connected || !e.target.closest || !e.target.closest('[data-testid=submit]')) return;
    e.preventDefault();
    e.stopPropagation();
    enqueue();
  }, true);

  function setConnected(on) {
    if (connected === on) return;
    connected = on;
    generation++;
    if (!on) startHealthChecks();
    else stopHealthChecks();
    refresh();
    if (on) replay();
  }

  // Blazor gives up reconnecting after a while; this keeps asking the server and, once it answers,
  // asks Blazor to reconnect, or reloads when the server no longer knows the old circuit.
  function startHealthChecks() {
    if (healthTimer) return;
    healthTimer = setInterval(function () {
      var modal = document.getElementById('components-reconnect-modal');
      if (!modal || !modal.classList.contains('components-reconnect-failed')) return;
      fetch('health', { cache: 'no-store' }).then(function (r) {
        if (!r.ok || !window.Blazor) return;
        return Promise.resolve(window.Blazor.reconnect()).then(function (ok) { if (!ok) location.reload(); });
      }).catch(function () { /* still unreachable: the next tick asks again */ });
    }, 3000);
  }

  function stopHealthChecks() {
    if (healthTimer) clearInterval(healthTimer);
    healthTimer = null;
  }

  function watchReconnect() {
    var modal = document.getElementById('components-reconnect-modal');
    if (!modal) return;
    modal.addEventListener('components-reconnect-state-changed', function (e) {
      var state = e.detail && e.detail.state;
      if (state === 'hide') setConnected(true);
      else if (state === 'rejected') location.reload(); // The server restarted: a fresh page replays the queue.
      else setConnected(false);
    });
  }

  function replay() {
    if (replaying || !ref || !connected) return;
    replaying = true;
    var mine = generation;
    // A loop of an older generation (a circuit that went, a page that attached again) stops quietly:
    // the newer one owns the queue. An entry both may have sent is answered "already recorded".
    function next() {
      if (mine !== generation) return;
      if (!ref) { replaying = false; return refresh(); }
      return queued().then(function (items) {
        render(items);
        if (items.length === 0) { replaying = false; return; }
        var item = items[0];
        return ref.invokeMethodAsync('ReplayQueuedAsync', {
          id: item.id, gln: item.gln, code: item.code, action: item.action, to: item.to, reason: item.reason, scannedAt: item.scannedAt
        }).then(function (answer) {
          // "later": the server could not decide now (say, its store is down); keep the scan queued.
          if (mine !== generation) return;
          if (answer === 'later') { replaying = false; notice = 'The server could not take queued scans yet; they stay queued.'; return refresh(); }
          return remove(item.seq).then(next);
        });
      });
    }
    next().catch(function () { if (mine === generation) { replaying = false; refresh(); } });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchReconnect);
  else watchReconnect();

  return {
    // The scan workspace is live: who scans, how many scans may wait, and what to replay.
    attach: function (dotnet, options) {
      ref = dotnet;
      generation++;
      replaying = false;
      user = options.user;
      gln = options.gln;
      limit = options.limit || 200;
      connected = true;
      notice = null;
      return refresh().then(function () { replay(); return count; });
    },
    detach: function () { ref = null; generation++; },
    // The action chosen in the workspace, so that a scan queued offline keeps it.
    setContext: function (c) { context = c; },
    queuedCount: function () { return queued().then(function (items) { return items.length; }); }
  };
})();
