/**
 * The first-party tracking script served at /t/baton.js. Plain ES5 so every browser
 * runs it; no dependencies. It keeps an anonymous id (localStorage, with a cookie
 * fallback), queues events with client ids, and sends them in batches (sendBeacon on
 * page hide so the last events are not lost).
 */
export const TRACKER_SCRIPT = `(function () {
  'use strict';
  if (window.baton && window.baton.__loaded) return;
  var script = document.currentScript;
  var cfg = window.batonConfig || {};
  var writeKey = cfg.writeKey || (script && script.getAttribute('data-write-key'));
  var endpoint = (cfg.endpoint || (script && script.src ? new URL(script.src).origin : '')) + '/t/v1/batch';
  var KEY = 'baton_aid';
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === 'x' ? r : (r & 3) | 8).toString(16);
    });
  }
  function readCookie() {
    var m = document.cookie.match(/(?:^|; )baton_aid=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function anonymousId() {
    var id = null;
    try { id = localStorage.getItem(KEY); } catch (e) {}
    id = id || readCookie() || uuid();
    try { localStorage.setItem(KEY, id); } catch (e) {}
    document.cookie = KEY + '=' + encodeURIComponent(id) + '; path=/; max-age=31536000; SameSite=Lax';
    return id;
  }
  var aid = anonymousId();
  var queue = [];
  var timer = null;
  function send(useBeacon) {
    if (!queue.length || !writeKey) return;
    var events = queue.splice(0, 100);
    var body = JSON.stringify({ writeKey: writeKey, events: events });
    if (useBeacon && navigator.sendBeacon) {
      navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }));
    } else {
      fetch(endpoint, { method: 'POST', body: body, keepalive: true, headers: { 'content-type': 'text/plain' } })
        .then(function (r) { if (r.status >= 500) queue = events.concat(queue); })
        .catch(function () { queue = events.concat(queue); });
    }
    if (queue.length) send(useBeacon);
  }
  function schedule() {
    if (!timer) timer = setTimeout(function () { timer = null; send(false); }, 1000);
  }
  function track(type, properties, extra) {
    var e = { id: uuid(), type: type, occurredAt: new Date().toISOString(), anonymousId: aid, properties: properties || {} };
    if (extra) for (var k in extra) e[k] = extra[k];
    queue.push(e);
    schedule();
  }
  function page() {
    track('page_view', { path: location.pathname, title: document.title.slice(0, 200), referrer: document.referrer.slice(0, 500) });
  }
  function identify(email, traits) {
    if (!email) return;
    track('identify', { path: location.pathname }, { email: email, traits: traits || {} });
  }
  document.addEventListener('click', function (ev) {
    var el = ev.target && ev.target.closest ? ev.target.closest('[data-baton-track]') : null;
    if (el) track('click', { name: el.getAttribute('data-baton-track'), path: location.pathname });
  }, true);
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || form.hasAttribute('data-baton-ignore')) return;
    var input = form.querySelector('input[type=email], input[name=email]');
    var name = form.getAttribute('data-baton-form') || form.id || form.getAttribute('name') || 'form';
    if (input && input.value) identify(input.value);
    track('form_submit', { form: name, path: location.pathname });
    send(true);
  }, true);
  window.addEventListener('pagehide', function () { send(true); });
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') send(true); });
  window.baton = { __loaded: true, track: track, page: page, identify: identify, flush: function () { send(false); }, anonymousId: function () { return aid; } };
  if (cfg.autoPageView !== false) page();
})();
`;
