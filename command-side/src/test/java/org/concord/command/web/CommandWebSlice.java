package org.concord.command.web;

import org.concord.command.CommandSideApplication;
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
 * The command side's web layer as the service wires it, for a {@code @WebFluxTest} of one of its controllers: its
 * web components, found as {@link CommandSideApplication} finds them (the slice keeps only the controller tested and
 * the web configurers, such as the one that hands controllers their NewIds), the problem+json answers, the request
 * JSON reader and the caller read from the gateway's signed header. Not the application class itself, whose storage
 * and idempotency imports need MongoDB and Axon.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = CommandSideApplication.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@ImportAutoConfiguration({ProblemDetailsAutoConfiguration.class, RequestJsonAutoConfiguration.class})
@Import(CallerIdentityConfiguration.class)
public class CommandWebSlice {

    /**
     * On a busy machine a new context's first answer can take longer than WebTestClient's default 5 s. Each caller header
     * is signed for its request, as the gateway signs it ({@link SignedCallers}).
     */
    @Bean
    WebTestClientBuilderCustomizer patientWebTestClient() {
        return client -> client.responseTimeout(Duration.ofSeconds(30)).filter(SignedCallers.asTheGatewaySigns());
    }
}
