package org.concord.system;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium for the browser tests, driven through chromedriver, both from the operating system
 * ({@link BrowserInstallation}): nothing is downloaded, and Selenium Manager never runs since the driver's
 * path is given. It checks pages with axe-core, keeps the console's errors, and takes full-page screenshots.
 */
final class Browser implements AutoCloseable {

    /** Where the tests put their screenshots, to be looked at by a person. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize()
            .resolve("system-tests/target/screenshots");
    private static final Path LOGS = SCREENSHOTS.resolveSibling("system-test-logs");
    private static final Dimension VIEWPORT = new Dimension(1280, 900);
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final String AXE_SOURCE = axeSource();

    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * A new browser whose interface language and {@code Accept-Language} are {@code language} ("en", "fr"),
     * its viewport 1280×900 CSS pixels. The calling test is skipped, or on CI failed, when Chromium is not installed.
     */
    static Browser start(String language) {
        BrowserInstallation installation = BrowserInstallation.required();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--lang=" + language,
                "--window-size=" + VIEWPORT.getWidth() + "," + VIEWPORT.getHeight(),
                // screenshots as wide as the viewport, without a scroll bar drawn in them
                "--hide-scrollbars", "--no-first-run", "--no-default-browser-check");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium will not start as root with its sandbox on, and CI runs the build as root
            options.addArguments("--no-sandbox");
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogFile(LOGS.resolve("chromedriver.log").toFile())
                .withAppendLog(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)).pageLoadTimeout(Duration.ofSeconds(30));
        // the window's size counts its frame; the page sees the viewport, which is made 1280×900 itself
        Number frame = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(VIEWPORT.getWidth(), VIEWPORT.getHeight() + frame.intValue()));
        return new Browser(driver);
    }

    /** Opens {@code uri} and waits for its {@code load} event. */
    void navigate(URI uri) {
        driver.get(uri.toString());
    }

    /**
     * Does {@code action} (a click, a key) and waits up to 20 s for the page it opens to have loaded: a new document
     * whose {@code readyState} is complete. A form's POST, its 303 and the page after it included; without this wait a
     * look at the page right after a click may still see the page before it.
     */
    void whileLoading(Runnable action) {
        Object before = driver.executeScript("return window.performance.timeOrigin");
        action.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> !before.equals(
                driver.executeScript("return document.readyState === 'complete' ? window.performance.timeOrigin : null")));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Presses a key ({@link Keys#TAB}, {@link Keys#ENTER}, ...) on whatever has the focus, as a keyboard user does. */
    void press(Keys key) {
        new Actions(driver).sendKeys(key).perform();
    }

    /** The element that has the keyboard focus: {@code document.activeElement}. */
    WebElement focused() {
        return (WebElement) driver.executeScript("return document.activeElement");
    }

    String title() {
        return driver.getTitle();
    }

    URI currentUri() {
        return URI.create(driver.getCurrentUrl());
    }

    /** The driver itself, for what this class does not offer. */
    ChromeDriver driver() {
        return driver;
    }

    /**
     * The current page's WCAG 2.1 A and AA violations as axe-core finds them. The script is injected through
     * the driver, which a page's Content-Security-Policy does not govern, so pages need no exception for it.
     */
    List<AccessibilityViolation> axe() {
        if (!Boolean.TRUE.equals(driver.executeScript("return !!(window.axe && window.axe.run)"))) {
            driver.executeScript(AXE_SOURCE);
        }
        Object answer = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
                    .then(result => done(result.violations.map(violation => ({
                        id: violation.id, impact: violation.impact, help: violation.help, helpUrl: violation.helpUrl,
                        targets: violation.nodes.map(node => node.target.map(t => [].concat(t).join(' >>> ')).join(' '))
                    }))))
                    .catch(error => done('axe failed: ' + error));
                """, WCAG_21_AA);
        if (answer instanceof String error) {
            throw new IllegalStateException(error);
        }
        List<AccessibilityViolation> violations = new ArrayList<>();
        for (Object item : (List<?>) answer) {
            Map<?, ?> violation = (Map<?, ?>) item;
            violations.add(new AccessibilityViolation((String) violation.get("id"), (String) violation.get("impact"),
                    (String) violation.get("help"), (String) violation.get("helpUrl"),
                    ((List<?>) violation.get("targets")).stream().map(String::valueOf).toList()));
        }
        return violations;
    }

    /** Fails with each of axe-core's violations on the current page, one a line, if it finds any. */
    void assertNoAccessibilityViolations(String pageName) {
        List<AccessibilityViolation> violations = axe();
        assertThat(violations)
                .withFailMessage(() -> "axe-core finds " + violations.size() + " WCAG 2.1 AA violation(s) on " + pageName
                        + " (" + driver.getCurrentUrl() + "):\n" + String.join("\n",
                        violations.stream().map(AccessibilityViolation::toString).toList()))
                .isEmpty();
    }

    /**
     * The errors the console has shown since the browser started: scripts' errors, failed loads and each
     * Content-Security-Policy violation ("Refused to ... because it violates ...").
     */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    void assertNoConsoleErrors() {
        List<String> errors = consoleErrors();
        assertThat(errors)
                .withFailMessage(() -> "The console shows " + errors.size() + " error(s) (" + driver.getCurrentUrl()
                        + "):\n" + String.join("\n", errors))
                .isEmpty();
    }

    /** Saves the whole page, not only the window, as a PNG at {@code file}, and answers it. */
    Path screenshot(Path file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> content = (Map<?, ?>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) content.get("width")).doubleValue(), "height", ((Number) content.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** The axe-core of the WebJar on the test classpath, whichever version the build chose. */
    private static String axeSource() {
        ClassLoader loader = Browser.class.getClassLoader();
        try (InputStream about = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (about == null) {
                throw new IllegalStateException("The axe-core WebJar is not on the test classpath");
            }
            Properties properties = new Properties();
            properties.load(about);
            String script = "META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js";
            try (InputStream source = loader.getResourceAsStream(script)) {
                if (source == null) {
                    throw new IllegalStateException(script + " is not on the test classpath");
                }
                return new String(source.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rule that a page breaks, and where: the CSS selectors of the elements that break it. */
    record AccessibilityViolation(String id, String impact, String help, String helpUrl, List<String> targets) {

        @Override
        public String toString() {
            return "- " + id + " (" + impact + "): " + help + " [" + helpUrl + "]\n    at " + String.join("\n    at ", targets);
        }
    }
}
