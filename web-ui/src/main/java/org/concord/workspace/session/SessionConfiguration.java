package org.concord.workspace.session;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.concord.workspace.WorkspaceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.server.session.WebSessionIdResolver;

import java.time.Duration;

/** Web sessions kept in MongoDB ({@link MongoSessionRepository}) behind the {@link SessionCookie}. */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
class SessionConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient webSessionsMongoClient(WorkspaceProperties properties) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.sessions().mongodbUri()))
                .applicationName("web-ui")
                .build());
    }

    @Bean
    MongoSessionRepository sessionRepository(MongoClient webSessionsMongoClient, WorkspaceProperties properties) {
        MongoSessionRepository repository = new MongoSessionRepository(
                webSessionsMongoClient.getDatabase(properties.sessions().database())
                        .getCollection(MongoSessionRepository.COLLECTION, StoredSession.class),
                properties.sessions().idleTimeout());
        repository.createIndexes().block(Duration.ofSeconds(30));
        return repository;
    }

    @Bean
    WebSessionIdResolver webSessionIdResolver(WorkspaceProperties properties) {
        return new SessionCookie(properties.sessions().secureCookie());
    }
}
