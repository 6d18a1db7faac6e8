package org.concord.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds back the {@link ChunkedEntries} appends of a batch of events until the batch's last event has been handled,
 * then writes them together. A consultation's timeline and the audit trails are each kept by one thread (one
 * sequence), and with every append a lookup and a write or two to the store, under a deadline-day load that thread
 * fell tens of seconds behind, waiting on the store (issue #17).
 * <p>
 * The entries are written inside the handling of the batch's last event, so before the processor stores the batch's
 * progress, which it does when the batch's unit of work commits: a crash between the two delivers the batch again,
 * and appending is idempotent. A batch that fails is rolled back with what it held back, and handled again.
 */
public final class BatchedAppends implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String PENDING = BatchedAppends.class.getName();

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Map<ChunkedEntries, List<ChunkedEntries.Pending>> pending = unitOfWork.root().getOrComputeResource(PENDING, key -> new LinkedHashMap<>());
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            unitOfWork.root().resources().remove(PENDING);
            pending.forEach(ChunkedEntries::write);
        }
        return result;
    }

    /** The appends of {@code entries} held back in the batch being handled; null outside one, where they are written at once. */
    static List<ChunkedEntries.Pending> pendingOf(ChunkedEntries entries) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<ChunkedEntries, List<ChunkedEntries.Pending>> pending = CurrentUnitOfWork.get().root().getResource(PENDING);
        return pending == null ? null : pending.computeIfAbsent(entries, key -> new ArrayList<>());
    }
}
