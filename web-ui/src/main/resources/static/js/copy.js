// The token page's copy button: shown only where the clipboard can be written; without it (or without
// JavaScript) the token stays in a read-only field to select and copy.
(function () {
    'use strict';
    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[data-copy]').forEach(function (button) {
            var field = document.getElementById(button.getAttribute('data-copy'));
            var status = document.getElementById('copy-status');
            if (!field || !navigator.clipboard || !window.isSecureContext) {
                return;
            }
            button.hidden = false;
            button.addEventListener('click', function () {
                navigator.clipboard.writeText(field.value).then(function () {
                    status.textContent = button.getAttribute('data-copied');
                });
            });
        });
    });
})();
