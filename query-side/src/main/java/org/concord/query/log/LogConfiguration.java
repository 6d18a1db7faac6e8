package org.concord.query.log;

import com.mongodb.client.MongoDatabase;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The verifiable log's storage and keys, which its builder and its endpoints share. */
@Configuration(proxyBeanMethods = false)
class LogConfiguration {

    @Bean
    LogKeys logKeys(LogProperties properties) {
        return LogKeys.open(properties.directory());
    }

    @Bean
    LogStorage logStorage(MongoDatabase concordDatabase, LogProperties properties) {
        return new LogStorage(concordDatabase, properties.cachedTiles());
    }

    @Bean
    LogReader logReader(RawEventLog events, LogStorage storage, LogKeys keys,
                        tools.jackson.databind.json.JsonMapper jsonMapper) {
        return new LogReader(events, storage, keys, new LogProofs(storage), jsonMapper);
    }
}
