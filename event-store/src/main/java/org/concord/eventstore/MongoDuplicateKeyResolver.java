package org.concord.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that a MongoDB duplicate-key error is a duplicate-key violation, so that a clash on the
 * unique (aggregate, sequence) key becomes a {@code ConcurrencyException}.
 */
public final class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        if (exception instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(error -> isDuplicateKey(error.getCode()));
        }
        if (exception instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (exception instanceof MongoServerException server) {
            return isDuplicateKey(server.getCode());
        }
        return false;
    }

    private static boolean isDuplicateKey(int code) {
        return ErrorCategory.fromErrorCode(code) == ErrorCategory.DUPLICATE_KEY;
    }
}
