package org.concord.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The requests a client limit refused (429), counted as {@code concord.ratelimit.refusals} by {@code limit}. */
final class LimitRefusals {

    private LimitRefusals() {
    }

    /** The counter of one limit: {@code token}, {@code anonymous} or {@code feeds}. */
    static Counter counter(String limit, MeterRegistry meterRegistry) {
        return Counter.builder("concord.ratelimit.refusals")
                .description("Requests refused with 429 by a client limit of this gateway")
                .tag("limit", limit)
                .register(meterRegistry);
    }
}
