package org.concord.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * An event handler that fails makes its processor stop and try the event again, never skip it. Axon's default
 * ({@code LoggingErrorHandler}) logs the failure and goes on to the next event, and the segment's token then passes
 * the event: a comment posted just before the embedded MongoDB was killed was in the event store, acknowledged, and
 * missing from the comments read model for good (until a rebuild), because the projection's write failed while the
 * database was down. Propagated, the failure aborts the batch before its token is stored; the pooled streaming
 * processor tries the segment again after a back-off, from the last stored token, and the idempotent handlers make the
 * events handled before the failure no different. A handler that fails on every attempt holds its segment back (the
 * projection lag shows it) rather than lose what it was to record.
 */
public final class HandlerFailuresRetried {

    private HandlerFailuresRetried() {
    }

    /** For every processing group of a service, unless one registers a handler of its own. */
    public static ConfigurerModule everywhere() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance()));
    }
}
