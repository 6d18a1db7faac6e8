package org.concord.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one MongoDB client of a service, and the database named in {@code concord.mongodb.uri}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConcordMongoProperties.class)
public class MongoConfiguration {

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(ConcordMongoProperties properties) {
        return MongoClients.create(new ConnectionString(properties.uri()));
    }

    @Bean
    public MongoDatabase concordDatabase(MongoClient client, ConcordMongoProperties properties) {
        String database = new ConnectionString(properties.uri()).getDatabase();
        if (database == null || database.isBlank()) {
            throw new IllegalStateException("concord.mongodb.uri must name a database, e.g. mongodb://127.0.0.1:27017/concord");
        }
        return client.getDatabase(database);
    }

    @Bean
    public HealthIndicator mongoHealthIndicator(MongoDatabase concordDatabase) {
        return () -> {
            try {
                concordDatabase.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", concordDatabase.getName()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
