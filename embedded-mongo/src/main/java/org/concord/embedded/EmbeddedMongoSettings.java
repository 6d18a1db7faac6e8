package org.concord.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded MongoDB listens and keeps its data. Defaults: 127.0.0.1, port 27017, file
 * {@code data/mongo/concord.mv} (relative to {@code CONCORD_DATA_DIR}, default {@code data}).
 * Environment: {@code CONCORD_EMBEDDED_MONGO_HOST}, {@code CONCORD_EMBEDDED_MONGO_PORT},
 * {@code CONCORD_EMBEDDED_MONGO_FILE}; arguments {@code --host=}, {@code --port=}, {@code --file=} win.
 */
public record EmbeddedMongoSettings(String host, int port, Path file) {

    public static EmbeddedMongoSettings fromEnvironment(Map<String, String> env, String... args) {
        String dataDir = env.getOrDefault("CONCORD_DATA_DIR", "data");
        String host = env.getOrDefault("CONCORD_EMBEDDED_MONGO_HOST", "127.0.0.1");
        String port = env.getOrDefault("CONCORD_EMBEDDED_MONGO_PORT", "27017");
        String file = env.getOrDefault("CONCORD_EMBEDDED_MONGO_FILE", Path.of(dataDir, "mongo", "concord.mv").toString());
        for (String arg : args) {
            if (arg.startsWith("--host=")) {
                host = arg.substring("--host=".length());
            } else if (arg.startsWith("--port=")) {
                port = arg.substring("--port=".length());
            } else if (arg.startsWith("--file=")) {
                file = arg.substring("--file=".length());
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg + "; expected --host=, --port= or --file=");
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port must be a number, was " + port, e);
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, was " + portNumber);
        }
        return new EmbeddedMongoSettings(host, portNumber, Path.of(file));
    }
}
