package org.concord.demo;

/** An answer of the gateway other than the one the demo expected, with its problem+json detail. */
class ConcordApiException extends RuntimeException {

    private final int status;

    ConcordApiException(String request, int status, String body) {
        super(request + " answered " + status + ": " + body);
        this.status = status;
    }

    int status() {
        return status;
    }
}
