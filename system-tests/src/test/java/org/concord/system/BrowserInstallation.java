package org.concord.system;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Chromium and chromedriver the browser tests drive, both from the operating system. When either is
 * missing a browser test is skipped on a developer's machine, but fails on CI ({@code CI=true}), where
 * a skipped browser test would let an untested page through.
 */
record BrowserInstallation(Path chromium, Path chromedriver) {

    static final String INSTALL_COMMAND = "sudo apt-get install chromium chromium-driver";
    static final String CHROMIUM_VARIABLE = "CONCORD_CHROMIUM";
    static final String CHROMEDRIVER_VARIABLE = "CONCORD_CHROMEDRIVER";

    /** This machine's installation; the calling test is skipped, or on CI failed, when there is none. */
    static BrowserInstallation required() {
        return required(System.getenv(), Files::isExecutable);
    }

    /**
     * Each program from its variable if it is set (and then from there only, so that a wrong override is
     * reported rather than quietly replaced), else from {@code /usr/bin}, else from the {@code PATH}.
     */
    static BrowserInstallation required(Map<String, String> environment, Predicate<Path> executable) {
        Optional<Path> chromium = locate(CHROMIUM_VARIABLE, "chromium", environment, executable);
        Optional<Path> chromedriver = locate(CHROMEDRIVER_VARIABLE, "chromedriver", environment, executable);
        if (chromium.isPresent() && chromedriver.isPresent()) {
            return new BrowserInstallation(chromium.get(), chromedriver.get());
        }
        List<String> missing = new ArrayList<>();
        if (chromium.isEmpty()) {
            missing.add(describe(CHROMIUM_VARIABLE, "chromium", environment));
        }
        if (chromedriver.isEmpty()) {
            missing.add(describe(CHROMEDRIVER_VARIABLE, "chromedriver", environment));
        }
        boolean onCi = "true".equals(environment.get("CI"));
        String message = "Browser tests need Chromium and chromedriver; missing: " + String.join(", ", missing)
                + ". Install them with `" + INSTALL_COMMAND + "`, or point " + CHROMIUM_VARIABLE + " and "
                + CHROMEDRIVER_VARIABLE + " at them. "
                + (onCi ? "CI=true, so this fails instead of skipping." : "Skipped here; with CI=true it fails.");
        return onCi ? Assertions.fail(message) : Assumptions.abort(message);
    }

    private static Optional<Path> locate(String variable, String program, Map<String, String> environment,
                                         Predicate<Path> executable) {
        String override = environment.get(variable);
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(executable);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin", program));
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, program));
            }
        }
        return candidates.stream().filter(executable).findFirst();
    }

    private static String describe(String variable, String program, Map<String, String> environment) {
        String override = environment.get(variable);
        return override != null && !override.isBlank()
                ? program + " (" + variable + "=" + override + " is not an executable)"
                : program + " (neither /usr/bin/" + program + " nor on the PATH)";
    }
}
