package org.concord.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the demo loads its sample and as whom: the gateway URL ({@code --gateway}, else
 * {@code CONCORD_GATEWAY_URL}, else http://localhost:8080), the data directory ({@code --data-dir}, else
 * {@code CONCORD_DATA_DIR}, else {@code data}) and the administrator token ({@code CONCORD_ADMIN_TOKEN},
 * else the file {@code admin-token} in the data directory).
 */
record DemoSettings(URI gateway, Path dataDir, String adminToken) {

    static final String DEFAULT_GATEWAY = "http://localhost:8080";

    static DemoSettings from(String[] args, Map<String, String> env) {
        String gateway = env.getOrDefault("CONCORD_GATEWAY_URL", DEFAULT_GATEWAY);
        String dataDir = env.getOrDefault("CONCORD_DATA_DIR", "data");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--gateway=")) {
                gateway = arg.substring("--gateway=".length());
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = arg.substring("--data-dir=".length());
            } else if ((arg.equals("--gateway") || arg.equals("--data-dir")) && i + 1 < args.length) {
                if (arg.equals("--gateway")) {
                    gateway = args[++i];
                } else {
                    dataDir = args[++i];
                }
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use: [--gateway URL] [--data-dir DIR])");
            }
        }
        Path data = Path.of(dataDir);
        String token = env.get("CONCORD_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            token = readToken(data.resolve("admin-token"));
        }
        URI uri = URI.create(gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL " + gateway + " is not an http(s) URL");
        }
        return new DemoSettings(uri, data, token.trim());
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("no administrator token: set CONCORD_ADMIN_TOKEN or start Concord once so that "
                    + file + " exists (" + e.getMessage() + ")");
        }
    }
}
