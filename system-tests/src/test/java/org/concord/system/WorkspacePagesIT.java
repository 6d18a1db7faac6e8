package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.concord.testing.MongoDbExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The web workspace in a real Chromium, on a Concord of its own loaded with the demo sample: every page in
 * English and French checked by axe-core (WCAG 2.1 A and AA) and for console errors (a CSP violation is
 * one) and screenshot; a keyboard-only walk; signing in and out; and a live update arriving without a reload.
 */
class WorkspacePagesIT {

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static final Map<String, String> tokens = new HashMap<>();
    private static String code;
    private static String annex;
    private static String provision;

    @BeforeAll
    static void concordWithTheDemo() throws Exception {
        concord = ConcordProcesses.start(MongoDbExtension.newDatabase(), "workspace", Map.of());
        api = new ConcordApi(concord);
        Path data = Files.createTempDirectory("concord-demo");
        Path jar = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize()
                .resolve("demo/target/demo-" + System.getProperty("concord.version", "0.1.0-SNAPSHOT") + "-exec.jar");
        ProcessBuilder loader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--gateway", concord.gateway().toString(), "--data-dir", data.toString())
                .redirectErrorStream(true)
                .redirectOutput(concord.log("demo").toFile());
        loader.environment().put("CONCORD_ADMIN_TOKEN", ConcordProcesses.ADMIN_TOKEN);
        Process demo = loader.start();
        demo.getOutputStream().close();
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo loader finished").isTrue();
        assertThat(demo.exitValue()).as("the demo loader's exit; its output: " + concord.log("demo")).isZero();
        for (String line : Files.readAllLines(data.resolve("demo-tokens.txt"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] fields = line.split("\t");
                tokens.put(fields[0], fields[3]);
            }
        }
        for (JsonNode consultation : json(api.get(tokens.get("drafter-uk"), "/api/consultations"), 200)) {
            if (consultation.get("visibility").asText().equals("RESTRICTED")) {
                annex = consultation.get("consultationId").asText();
            } else {
                code = consultation.get("consultationId").asText();
            }
        }
        provision = json(api.get(null, "/api/consultations/{id}", code), 200).at("/provisions/2/provisionId").asText();
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
    }

    /** Every page of the workspace, by the name its screenshot takes. */
    private static Map<String, String> pages() {
        String base = "/consultations/" + code;
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("consultations", "/");
        pages.put("consultation", base);
        pages.put("history", base + "/history");
        pages.put("version", base + "/versions/7");
        pages.put("diff", base + "/diff?from=6&to=10");
        pages.put("text-as-of", base + "/text?asOf=" + Instant.now().minus(Duration.ofSeconds(1)));
        pages.put("provision-history", base + "/history/provisions/" + provision);
        pages.put("provenance", base + "/provenance");
        pages.put("timeline", base + "/timeline");
        pages.put("dispositions", base + "/dispositions");
        pages.put("participation", base + "/participation");
        pages.put("sign-in", "/sign-in");
        pages.put("not-found", "/consultations/no-such-consultation");
        return pages;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void every_page_passes_axe_without_console_errors_in(String language) {
        try (Browser browser = Browser.start(language)) {
            for (Map.Entry<String, String> page : pages().entrySet()) {
                browser.navigate(at(page.getValue()));
                String name = page.getKey() + " (" + language + ")";
                assertThat(browser.find(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(language);
                assertThat(browser.title()).as(name).endsWith("– Concord");
                assertThat(browser.findAll(By.tagName("h1"))).as(name).hasSize(1);
                browser.screenshot(Browser.SCREENSHOTS.resolve(page.getKey() + "-" + language + ".png"));
                browser.assertNoAccessibilityViolations(name);
                Object resources = browser.driver().executeScript(
                        "return performance.getEntriesByType('resource').map(function (entry) { return entry.name; })");
                assertThat((List<?>) resources).as(name + ": every request goes to Concord itself, none to a third party")
                        .isNotEmpty().allSatisfy(resource -> assertThat(String.valueOf(resource)).startsWith(concord.gateway().toString()));
                if (page.getKey().equals("not-found")) {
                    // Chromium logs the page's own 404 status as an error; nothing else may be there
                    assertThat(browser.consoleErrors()).as(name).allSatisfy(error -> assertThat(error).contains("404 (Not Found)"));
                } else {
                    browser.assertNoConsoleErrors();
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"observer-press, en", "observer-press, fr", "france, en", "france, fr", "drafter-uk, en", "drafter-uk, fr"})
    void every_page_passes_axe_signed_in_as(String who, String language) {
        try (Browser browser = Browser.start(language)) {
            signIn(browser, tokens.get(who));
            awaitPath(browser, "/");
            Map<String, String> pages = new LinkedHashMap<>();
            if (!who.startsWith("observer")) {
                // a RESTRICTED consultation exists for participants and drafters only
                pages.put("annex", "/consultations/" + annex);
            }
            pages.putAll(pages());
            pages.remove("sign-in");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.navigate(at(page.getValue()));
                String name = page.getKey() + " as " + who + " (" + language + ")";
                assertThat(browser.find(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(language);
                assertThat(browser.findAll(By.cssSelector("form[action='/sign-out']"))).as(name + ": still signed in").hasSize(1);
                browser.assertNoAccessibilityViolations(name);
                if (!page.getKey().equals("not-found")) {
                    // the not-found page comes last: Chromium logs its 404 as an error
                    browser.assertNoConsoleErrors();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void a_drafter_signs_in_sees_the_restricted_annex_and_signs_out(String language) {
        try (Browser browser = Browser.start(language)) {
            signIn(browser, tokens.get("drafter-fr"));
            awaitPath(browser, "/");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(browser.find(By.tagName("main")).getText()).contains("Annex"));
            Object cookies = browser.driver().executeScript("return document.cookie");
            assertThat(String.valueOf(cookies)).as("the session cookie is HttpOnly").doesNotContain("concord_session");
            assertThat(browser.driver().getPageSource()).doesNotContain(tokens.get("drafter-fr"));
            for (String path : List.of("/", "/consultations/" + annex, "/consultations/" + code)) {
                browser.navigate(at(path));
                browser.screenshot(Browser.SCREENSHOTS.resolve("drafter-" + (path.equals("/") ? "consultations" : path.contains(annex) ? "annex" : "consultation") + "-" + language + ".png"));
                browser.assertNoAccessibilityViolations("signed in: " + path + " (" + language + ")");
                browser.assertNoConsoleErrors();
            }
            browser.find(By.cssSelector("form[action='/sign-out'] button")).click();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                assertThat(browser.findAll(By.cssSelector("form[action='/sign-out']"))).isEmpty();
                assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Annex");
            });
            browser.navigate(at("/consultations/" + annex));
            assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
            assertThat(browser.driver().getPageSource()).doesNotContain("Annex:");
        }
    }

    @Test
    void a_wrong_token_is_explained_next_to_the_field_and_in_the_summary() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(at("/sign-in"));
            browser.find(By.id("token")).sendKeys("cnc_not-a-token");
            browser.whileLoading(browser.find(By.cssSelector("main form button[type=submit]"))::click);
            assertThat(browser.find(By.id("token-error")).getText()).contains("does not know this token");
            assertThat(browser.focused().getAttribute("class")).contains("error-summary");
            browser.screenshot(Browser.SCREENSHOTS.resolve("sign-in-error-en.png"));
            browser.assertNoAccessibilityViolations("sign-in with an error");
        }
    }

    @Test
    void the_keyboard_alone_walks_from_the_list_to_a_diff_the_provenance_and_the_timeline() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(at("/"));
            browser.press(Keys.TAB);
            assertThat(browser.focused().getAttribute("class")).as("the first Tab reaches the skip link").contains("skip-link");
            tabTo(browser, element -> element.getAttribute("href") != null && element.getAttribute("href").endsWith("/consultations/" + code));
            browser.press(Keys.ENTER);
            awaitPath(browser, "/consultations/" + code);
            tabTo(browser, element -> element.getText().equals("History"));
            browser.press(Keys.ENTER);
            awaitPath(browser, "/consultations/" + code + "/history");
            tabTo(browser, element -> "submit".equals(element.getAttribute("type")) && element.findElement(By.xpath("./ancestor::form"))
                    .getAttribute("action").endsWith("/diff"));
            browser.press(Keys.ENTER);
            awaitPath(browser, "/consultations/" + code + "/diff");
            assertThat(browser.findAll(By.tagName("ins")).size() + browser.findAll(By.tagName("del")).size()).isPositive();
            tabTo(browser, element -> element.getText().equals("Who wrote this"));
            browser.press(Keys.ENTER);
            awaitPath(browser, "/consultations/" + code + "/provenance");
            WebElement passage = tabTo(browser, element -> element.getAttribute("aria-describedby") != null);
            assertThat(browser.find(By.id(passage.getAttribute("aria-describedby"))).isDisplayed())
                    .as("a passage's provenance shows on keyboard focus").isTrue();
            browser.screenshot(Browser.SCREENSHOTS.resolve("provenance-focus-en.png"));
            tabBackTo(browser, element -> element.getText().equals("Timeline"));
            browser.press(Keys.ENTER);
            awaitPath(browser, "/consultations/" + code + "/timeline");
        }
    }

    @Test
    void the_timelines_next_page_loads_in_place_and_takes_the_focus() {
        try (Browser browser = Browser.start("en")) {
            browser.navigate(at("/consultations/" + code + "/timeline"));
            browser.driver().executeScript("window.concordPageMarker = 'still the same page';");
            String first = browser.find(By.cssSelector("#timeline-page ol")).getText();
            browser.find(By.cssSelector("a[rel=next]")).click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(browser.currentUri().getQuery()).as("the address of the page shown").startsWith("after="));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                assertThat(browser.find(By.cssSelector("#timeline-page ol")).getText()).isNotEqualTo(first);
                assertThat(browser.focused().getAttribute("id")).isEqualTo("timeline-page");
            });
            assertThat(browser.driver().executeScript("return window.concordPageMarker"))
                    .as("loaded in place, not as a new page").isEqualTo("still the same page");
            browser.assertNoAccessibilityViolations("timeline, second page loaded in place");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void a_new_comment_appears_live_and_is_announced_politely() {
        String drafter = tokens.get("drafter-uk");
        JsonNode created = json(api.createConsultation(drafter, "Live consultation", "PUBLIC"), 201);
        String id = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", id, created.get("position").asLong()), 200);
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), id), 201);
        try (Browser browser = Browser.start("en")) {
            browser.navigate(at("/consultations/" + id));
            WebElement live = browser.find(By.cssSelector("[aria-live='polite'], [role='log']"));
            json(api.post(tokens.get("france"), "/api/consultations/{id}/comments", Map.of("provisionId",
                    detail.at("/provisions/0/provisionId").asText(), "body", "Une remarque en direct", "attribution", "ATTRIBUTED"), id), 201);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(live.getText()).contains("France"));
            browser.screenshot(Browser.SCREENSHOTS.resolve("live-en.png"));
            browser.assertNoConsoleErrors();
        }
    }

    private static void signIn(Browser browser, String token) {
        browser.navigate(at("/sign-in"));
        browser.find(By.id("token")).sendKeys(token);
        browser.whileLoading(browser.find(By.cssSelector("main form button[type=submit]"))::click);
    }

    /** Presses Tab until the focused element is the one wanted; every element on the way is visible. */
    private static WebElement tabTo(Browser browser, Predicate<WebElement> wanted) {
        return tab(browser, wanted, () -> browser.press(Keys.TAB));
    }

    /** The same with Shift+Tab, backwards. */
    private static WebElement tabBackTo(Browser browser, Predicate<WebElement> wanted) {
        return tab(browser, wanted, () -> new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform());
    }

    private static WebElement tab(Browser browser, Predicate<WebElement> wanted, Runnable press) {
        for (int i = 0; i < 200; i++) {
            press.run();
            WebElement focused = browser.focused();
            assertThat(focused.isDisplayed()).as("the focused element " + focused.getTagName() + " is visible").isTrue();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("200 presses of Tab did not reach the element wanted on " + browser.currentUri());
    }

    private static void awaitPath(Browser browser, String path) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.currentUri().getPath()).isEqualTo(path));
    }

    private static URI at(String path) {
        return concord.gateway().resolve(path);
    }
}
