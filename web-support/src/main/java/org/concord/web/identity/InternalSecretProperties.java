package org.concord.web.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the gateway and the services share to sign the caller header.
 *
 * @param secret at least 16 characters; set it with {@code CONCORD_INTERNAL_SECRET}. No default:
 *               {@code ./concord up} generates one under {@code data/}.
 */
@ConfigurationProperties("concord.internal")
public record InternalSecretProperties(String secret) {
}
