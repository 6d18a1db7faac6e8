package org.concord.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded MongoDB listens and keeps its data. Defaults: 127.0.0.1, port 27017, the data directory
 * {@code data} ({@code CONCORD_DATA_DIR}), the file {@code mongo/concord.mv} in it, and the per-start password
 * in {@code mongo/credential} beside it. Environment: {@code CONCORD_EMBEDDED_MONGO_HOST},
 * {@code CONCORD_EMBEDDED_MONGO_PORT}, {@code CONCORD_EMBEDDED_MONGO_FILE}; arguments {@code --host=},
 * {@code --port=}, {@code --file=} win.
 */
public record EmbeddedMongoSettings(String host, int port, Path dataDirectory, Path file) {

    /** The user the per-start password is for: {@code mongodb://concord:<password>@host:port/...}. */
    public static final String USER = "concord";

    /** Where the password of this start is written, for the services' connection string (0600). */
    public Path credentialFile() {
        return file.resolveSibling("credential");
    }

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
        return new EmbeddedMongoSettings(host, portNumber, Path.of(dataDir), Path.of(file));
    }
}
