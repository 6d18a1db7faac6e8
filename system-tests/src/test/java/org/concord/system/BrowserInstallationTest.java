package org.concord.system;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The browser tests' rule for finding Chromium: skip on a developer's machine without it, fail on CI. */
class BrowserInstallationTest {

    private static final Predicate<Path> DEBIAN = executables("/usr/bin/chromium", "/usr/bin/chromedriver");

    @Test
    void debian_packages_are_found_in_usr_bin() {
        assertThat(BrowserInstallation.required(Map.of("PATH", "/opt/nothing"), DEBIAN))
                .isEqualTo(new BrowserInstallation(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")));
    }

    @Test
    void the_environment_overrides_win_over_usr_bin() {
        Predicate<Path> both = DEBIAN.or(executables("/opt/chrome/chrome", "/opt/chrome/chromedriver"));

        assertThat(BrowserInstallation.required(Map.of("CONCORD_CHROMIUM", "/opt/chrome/chrome",
                "CONCORD_CHROMEDRIVER", "/opt/chrome/chromedriver"), both))
                .isEqualTo(new BrowserInstallation(Path.of("/opt/chrome/chrome"), Path.of("/opt/chrome/chromedriver")));
    }

    @Test
    void without_usr_bin_the_programs_are_looked_for_on_the_path() {
        Predicate<Path> local = executables("/home/me/bin/chromium", "/snap/bin/chromedriver");

        assertThat(BrowserInstallation.required(Map.of("PATH", "/usr/local/bin:/home/me/bin:/snap/bin"), local))
                .isEqualTo(new BrowserInstallation(Path.of("/home/me/bin/chromium"), Path.of("/snap/bin/chromedriver")));
    }

    @Test
    void a_missing_browser_skips_the_test_and_says_how_to_install_it() {
        assertThatThrownBy(() -> BrowserInstallation.required(Map.of(), executables("/usr/bin/chromium")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("sudo apt-get install chromium chromium-driver")
                .hasMessageContaining("chromedriver (neither /usr/bin/chromedriver nor on the PATH)")
                .hasMessageContaining("CONCORD_CHROMIUM and CONCORD_CHROMEDRIVER");
    }

    @Test
    void a_missing_browser_fails_the_test_on_ci() {
        assertThatThrownBy(() -> BrowserInstallation.required(Map.of("CI", "true"), executables()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("sudo apt-get install chromium chromium-driver")
                .hasMessageContaining("CI=true, so this fails");
    }

    @Test
    void ci_set_to_anything_but_true_still_skips() {
        assertThatThrownBy(() -> BrowserInstallation.required(Map.of("CI", "false"), executables()))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void a_wrong_override_is_reported_rather_than_replaced_by_the_installed_browser() {
        assertThatThrownBy(() -> BrowserInstallation.required(Map.of("CONCORD_CHROMIUM", "/nonexistent"), DEBIAN))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium (CONCORD_CHROMIUM=/nonexistent is not an executable)");
    }

    private static Predicate<Path> executables(String... paths) {
        Set<Path> present = Stream.of(paths).map(Path::of).collect(Collectors.toSet());
        return present::contains;
    }
}
