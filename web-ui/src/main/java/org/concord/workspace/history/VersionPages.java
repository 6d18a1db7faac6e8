package org.concord.workspace.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of a long history shown a page at a time, newest first: one call to the API gives them
 * all, and the page shows {@link #SIZE} of them, so that 2,000 versions stay usable and cost one call.
 *
 * @param number the page shown, from 1
 * @param count  how many pages there are (at least 1)
 * @param first  the index, in the list oldest first, of the newest version shown
 * @param last   the index, in the list oldest first, of the oldest version shown
 */
record VersionPages(int number, int count, int first, int last) {

    static final int SIZE = 100;

    /**
     * The page asked for, among {@code total} versions; a page that is not a number or out of range gives
     * the nearest one, since a list of versions that has grown or a mistyped page number is no error.
     */
    static VersionPages of(String asked, int total, int size) {
        int count = Math.max(1, (total + size - 1) / size);
        int number;
        try {
            number = asked == null ? 1 : Integer.parseInt(asked.strip());
        } catch (NumberFormatException e) {
            number = 1;
        }
        number = Math.min(Math.max(number, 1), count);
        int first = total - 1 - (number - 1) * size;
        int last = Math.max(0, first - size + 1);
        return new VersionPages(number, count, first, last);
    }

    /** This page's items, newest first, from a list oldest first. */
    <T> List<T> slice(List<T> oldestFirst) {
        List<T> items = new ArrayList<>();
        for (int i = first; i >= last && i >= 0; i--) {
            items.add(oldestFirst.get(i));
        }
        return items;
    }

    boolean hasNewer() {
        return number > 1;
    }

    boolean hasOlder() {
        return number < count;
    }
}
