package org.concord.workspace.consultation;

/**
 * What js/selection.js needs to offer a reader who may comment the selection of words in a provision: the
 * version the page shows (a selection's words are counted in it, see {@link Words}) and whether the reader may
 * also propose amendments from it.
 */
public record Selection(int version, boolean propose) {

    static Selection of(int version, boolean propose) {
        return new Selection(version, propose);
    }
}
