package org.concord.gateway;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * How many event loops the gateway's server and its client to the services share: {@code concord.gateway.event-loops}
 * ({@code CONCORD_GATEWAY_EVENT_LOOPS}), one by default. Reactor Netty would start one per core, at least four; on
 * Concord's two-core machine, beside the four other services, a proxied request then waited for a core at more hops:
 * with one loop the gateway's p99 on a warm read fell from 4.4–8.1 to 3.0–3.8 ms, and bench deadline-day kept its
 * throughput (docs/benchmarks.md). A gateway alone on a larger machine may be given more.
 *
 * <p>Reactor Netty reads the count once, from the system property {@code reactor.netty.ioWorkerCount}, when its first
 * loops are made; it is set here, once the settings are read and before the server or any client exists. A
 * {@code -Dreactor.netty.ioWorkerCount} given to the JVM is left as it is.
 */
final class EventLoops implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String SETTING = "concord.gateway.event-loops";
    static final String REACTOR_PROPERTY = "reactor.netty.ioWorkerCount";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (System.getProperty(REACTOR_PROPERTY) == null) {
            System.setProperty(REACTOR_PROPERTY, Integer.toString(count(event.getEnvironment())));
        }
    }

    /** The loops the settings ask for: a whole number from 1. */
    static int count(Environment environment) {
        String value = environment.getProperty(SETTING, "1").strip();
        try {
            int count = Integer.parseInt(value);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the setting's name
        }
        throw new IllegalArgumentException(SETTING + " (CONCORD_GATEWAY_EVENT_LOOPS) must be a whole number from 1, not '"
                + value + "'");
    }
}
