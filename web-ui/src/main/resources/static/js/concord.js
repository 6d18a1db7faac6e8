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
})();
