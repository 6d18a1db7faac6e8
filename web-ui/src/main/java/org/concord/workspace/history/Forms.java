package org.concord.workspace.history;

import java.util.List;

/** The two forms of the history pages, which work without JavaScript (GET), and their errors. */
final class Forms {

    private Forms() {
    }

    /**
     * "Compare two versions": {@code /consultations/{id}/diff?from=&to=}.
     *
     * @param fromError what is wrong with {@code from}, or empty
     * @param toError   what is wrong with {@code to}, or empty
     */
    record Compare(String action, List<Option> from, List<Option> to, String fromError, String toError) {

        public boolean fromInvalid() {
            return !fromError.isEmpty();
        }

        public boolean toInvalid() {
            return !toError.isEmpty();
        }
    }

    record Option(String value, String label, boolean selected) {
    }

    /**
     * "The text at a date and time": {@code /consultations/{id}/text?asOf=}.
     *
     * @param value the value to show in the field (what the reader sent, or empty)
     * @param error what is wrong with it, or empty
     */
    record AsOf(String action, String value, String error) {

        public boolean invalid() {
            return !error.isEmpty();
        }
    }

    /** An entry of a GOV.UK error summary: the message, and the field it is about. */
    record Error(String message, String href) {
    }
}
