package org.concord.command.deadline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineException;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Axon's DeadlineManager on MongoDB: each deadline is a document of the {@code deadlines} collection, so it survives
 * a restart and fires late when it came due while no command side ran. Every command side polls for due deadlines
 * and claims each with one atomic update (its owner id and a lease), so exactly one of them fires it; a deadline whose
 * claimant died before it was done is claimed again once the lease has run out. A fired deadline is removed.
 * Firing follows Axon's own managers: the deadline message goes through the handler interceptors in a unit of work,
 * to the scope (the aggregate) it was scheduled in. A deadline that fails is tried again after the lease, up to
 * {@link #MAX_ATTEMPTS} times, then kept as FAILED for an operator to see.
 * <p>
 * JobRunr's MongoDB storage (what Axon's JobRunrDeadlineManager needs) does not start on the embedded
 * mongo-java-server: its index migration fails there (see the command side's README).
 */
public class MongoDeadlineManager extends AbstractDeadlineManager {

    public static final String COLLECTION = "deadlines";
    static final int MAX_ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    private static final String SCHEDULED = "SCHEDULED";
    private static final String FAILED = "FAILED";

    private final MongoCollection<Document> deadlines;
    private final ScopeAwareProvider scopes;
    private final Serializer serializer;
    private final TransactionManager transactionManager;
    private final Duration pollInterval;
    private final Duration lease;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private ScheduledExecutorService poller;

    public MongoDeadlineManager(MongoDatabase database, ScopeAwareProvider scopes, Serializer serializer,
                                TransactionManager transactionManager, Duration pollInterval, Duration lease, Clock clock) {
        this.deadlines = database.getCollection(COLLECTION);
        this.scopes = scopes;
        this.serializer = serializer;
        this.transactionManager = transactionManager;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.clock = clock;
        deadlines.createIndex(Indexes.ascending("state", "dueAt"));
    }

    /** Starts polling for due deadlines; the first poll fires those that came due while no command side ran. */
    public synchronized void start() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "deadlines-" + owner.substring(0, 8));
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void shutdown() {
        if (poller != null) {
            poller.shutdown();
            try {
                poller.awaitTermination(pollInterval.toMillis() + lease.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message = GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        String scheduleId = UUID.randomUUID().toString();
        runOnPrepareCommitOrNow(() -> deadlines.insertOne(document(scheduleId, processDispatchInterceptors(message), deadlineScope,
                triggerDateTime)));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteOne(Filters.and(Filters.eq("_id", scheduleId),
                Filters.eq("deadlineName", deadlineName))));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.and(Filters.eq("deadlineName", deadlineName),
                Filters.eq("state", SCHEDULED))));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.and(Filters.eq("deadlineName", deadlineName),
                Filters.eq("scopeDescription", scope.scopeDescription()), Filters.eq("state", SCHEDULED))));
    }

    /** Fires every deadline due now that no other command side holds; answers how many fired. */
    int fireDueDeadlines() {
        int fired = 0;
        for (Document claimed = claimNext(); claimed != null; claimed = claimNext()) {
            if (fire(claimed)) {
                fired++;
            }
        }
        return fired;
    }

    private void pollSafely() {
        try {
            fireDueDeadlines();
        } catch (RuntimeException failure) {
            log.warn("Polling the deadlines failed; trying again in {}", pollInterval, failure);
        }
    }

    private Document claimNext() {
        Instant now = clock.instant();
        Bson due = Filters.and(Filters.eq("state", SCHEDULED), Filters.lte("dueAt", Date.from(now)),
                Filters.or(Filters.eq("claimedUntil", null), Filters.lt("claimedUntil", Date.from(now))));
        return deadlines.findOneAndUpdate(due,
                Updates.combine(Updates.set("claimedBy", owner), Updates.set("claimedUntil", Date.from(now.plus(lease))),
                        Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Indexes.ascending("dueAt")).returnDocument(ReturnDocument.AFTER));
    }

    private boolean fire(Document claimed) {
        String scheduleId = claimed.getString("_id");
        try {
            execute(message(claimed), deserialize(claimed.get("scope", Document.class)));
            deadlines.deleteOne(Filters.and(Filters.eq("_id", scheduleId), Filters.eq("claimedBy", owner)));
            return true;
        } catch (RuntimeException failure) {
            int attempts = claimed.getInteger("attempts", 1);
            log.warn("Deadline {} ({}) failed, attempt {} of {}", claimed.getString("deadlineName"), scheduleId, attempts,
                    MAX_ATTEMPTS, failure);
            if (attempts >= MAX_ATTEMPTS) {
                deadlines.updateOne(Filters.eq("_id", scheduleId), Updates.combine(Updates.set("state", FAILED),
                        Updates.set("error", String.valueOf(failure.getMessage()))));
            }
            return false;
        }
    }

    /** As Axon's own managers fire a deadline: in a unit of work, through the handler interceptors, to its scope. */
    private void execute(DeadlineMessage<?> message, ScopeDescriptor scope) {
        UnitOfWork<DeadlineMessage<?>> unitOfWork = new DefaultUnitOfWork<>(message);
        unitOfWork.attachTransaction(transactionManager);
        DefaultInterceptorChain<DeadlineMessage<?>> chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(),
                intercepted -> {
                    scopes.provideScopeAwareStream(scope)
                            .filter(component -> component.canResolve(scope))
                            .forEach(component -> {
                                try {
                                    component.send(intercepted, scope);
                                } catch (Exception failure) {
                                    throw new DeadlineException("Failed to send deadline " + message.getDeadlineName() + " to "
                                            + scope.scopeDescription(), failure);
                                }
                            });
                    return null;
                });
        ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
        if (result.isExceptional()) {
            throw new DeadlineException("Failed to fire deadline " + message.getDeadlineName(), result.exceptionResult());
        }
    }

    private Document document(String scheduleId, DeadlineMessage<?> message, ScopeDescriptor scope, Instant dueAt) {
        return new Document("_id", scheduleId)
                .append("deadlineName", message.getDeadlineName())
                .append("dueAt", Date.from(dueAt))
                .append("state", SCHEDULED)
                .append("attempts", 0)
                .append("scopeDescription", scope.scopeDescription())
                .append("scope", serialized(scope))
                .append("messageId", message.getIdentifier())
                .append("timestamp", Date.from(message.getTimestamp()))
                .append("payload", message.getPayload() == null ? null : serialized(message.getPayload()))
                .append("metaData", serialized(message.getMetaData()));
    }

    @SuppressWarnings("unchecked")
    private DeadlineMessage<?> message(Document stored) {
        Document payload = stored.get("payload", Document.class);
        MetaData metaData = deserialize(stored.get("metaData", Document.class));
        return new GenericDeadlineMessage<>(stored.getString("deadlineName"), stored.getString("messageId"),
                payload == null ? null : deserialize(payload), metaData, stored.getDate("timestamp").toInstant());
    }

    private Document serialized(Object object) {
        SerializedObject<String> serialized = serializer.serialize(object, String.class);
        return new Document("type", serialized.getType().getName())
                .append("revision", serialized.getType().getRevision())
                .append("data", serialized.getData());
    }

    private <T> T deserialize(Document serialized) {
        return serializer.deserialize(new SimpleSerializedObject<>(serialized.getString("data"), String.class,
                serialized.getString("type"), serialized.getString("revision")));
    }
}
