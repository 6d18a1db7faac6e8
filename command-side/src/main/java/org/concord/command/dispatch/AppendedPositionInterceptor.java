package org.concord.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Wraps every command's result with the position its events got in the event store. The events are
 * appended when the unit of work commits, after the handler returned, so the outcome carries a tracker
 * that the store's commit hook ({@link UnitOfWorkCommitHook}) fills in; the caller reads it once the
 * command has completed. The result is also kept for the hook, which gives it to the store to keep with
 * a commit made under an Idempotency-Key.
 */
class AppendedPositionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        AppendedPosition appended = AppendedPosition.track(unitOfWork);
        Object result = chain.proceed();
        UnitOfWorkCommitHook.keepResult(unitOfWork, result);
        return new CommandOutcome(result, appended);
    }
}
