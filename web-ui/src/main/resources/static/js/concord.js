// Concord's pages work without JavaScript. This only enhances them; it holds no token and no text of its own.
(function () {
    'use strict';
    // A form error summary takes the focus, so that a screen reader reads it first.
    document.addEventListener('DOMContentLoaded', function () {
        var summary = document.querySelector('.error-summary');
        if (summary) {
            summary.focus();
        }
    });

    // A part of a page loaded in place by htmx (the timeline's next page) takes the focus, as a new page would:
    // the keyboard goes on from its start and a screen reader reads it, instead of the focus being lost with
    // the link that was replaced.
    document.addEventListener('htmx:afterSettle', function (event) {
        var part = event.detail && event.detail.elt;
        if (part && part.id && part.getAttribute('tabindex') === '-1') {
            part.focus();
        }
    });

    // The live panel of a consultation's pages (layout :: consultationHeader): the relay's events, each the HTML
    // of one update, are put at the top of its list (a polite role="log"). The browser's EventSource reconnects
    // by itself when a stream ends, with the last id it received, so nothing is missed or shown twice; when it
    // gives up (the server answered an error), a new one resumes after that id a few times, waiting longer each
    // time, then the panel says it stopped and offers to reload. The state is said in words, outside the log.
    var MAX_ITEMS = 8;
    var MAX_RESTARTS = 5;

    function live(panel) {
        var status = panel.querySelector('[data-live-status]');
        var reload = panel.querySelector('[data-live-reload]');
        var empty = panel.querySelector('[data-live-empty]');
        var log = panel.querySelector('[data-live-log]');
        var items = panel.querySelector('[data-live-items]');
        var lastId = null;
        var restarts = 0;

        function show(state) {
            status.textContent = panel.getAttribute('data-live-' + state);
            status.setAttribute('data-state', state);
            reload.hidden = state !== 'stopped';
        }

        function url() {
            var address = new URL(panel.getAttribute('data-live-url'), window.location.href);
            if (lastId !== null) {
                address.searchParams.set('after', lastId);
            }
            return address.toString();
        }

        function add(html) {
            var template = document.createElement('template');
            template.innerHTML = html;
            items.insertBefore(template.content, items.firstChild);
            while (items.children.length > MAX_ITEMS) {
                items.removeChild(items.lastElementChild);
            }
            empty.hidden = true;
        }

        function connect() {
            var source = new EventSource(url());
            source.onopen = function () {
                restarts = 0;
                show('live');
            };
            source.onmessage = function (event) {
                if (event.lastEventId) {
                    lastId = event.lastEventId;
                }
                if (event.data) {
                    add(event.data);
                }
            };
            source.onerror = function () {
                if (source.readyState === EventSource.CONNECTING) {
                    show('reconnecting');
                    return;
                }
                source.close();
                if (restarts >= MAX_RESTARTS) {
                    show('stopped');
                    return;
                }
                show('reconnecting');
                restarts += 1;
                window.setTimeout(connect, 1000 * Math.pow(2, restarts));
            };
        }

        if (!window.EventSource || !window.URL) {
            return;
        }
        show('connecting');
        log.hidden = false;
        empty.hidden = false;
        connect();
    }

    document.addEventListener('DOMContentLoaded', function () {
        var panels = document.querySelectorAll('[data-live]');
        for (var i = 0; i < panels.length; i++) {
            live(panels[i]);
        }
    });
})();
