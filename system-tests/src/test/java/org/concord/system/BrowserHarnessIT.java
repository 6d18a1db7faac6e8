package org.concord.system;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The browser harness ({@link Browser}) against small pages served here under the workspace's strict
 * Content-Security-Policy, where each check is seen to fail as well as pass; then against a real page
 * of the running Concord, the gateway's Swagger UI.
 */
class BrowserHarnessIT {

    private static final String CSP = "default-src 'self'; script-src 'self'";
    private static final String PLAIN = page("A plain page", "<h1>A plain page</h1><p>Nothing wrong here.</p>");
    private static final Map<String, String> PAGES = Map.of(
            "/plain", PLAIN,
            "/image-without-alt", page("An image", "<h1>An image</h1><img src=\"/pixel.svg\">"),
            "/inline-script", page("An inline script", "<h1>An inline script</h1><script>document.title = 'ran';</script>"),
            "/links", page("Links", "<h1>Links</h1><p><a href=\"/plain?first\">First</a> <a href=\"/plain?second\">Second</a></p>"),
            "/tall", page("A tall page", "<link rel=\"stylesheet\" href=\"/tall.css\"><h1>A tall page</h1>"
                    + "<div class=\"tall\"></div><p>The end</p>"),
            "/tall.css", ".tall { height: 3000px; background: linear-gradient(#fff, #36c); }",
            "/pixel.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\" fill=\"#36c\"/></svg>");

    private static HttpServer server;
    private static final List<String> acceptLanguages = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servePages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = PAGES.get(path);
            acceptLanguages.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Language")));
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            if (body == null) {
                // no favicon: a 404 would be a console error of its own
                exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", path.endsWith(".css") ? "text/css"
                        : path.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    @Test
    void axe_finds_an_image_without_alternative_text_and_the_assertion_names_it() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(local("/image-without-alt"));

            assertThat(browser.axe()).anySatisfy(violation -> {
                assertThat(violation.id()).isEqualTo("image-alt");
                assertThat(violation.impact()).isEqualTo("critical");
                assertThat(violation.targets()).containsExactly("img");
            });
            assertThatThrownBy(() -> browser.assertNoAccessibilityViolations("the image page"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("on the image page")
                    .hasMessageContaining("- image-alt (critical): Images must have alternate text")
                    .hasMessageContaining("at img");
        }
    }

    @Test
    void axe_runs_under_a_strict_csp_and_a_clean_page_passes_without_console_errors() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(local("/plain"));

            browser.assertNoAccessibilityViolations("the plain page");
            browser.assertNoConsoleErrors();
            assertThat(browser.title()).isEqualTo("A plain page");
        }
    }

    @Test
    void an_inline_script_refused_by_the_csp_fails_the_console_check() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(local("/inline-script"));

            assertThat(browser.title()).as("the inline script did not run").isEqualTo("An inline script");
            assertThatThrownBy(browser::assertNoConsoleErrors)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Content Security Policy");
        }
    }

    @Test
    void the_browser_asks_for_pages_in_its_language() {
        for (String language : List.of("fr", "en")) {
            try (Browser browser = Browser.start(language)) {
                acceptLanguages.clear();
                browser.navigate(local("/plain"));

                assertThat(acceptLanguages).first().asString().startsWith(language);
                assertThat(browser.driver().executeScript("return navigator.language")).asString().startsWith(language);
            }
        }
    }

    @Test
    void tab_moves_the_focus_from_link_to_link_and_enter_follows_the_focused_one() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(local("/links"));

            browser.press(Keys.TAB);
            assertThat(browser.focused().getText()).isEqualTo("First");
            browser.press(Keys.TAB);
            assertThat(browser.focused().getText()).isEqualTo("Second");
            browser.press(Keys.ENTER);

            await().atMost(Duration.ofSeconds(10)).until(() -> "second".equals(browser.currentUri().getQuery()));
        }
    }

    @Test
    void a_screenshot_holds_the_whole_page_not_only_the_viewport_of_1280_by_900() throws IOException {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(local("/tall"));

            Path file = browser.screenshot(Browser.SCREENSHOTS.resolve("harness-tall-page.png"));

            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(browser.driver().executeScript("return [window.innerWidth, window.innerHeight]"))
                    .isEqualTo(List.of(1280L, 900L));
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isGreaterThan(3000);
        }
    }

    @Test
    void swagger_ui_of_the_running_gateway_is_screenshot_and_checked_by_axe() {
        try (Browser browser = Browser.start("en")) {
            ConcordProcesses concord = ConcordProcesses.shared();
            browser.navigate(concord.gateway().resolve("/swagger-ui.html"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !browser.findAll(By.cssSelector(".swagger-ui .opblock")).isEmpty());

            Path file = browser.screenshot(Browser.SCREENSHOTS.resolve("swagger-ui.png"));

            assertThat(file).isNotEmptyFile();
            assertThat(browser.title()).containsIgnoringCase("swagger");
            // Swagger UI is not Concord's page: its violations are shown, not held against it
            List<Browser.AccessibilityViolation> violations = browser.axe();
            System.out.println("axe-core on Swagger UI: " + violations.size() + " violation(s)\n"
                    + String.join("\n", violations.stream().map(Browser.AccessibilityViolation::toString).toList()));
        }
    }

    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><main>" + body + "</main></body></html>";
    }
}
