package org.concord.command.dispatch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.concord.eventstore.CommitHook;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The command side's hook into the event store's commits, through the command's unit of work: the
 * command handler's result is kept with a commit made under an Idempotency-Key, so that a retry answers
 * with it; the position the commit took goes to the command's {@link AppendedPosition}, for the answer.
 */
@Component
class UnitOfWorkCommitHook implements CommitHook {

    private static final String RESULT = UnitOfWorkCommitHook.class.getName() + ".result";

    /** Keeps a command handler's result in its unit of work, for the store to keep with a keyed commit. */
    static void keepResult(UnitOfWork<?> unitOfWork, Object result) {
        if (result != null) {
            unitOfWork.root().resources().put(RESULT, result);
        }
    }

    @Override
    public Object resultOf(List<? extends EventMessage<?>> commit) {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(RESULT) : null;
    }

    @Override
    public void appended(List<? extends EventMessage<?>> commit, long highestPosition) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> {
            AppendedPosition tracked = AppendedPosition.trackedBy(unitOfWork);
            if (tracked != null) {
                tracked.record(highestPosition);
            }
        });
    }
}
