// The provenance page works without JavaScript. This only lets Escape hide a passage's description
// (WCAG 1.4.13: content shown on hover or focus can be dismissed) until the pointer or focus moves on.
(function () {
    'use strict';
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') {
            document.body.classList.add('src-tips-dismissed');
        }
    });
    function restore() {
        document.body.classList.remove('src-tips-dismissed');
    }
    document.addEventListener('focusin', restore);
    document.addEventListener('mouseover', function (event) {
        if (event.target.closest && event.target.closest('.src')) {
            restore();
        }
    });
})();
