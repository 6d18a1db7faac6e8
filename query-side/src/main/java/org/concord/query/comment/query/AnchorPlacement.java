package org.concord.query.comment.query;

import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.consultation.Words;
import org.concord.query.comment.query.CommentView.AnchorStatus;
import org.concord.query.comment.query.CommentView.Current;
import org.concord.query.history.query.WordTrail;

import java.util.Optional;

/**
 * Places the words a comment is on in the current text, by following them through the word-level history
 * of their provision. Computed when read, from the comments and the history read models, so a rebuild of
 * either gives the same answer.
 */
final class AnchorPlacement {

    private AnchorPlacement() {
    }

    /**
     * The anchor as a reader sees it, {@code trail} being its provision's (null if the history has none) and
     * {@code version} the version the history has recorded. Until the history has recorded the anchor's
     * version, the anchor is answered as it was posted, which was then the current wording.
     */
    static CommentView.Anchor of(CommentAnchor anchor, WordTrail trail, int version) {
        Optional<WordTrail.Followed> followed = trail == null || version < anchor.version() ? Optional.empty()
                : trail.follow(anchor.version(), anchor.start(), anchor.end());
        if (followed.isEmpty()) {
            return answer(anchor, AnchorStatus.CURRENT, new Current(anchor.version(), anchor.start(), anchor.end(), anchor.quote()));
        }
        WordTrail.Followed now = followed.get();
        if (!now.anyLeft()) {
            return answer(anchor, AnchorStatus.REMOVED, null);
        }
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int place : now.places()) {
            if (place >= 0) {
                start = Math.min(start, place);
                end = Math.max(end, place + 1);
            }
        }
        String text = Words.quote(now.wording(), start, end);
        AnchorStatus status = !text.equals(anchor.quote()) ? AnchorStatus.CHANGED
                : start == anchor.start() && end == anchor.end() ? AnchorStatus.CURRENT : AnchorStatus.MOVED;
        return answer(anchor, status, new Current(version, start, end, text));
    }

    private static CommentView.Anchor answer(CommentAnchor anchor, AnchorStatus status, Current current) {
        return new CommentView.Anchor(anchor.version(), anchor.start(), anchor.end(), anchor.quote(), status, current);
    }
}
