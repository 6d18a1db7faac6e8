package org.concord.query.scaling;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /actuator/processors} on a query-side process: which segments of each projection this
 * process holds, how far each has got, and how many it may hold; for operators, and to see the
 * segments split between several processes. The query side's port is internal: the gateway does not
 * route {@code /actuator}.
 */
@Component
@Endpoint(id = "processors")
class ProcessorsEndpoint {

    private final EventProcessingConfiguration processing;
    private final QueryInstances instances;

    ProcessorsEndpoint(EventProcessingConfiguration processing, QueryInstances instances) {
        this.processing = processing;
        this.instances = instances;
    }

    @ReadOperation
    Status processors() {
        Map<String, Processor> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                List<Segment> segments = streaming.processingStatus().values().stream()
                        .map(Segment::of)
                        .sorted((a, b) -> Integer.compare(a.segment(), b.segment()))
                        .toList();
                processors.put(name, new Processor(streaming.isRunning(), instances.fairShare(name), segments));
            }
        });
        return new Status(instances.name(), instances.live(), processors);
    }

    /** This process, how many query-side processes are alive, and its processors. */
    record Status(String instance, int liveInstances, Map<String, Processor> processors) {
    }

    /** One processor in this process: the segments it holds and how many it may hold. */
    record Processor(boolean running, int maxClaimedSegments, List<Segment> segments) {
    }

    /** One claimed segment: the last position it handled, whether it is at the head, or replaying. */
    record Segment(int segment, Long position, boolean caughtUp, boolean replaying, boolean error) {

        static Segment of(EventTrackerStatus status) {
            return new Segment(status.getSegment().getSegmentId(),
                    status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null,
                    status.isCaughtUp(), status.isReplaying(), status.isErrorState());
        }
    }
}
