package org.concord.gateway.routing;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Arrays;
import java.util.List;

/**
 * The gateway's public paths by what serves them: the API ({@code /api/**}, for the services), the API
 * reference (the services' documents and springdoc's swagger-ui, served by the gateway itself), the
 * actuator, and the web workspace: every other path, served by web-ui.
 */
public final class PublicPaths {

    /** The paths that are not the workspace's, as Spring Cloud Gateway's path predicate takes them. */
    static final String[] NOT_WORKSPACE = {"/api/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/swagger-ui/**", "/actuator/**"};

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
    private static final List<PathPattern> NOT_WORKSPACE_PATTERNS = Arrays.stream(NOT_WORKSPACE)
            .map(PathPatternParser.defaultInstance::parse).toList();

    private PublicPaths() {
    }

    public static boolean isApi(String path) {
        return API.matches(PathContainer.parsePath(path));
    }

    public static boolean isWorkspace(String path) {
        PathContainer parsed = PathContainer.parsePath(path);
        return NOT_WORKSPACE_PATTERNS.stream().noneMatch(pattern -> pattern.matches(parsed));
    }
}
