// The decisions board's keyboard shortcuts (listed on the page): j and k move between the amendments, r goes
// to the reason of the amendment in focus, m opens its merge editor. Single letters, so only when the focus is
// on the board and not in a field, and never with a modifier key (screen readers use those).
(function () {
    'use strict';
    document.addEventListener('DOMContentLoaded', function () {
        var board = document.querySelector('[data-decisions]');
        if (!board) {
            return;
        }
        var cards = Array.prototype.slice.call(board.querySelectorAll('[data-decision-card]'));

        function current() {
            var active = document.activeElement;
            return active ? active.closest('[data-decision-card]') : null;
        }

        function move(step) {
            if (cards.length === 0) {
                return;
            }
            var index = cards.indexOf(current());
            var next = index < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, index + step));
            cards[next].focus();
        }

        document.addEventListener('keydown', function (event) {
            var target = event.target;
            if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
                return;
            }
            if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) {
                return;
            }
            var card = current();
            if (event.key === 'j') {
                move(1);
            } else if (event.key === 'k') {
                move(-1);
            } else if (event.key === 'r' && card) {
                card.querySelector('[data-decision-reason]').focus();
            } else if (event.key === 'm' && card && card.querySelector('[data-decision-merge]')) {
                card.querySelector('[data-decision-merge]').click();
            } else {
                return;
            }
            event.preventDefault();
        });
    });
})();
