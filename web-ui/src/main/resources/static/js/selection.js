// Selecting words of a provision on the text page, with the mouse or the keyboard, then commenting on them or
// proposing an amendment from them. Only an enhancement: without it, each provision keeps its plain links. The
// page gives the sentences (#selection-kit), the toolbar's links (#selection-toolbar) and the live region
// (#selection-status); this file holds no text of its own.
(function () {
    'use strict';

    // The words a comment's anchor and an amendment's selection count, from 0, with their UTF-16 offsets: the
    // definition of docs/api.md ("Comments on words"), which the API's tokenizer implements (consultation/Words.java
    // uses it): a run of letters, digits and marks, with inner apostrophes and hyphens; any other character
    // (punctuation, a symbol, an emoji, a Chinese or Japanese character) on its own; white space between.
    // Change both together, or neither.
    var SPACE = /^\p{White_Space}+$/u;
    var LETTER = /^[\p{L}\p{N}\p{M}]/u;
    var HAN_KANA = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

    function characters(text) {
        if (typeof Intl !== 'undefined' && Intl.Segmenter) {
            return Array.from(new Intl.Segmenter('und', {granularity: 'grapheme'}).segment(text), function (s) {
                return s.segment;
            });
        }
        return Array.from(text); // code points: a browser without Intl.Segmenter may split an emoji sequence
    }

    function words(text) {
        var chars = characters(text);
        var letter = function (c) {
            return c !== undefined && LETTER.test(c) && !HAN_KANA.test(c);
        };
        var joiner = function (c) {
            return c === "'" || c === '\u2019' || c === '-';
        };
        var found = [];
        var at = 0;
        var offset = 0;
        var take = function () {
            offset += chars[at].length;
            at++;
        };
        while (at < chars.length) {
            if (SPACE.test(chars[at])) {
                take();
                continue;
            }
            var start = offset;
            var isLetter = letter(chars[at]);
            take();
            while (isLetter && (letter(chars[at]) || joiner(chars[at]) && letter(chars[at + 1]))) {
                if (!letter(chars[at])) {
                    take();
                }
                take();
            }
            found.push({start: start, end: offset});
        }
        return found;
    }

    function fill(pattern, values) {
        return pattern.replace(/\{(\d)\}/g, function (all, index) {
            return values[Number(index)];
        });
    }

    // The amendment form opened from a selection: the selected words are selected in the wording's field, so
    // that what the delegate types replaces them.
    function selectInWording(field) {
        var from = Number(field.getAttribute('data-select-from'));
        var to = Number(field.getAttribute('data-select-to'));
        if (document.querySelector('.error-summary')) {
            return;
        }
        field.focus();
        field.setSelectionRange(from, to);
    }

    function textPage(kit) {
        var version = kit.getAttribute('data-version');
        var status = document.getElementById('selection-status');
        var toolbarTemplate = document.getElementById('selection-toolbar');
        var current = null;

        function say(sentence) {
            // emptied first, so that the same sentence twice is said twice
            status.textContent = '';
            window.setTimeout(function () {
                status.textContent = sentence;
            }, 50);
        }

        function Provision(body) {
            this.body = body;
            this.id = body.getAttribute('data-provision-id');
            this.text = body.textContent;
            this.words = words(this.text);
            this.spans = [];
            this.caret = 0;
            this.anchor = 0;
            this.selecting = false;
            this.toolbar = null;
            this.toggle = this.makeToggle();
        }

        // Each word in a span of its own, the white space between them as it was: the text reads the same. Done
        // when the provision is first selected in, so that a long text costs nothing until then.
        Provision.prototype.wrap = function () {
            if (this.spans.length > 0 || this.words.length === 0) {
                return;
            }
            var fragment = document.createDocumentFragment();
            var at = 0;
            var self = this;
            this.words.forEach(function (word, index) {
                if (word.start > at) {
                    fragment.appendChild(document.createTextNode(self.text.slice(at, word.start)));
                }
                var span = document.createElement('span');
                span.className = 'word';
                span.setAttribute('data-word', String(index));
                span.textContent = self.text.slice(word.start, word.end);
                fragment.appendChild(span);
                self.spans.push(span);
                at = word.end;
            });
            if (at < this.text.length) {
                fragment.appendChild(document.createTextNode(this.text.slice(at)));
            }
            this.body.textContent = '';
            this.body.appendChild(fragment);
        };

        Provision.prototype.makeToggle = function () {
            var self = this;
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'button button--secondary selection-toggle';
            button.textContent = kit.getAttribute('data-toggle');
            button.setAttribute('aria-label', this.body.getAttribute('data-select-name'));
            button.setAttribute('aria-pressed', 'false');
            button.addEventListener('click', function () {
                if (self.selecting) {
                    self.leave(true);
                } else {
                    self.enter();
                }
            });
            var help = document.createElement('p');
            help.className = 'hint selection-help';
            help.id = 'selection-help-' + this.id;
            help.textContent = kit.getAttribute('data-help');
            help.hidden = true;
            this.help = help;
            var holder = document.createElement('p');
            holder.className = 'selection-controls';
            holder.appendChild(button);
            this.body.parentNode.insertBefore(holder, this.body.nextSibling);
            holder.parentNode.insertBefore(help, holder.nextSibling);
            this.body.addEventListener('keydown', function (event) {
                self.key(event);
            });
            return button;
        };

        Provision.prototype.range = function () {
            return {start: Math.min(this.anchor, this.caret), end: Math.max(this.anchor, this.caret)};
        };

        Provision.prototype.enter = function () {
            if (current && current !== this) {
                current.clear();
                current.leave(false);
            }
            current = this;
            this.wrap();
            this.selecting = true;
            this.toggle.setAttribute('aria-pressed', 'true');
            this.body.classList.add('provision__body--selecting');
            this.body.setAttribute('tabindex', '0');
            this.body.setAttribute('aria-describedby', this.help.id);
            this.help.hidden = false;
            this.body.focus();
            this.show();
        };

        Provision.prototype.leave = function (focusToggle) {
            this.selecting = false;
            this.toggle.setAttribute('aria-pressed', 'false');
            this.body.classList.remove('provision__body--selecting');
            this.body.removeAttribute('tabindex');
            this.body.removeAttribute('aria-describedby');
            this.help.hidden = true;
            this.spans.forEach(function (span) {
                span.classList.remove('word--caret', 'word--caret-end');
            });
            if (focusToggle) {
                this.toggle.focus();
                say(kit.getAttribute('data-left'));
            }
        };

        Provision.prototype.clear = function () {
            this.anchor = this.caret;
            this.show();
        };

        Provision.prototype.key = function (event) {
            if (!this.selecting) {
                return;
            }
            var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
            if (step !== 0) {
                event.preventDefault();
                this.caret = Math.max(0, Math.min(this.words.length, this.caret + step));
                if (!event.shiftKey) {
                    this.anchor = this.caret;
                }
                this.show();
                this.announce();
            } else if (event.key === 'Escape') {
                event.preventDefault();
                this.clear();
                this.leave(true);
            }
        };

        // The selected words highlighted (a background and an underline), the caret a bar before its word.
        Provision.prototype.show = function () {
            var range = this.range();
            var caret = this.caret;
            var selecting = this.selecting;
            this.spans.forEach(function (span, index) {
                span.classList.toggle('word--selected', index >= range.start && index < range.end);
                span.classList.toggle('word--caret', selecting && index === caret);
                span.classList.toggle('word--caret-end', selecting && caret === index + 1 && caret === this.length);
            }, this.spans);
            this.showToolbar(range);
        };

        Provision.prototype.quote = function (range) {
            return this.text.slice(this.words[range.start].start, this.words[range.end - 1].end);
        };

        Provision.prototype.announce = function () {
            var range = this.range();
            if (range.end > range.start) {
                var count = range.end - range.start;
                say(count === 1 ? fill(kit.getAttribute('data-one'), [this.quote(range)])
                    : fill(kit.getAttribute('data-many'), [String(count), this.quote(range)]));
            } else if (this.caret < this.words.length) {
                say(fill(kit.getAttribute('data-caret'), [String(this.caret + 1), String(this.words.length),
                    this.text.slice(this.words[this.caret].start, this.words[this.caret].end)]));
            }
        };

        // The toolbar sits right after the provision's text, so that Tab reaches it from the selection.
        Provision.prototype.showToolbar = function (range) {
            if (range.end <= range.start) {
                if (this.toolbar) {
                    this.toolbar.remove();
                    this.toolbar = null;
                }
                return;
            }
            if (!this.toolbar) {
                this.toolbar = toolbarTemplate.content.firstElementChild.cloneNode(true);
                this.body.parentNode.insertBefore(this.toolbar, this.body.nextSibling);
            }
            var id = encodeURIComponent(this.id);
            var where = '&version=' + version + '&selStart=' + range.start + '&selEnd=' + range.end;
            var hrefs = {
                comment: kit.getAttribute('data-comment-href') + '?provisionId=' + id + '&anchorVersion=' + version
                    + '&anchorStart=' + range.start + '&anchorEnd=' + range.end,
                replace: kit.getAttribute('data-amend-href') + '?provisionId=' + id + '&kind=REPLACE' + where,
                insert: kit.getAttribute('data-amend-href') + '?provisionId=' + id + '&kind=INSERT_AFTER',
                'delete': kit.getAttribute('data-amend-href') + '?provisionId=' + id + '&kind=DELETE'
            };
            Array.prototype.forEach.call(this.toolbar.querySelectorAll('a[data-action]'), function (link) {
                link.setAttribute('href', hrefs[link.getAttribute('data-action')]);
            });
        };

        // A selection made with the mouse (or a touch): the words it touches, even in part.
        Provision.prototype.fromRange = function (range) {
            var before = document.createRange();
            before.selectNodeContents(this.body);
            before.setEnd(range.startContainer, range.startOffset);
            var from = before.toString().length;
            var to = from + range.toString().length;
            var first = -1;
            var last = -1;
            this.words.forEach(function (word, index) {
                if (word.end > from && word.start < to) {
                    if (first < 0) {
                        first = index;
                    }
                    last = index;
                }
            });
            if (first < 0) {
                return;
            }
            if (current && current !== this) {
                current.clear();
                current.leave(false);
            }
            current = this;
            this.wrap();
            this.anchor = first;
            this.caret = last + 1;
            this.show();
            this.announce();
        };

        var provisions = [];
        Array.prototype.forEach.call(document.querySelectorAll('.provision__body[data-provision-id]'), function (body) {
            provisions.push(new Provision(body));
        });

        document.addEventListener('mouseup', function () {
            var selection = window.getSelection();
            if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
                return;
            }
            var range = selection.getRangeAt(0);
            provisions.forEach(function (provision) {
                if (provision.body.contains(range.startContainer) && provision.body.contains(range.endContainer)) {
                    provision.fromRange(range);
                }
            });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var kit = document.getElementById('selection-kit');
        if (kit) {
            textPage(kit);
        }
        var wording = document.querySelector('textarea[data-select-from]');
        if (wording) {
            selectInWording(wording);
        }
    });
}());
