package org.concord.workspace.history;

import java.util.List;

/**
 * The two versions asked for on the diff page, read from the address: each is a version of the text, or
 * missing (400), or not a whole number (400), or a number that is no version of this text (404).
 *
 * @param from      the version compared from, or null if it is not one
 * @param to        the version compared to, or null if it is not one
 * @param fromError empty, or {@code missing}, {@code notNumber}, {@code unknown}
 * @param toError   the same for {@code to}
 */
record VersionChoice(Integer from, Integer to, String fromError, String toError) {

    static VersionChoice of(String from, String to, List<ApiHistory.Version> versions) {
        String fromError = error(from, versions);
        String toError = error(to, versions);
        return new VersionChoice(fromError.isEmpty() ? Integer.valueOf(from.strip()) : null,
                toError.isEmpty() ? Integer.valueOf(to.strip()) : null, fromError, toError);
    }

    boolean valid() {
        return from != null && to != null;
    }

    /** 400 when a value is missing or not a number, 404 when it is a number but no version, else 200. */
    int status() {
        if (isBad(fromError) || isBad(toError)) {
            return 400;
        }
        return valid() ? 200 : 404;
    }

    private static boolean isBad(String error) {
        return error.equals("missing") || error.equals("notNumber");
    }

    private static String error(String value, List<ApiHistory.Version> versions) {
        if (value == null || value.isBlank()) {
            return "missing";
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return "notNumber";
        }
        return versions.stream().anyMatch(version -> version.version() == number) ? "" : "unknown";
    }
}
