package org.concord.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.concord.eventstore.SafeEventLog;
import org.concord.query.progress.ProjectionProgress;
import org.concord.query.scaling.QueryInstances;
import org.concord.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds every read model from the event store: the projections' processors are reset to the first
 * event and fill a new generation of the read model collections while reads keep answering from the
 * current one; once every processor has passed the position that was the head when the rebuild
 * started, reads switch to the new generation. The state is stored, so a rebuild interrupted by a
 * restart continues and its progress can be read from any query-side process. The progress is read from
 * the token store, so it counts the segments every process holds. A rebuild starts only while this
 * process is the only query-side process alive: resetting the projections needs every segment, and
 * stopping the other processes' processors is left to the operator (docs/operations.md).
 */
@Component
public class ReadModelRebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String STATE = "readModelRebuilds";
    private static final String ID = "latest";
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    /** Far longer than a {@link #TICK}, by which every process has seen a switch of generation. */
    private static final Duration RETIRE_AFTER = Duration.ofSeconds(5);

    private final ReadModels readModels;
    private final EventProcessingConfiguration processing;
    private final SafeEventLog eventStore;
    private final ProjectionProgress progress;
    private final QueryInstances instances;
    private final MongoCollection<StoredRebuild> state;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant loggedAt = Instant.MIN;

    public ReadModelRebuild(ReadModels readModels, EventProcessingConfiguration processing,
                            SafeEventLog eventStore, ProjectionProgress progress,
                            QueryInstances instances, MongoDatabase concordDatabase) {
        this.readModels = readModels;
        this.processing = processing;
        this.eventStore = eventStore;
        this.progress = progress;
        this.instances = instances;
        this.state = concordDatabase.getCollection(STATE, StoredRebuild.class);
        monitor.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts a rebuild; a 409 problem while one runs. */
    public synchronized RebuildStatus start() {
        readModels.refresh();
        if (readModels.rebuilding()) {
            throw ProblemException.conflict("A rebuild of the read models is already running: GET /api/admin/replay shows its progress.");
        }
        int alive = instances.live();
        if (alive > 1) {
            throw ProblemException.conflict(alive + " query-side processes are running, and a rebuild needs every segment of "
                    + "the projections: stop all query-side processes but one, rebuild, then start the others again.");
        }
        RebuildStatus previous = status();
        long total = eventStore.headPosition();
        int generation = readModels.beginNextGeneration();
        RebuildStatus started = new RebuildStatus(RebuildStatus.State.RUNNING, 0, total, generation, clock.instant(), null);
        store(started);
        log.info("Rebuilding the read models into generation {} from {} event positions", generation, total);
        List<StreamingEventProcessor> processors = processors();
        processors.forEach(processor -> processor.shutdownAsync().join());
        try {
            processors.forEach(StreamingEventProcessor::resetTokens);
        } catch (RuntimeException e) {
            // typically another query-side process still holds segments: nothing was reset, so go on as before
            log.warn("Could not reset the projections' tokens; the rebuild is abandoned", e);
            readModels.abandonNextGeneration();
            store(previous);
            throw ProblemException.conflict("The read models could not be reset for a rebuild: another query-side "
                    + "process may hold some of their segments. Rebuild with one query-side process running.");
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
        return started;
    }

    /** The latest rebuild, with its progress; IDLE when there never was one. */
    public RebuildStatus status() {
        StoredRebuild stored = state.find(Filters.eq("_id", ID)).first();
        if (stored == null) {
            return RebuildStatus.IDLE;
        }
        RebuildStatus status = stored.status();
        return status.state() == RebuildStatus.State.RUNNING ? status.withProcessed(Math.min(progress.lowestPosition(), status.total())) : status;
    }

    private synchronized void tick() {
        try {
            readModels.refresh();
            readModels.dropRetired(clock.instant(), RETIRE_AFTER);
            if (!readModels.rebuilding()) {
                return;
            }
            RebuildStatus running = status();
            if (running.state() != RebuildStatus.State.RUNNING) {
                return;
            }
            boolean done = running.processed() >= running.total() && processors().stream().noneMatch(StreamingEventProcessor::isReplaying);
            if (done) {
                readModels.finishGeneration(clock.instant());
                RebuildStatus finished = running.finished(clock.instant());
                store(finished);
                log.info("Rebuilt the read models: {} event positions in {} ms; reads now come from generation {}",
                        finished.total(), Duration.between(finished.startedAt(), finished.finishedAt()).toMillis(), finished.generation());
            } else if (!clock.instant().isBefore(loggedAt.plus(LOG_EVERY))) {
                loggedAt = clock.instant();
                log.info("Rebuilding the read models: {} of {} event positions", running.processed(), running.total());
            }
        } catch (RuntimeException e) {
            if (!monitor.isShutdown()) {
                log.warn("Could not check the rebuild's progress; trying again", e);
            }
        }
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    private void store(RebuildStatus status) {
        state.replaceOne(Filters.eq("_id", ID), StoredRebuild.of(status), new ReplaceOptions().upsert(true));
    }

    @Override
    public void destroy() {
        monitor.shutdownNow();
    }

    /**
     * What a rebuild did or does: positions processed of the total (the head of the event store when
     * it started), into which generation, since when, until when, and how fast it went once done.
     */
    public record RebuildStatus(State state, long processed, long total, int generation, @Nullable Instant startedAt,
                                @Nullable Instant finishedAt, @Nullable Long positionsPerSecond) {

        static final RebuildStatus IDLE = new RebuildStatus(State.IDLE, 0, 0, 0, null, null, null);

        public enum State { IDLE, RUNNING, DONE }

        RebuildStatus(State state, long processed, long total, int generation, Instant startedAt, Instant finishedAt) {
            this(state, processed, total, generation, startedAt, finishedAt, finishedAt == null ? null
                    : total * 1000 / Math.max(1, Duration.between(startedAt, finishedAt).toMillis()));
        }

        RebuildStatus withProcessed(long positions) {
            return new RebuildStatus(state, positions, total, generation, startedAt, finishedAt);
        }

        RebuildStatus finished(Instant at) {
            return new RebuildStatus(State.DONE, total, total, generation, startedAt, at);
        }
    }

    /**
     * The latest rebuild as stored, in one document (read and written by the record codec, which reads it by
     * reflection); its speed is worked out when read.
     */
    public record StoredRebuild(@BsonId String id, RebuildStatus.State state, long processed, long total, int generation,
                                @Nullable Instant startedAt, @Nullable Instant finishedAt) {

        static StoredRebuild of(RebuildStatus status) {
            return new StoredRebuild(ID, status.state(), status.processed(), status.total(), status.generation(), status.startedAt(),
                    status.finishedAt());
        }

        RebuildStatus status() {
            return new RebuildStatus(state, processed, total, generation, startedAt, finishedAt);
        }
    }
}
