package org.concord.query.web;

import org.concord.query.QuerySideApplication;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.json.RequestJsonAutoConfiguration;
import org.concord.web.problem.ProblemDetailsAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/**
 * The query side's web layer for a {@code @WebFluxTest} of one of its read controllers: the service's web components
 * as {@link QuerySideApplication} finds them (the slice keeps the controller tested), the problem+json answers and
 * the caller read from the gateway's signed header. The application class itself needs MongoDB and Axon. Left out:
 * the read-your-writes filter, which waits on the projections and answers only requests naming a minPosition.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = QuerySideApplication.class, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.concord\\.query\\.progress\\.web\\.MinPositionWebFilter")})
@ImportAutoConfiguration({ProblemDetailsAutoConfiguration.class, RequestJsonAutoConfiguration.class})
@Import(CallerIdentityConfiguration.class)
public class QueryWebSlice {

    /**
     * A new context's first answer can take longer than WebTestClient's 5 s while the machine is busy. Each caller header
     * is signed for its request, as the gateway signs it ({@link QueryCallers}).
     */
    @Bean
    WebTestClientBuilderCustomizer slowMachineWebTestClient() {
        return client -> client.responseTimeout(Duration.ofSeconds(30)).filter(QueryCallers.asTheGatewaySigns());
    }
}
