package org.concord.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Concord keeps its data.
 *
 * @param uri the MongoDB connection string, with the database name; set it with
 *            {@code CONCORD_MONGODB_URI}. Default {@code mongodb://127.0.0.1:27017/concord},
 *            the embedded default started by {@code ./concord up}.
 */
@ConfigurationProperties("concord.mongodb")
public record ConcordMongoProperties(@DefaultValue("mongodb://127.0.0.1:27017/concord") String uri) {
}
