package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The Pall Mall story, end to end in real browsers (issue #16): a drafter opens a round; a state, a company
 * under the Chatham House rule and an NGO comment and amend, with competing amendments; the drafter accepts one,
 * accepts a stale one with merged wording and rejects another with a reason, closes the round and adopts the
 * text; states endorse it. A second browser, an observer's, shows the text page throughout and must see each
 * step arrive live. Every form is checked with axe-core in each state it is seen in (empty, with errors,
 * previewed, refused), some steps are done with the keyboard alone, and at the end the history, the diff and
 * who-wrote-this pages must tell what happened.
 */
class PallMallStoryIT {

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static String drafter;
    private static String france;
    private static String company;
    private static String ngo;
    private static String germany;
    private static String observer;
    private static String id;
    private static final List<Browser> open = new ArrayList<>();

    @BeforeAll
    static void delegations() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        String suffix = Long.toString(System.nanoTime(), 36);
        drafter = api.registerToken("Pall Mall co-hosts " + suffix, "STATE", "GB", "DRAFTER");
        france = api.registerToken("France " + suffix, "STATE", "FR", "PARTICIPANT");
        company = api.registerToken("Intrusion Ltd " + suffix, "COMPANY", "GB", "PARTICIPANT");
        ngo = api.registerToken("Access Watch " + suffix, "NGO", "DE", "PARTICIPANT");
        germany = api.registerToken("Germany " + suffix, "STATE", "DE", "PARTICIPANT");
        observer = api.registerToken("The Courier " + suffix, "COMPANY", "GB", "OBSERVER");
        // creating a consultation is not yet a form of the workspace: the drafter creates it through the API
        id = json(api.createConsultation(drafter, "Pall Mall Code of Practice " + suffix, "PUBLIC"), 201).get("consultationId").asText();
    }

    @AfterAll
    static void closeBrowsers() {
        open.forEach(Browser::close);
    }

    @Test
    void the_pall_mall_story() {
        Browser watching = signedIn(observer, "en");
        watching.navigate(at("/consultations/" + id));
        Set<String> seen = new LinkedHashSet<>();

        // 1. the drafter opens a round, the deadline picked in Paris time and checked before it is set
        Browser secretariat = signedIn(drafter, "en");
        secretariat.navigate(at("/consultations/" + id));
        click(secretariat, By.linkText("Open a round"));
        secretariat.assertNoAccessibilityViolations("round form");
        secretariat.find(By.cssSelector("#zone option[value='Europe/Paris']")).click();
        click(secretariat, By.cssSelector("button[name=action][value=preview]"));
        assertThat(secretariat.find(By.id("preview-heading")).isDisplayed()).isTrue();
        assertThat(secretariat.find(By.cssSelector(".preview")).getText()).contains("Europe/Paris").contains("UTC");
        secretariat.assertNoAccessibilityViolations("round form, deadline checked");
        secretariat.screenshot(Browser.SCREENSHOTS.resolve("drafter-round-en.png"));
        click(secretariat, By.cssSelector("button[name=action][value=open]"));
        assertThat(secretariat.find(By.cssSelector(".notice")).getText()).contains("The round is open");
        sees(watching, seen, "Round 1 opened");

        // 2. France comments (first without a text: the error is beside the field) and proposes new wording, previewed
        Browser paris = signedIn(france, "en");
        paris.navigate(at("/consultations/" + id));
        click(paris, By.cssSelector("a[aria-label='Comment on provision 1']"));
        paris.assertNoAccessibilityViolations("comment form");
        click(paris, By.cssSelector("main form button[type=submit]"));
        assertThat(paris.find(By.id("body-error")).getText()).contains("Enter your comment");
        assertThat(paris.focused().getAttribute("class")).contains("error-summary");
        paris.assertNoAccessibilityViolations("comment form with errors");
        formSentBack(paris);
        paris.find(By.id("body")).sendKeys("France asks that the regulation cover brokers as well as vendors.");
        paris.find(By.id("attribution-ATTRIBUTED")).click();
        click(paris, By.cssSelector("main form button[type=submit]"));
        assertThat(paris.currentUri().getPath()).as("a comment on a provision leads to its page").startsWith("/consultations/" + id + "/provisions/");
        assertThat(paris.find(By.cssSelector("main")).getText()).contains("Provision 1")
                .contains("France asks that the regulation cover brokers as well as vendors.");
        paris.assertNoAccessibilityViolations("provision page, after a comment");
        paris.screenshot(Browser.SCREENSHOTS.resolve("story-provision-en.png"));
        sees(watching, seen, "commented on provision 1");
        click(paris, By.linkText("The whole text"));
        propose(paris, "2", "States should require a licence for every export of intrusion software and services.",
                "A licence makes exports traceable.");
        sees(watching, seen, "proposed to reword provision 2");

        // 3. the company comments under the Chatham House rule and proposes competing wording
        Browser ltd = signedIn(company, "en");
        ltd.navigate(at("/consultations/" + id));
        click(ltd, By.cssSelector("a[aria-label='Comment on provision 1']"));
        ltd.find(By.id("body")).sendKeys("Brokers are hard to define; we suggest a list.");
        ltd.find(By.id("attribution-CHATHAM_HOUSE")).click();
        click(ltd, By.cssSelector("main form button[type=submit]"));
        sees(watching, seen, "A participant (Company) commented on provision 1 · Chatham House rule");
        click(ltd, By.linkText("The whole text"));
        propose(ltd, "2", "States should require export licences for intrusion software.", "Services are covered elsewhere.");

        // 4. the NGO, with the keyboard alone, supports France's amendment; then replies to France and proposes a new provision
        Browser watch = signedIn(ngo, "en");
        watch.navigate(at("/consultations/" + id));
        watch.screenshot(Browser.SCREENSHOTS.resolve("delegate-text-en.png"));
        tabTo(watch, element -> String.valueOf(element.getAttribute("aria-label")).startsWith("Support: New wording proposed by France"));
        watch.press(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watch.find(By.cssSelector(".notice")).getText())
                .contains("You now support this amendment"));
        sees(watching, seen, "supported an amendment to provision 2");
        watch.find(By.cssSelector("details.comments summary")).click();
        click(watch, By.cssSelector("a[aria-label^='Reply to France']"));
        watch.find(By.id("body")).sendKeys("Agreed, and civil society should be consulted on the list.");
        watch.find(By.id("attribution-ATTRIBUTED")).click();
        click(watch, By.cssSelector("main form button[type=submit]"));
        click(watch, By.cssSelector("a[aria-label='Propose a provision after provision 2']"));
        assertThat(watch.find(By.id("label")).getAttribute("value")).as("a free label is suggested").isNotBlank();
        watch.find(By.id("text")).sendKeys("States should publish the licences they grant each year.");
        watch.find(By.id("justification")).sendKeys("Transparency.");
        click(watch, By.cssSelector("button[name=action][value=preview]"));
        click(watch, By.cssSelector("button[name=action][value=send]"));
        sees(watching, seen, "proposed a new provision after provision 2");

        // 5. the drafter decides: France's accepted, the company's (now stale) with merged wording, the NGO's rejected
        secretariat.navigate(at("/consultations/" + id + "/decisions"));
        secretariat.assertNoAccessibilityViolations("decisions board");
        secretariat.screenshot(Browser.SCREENSHOTS.resolve("drafter-board-en.png"));
        assertThat(secretariat.find(By.cssSelector(".decision-cards--competing")).findElements(By.cssSelector("[data-decision-card]"))).hasSize(3);
        WebElement french = card(secretariat, "France");
        french.findElement(By.tagName("textarea")).sendKeys("Licences make exports traceable, as France argues.");
        secretariat.whileLoading(french.findElement(By.cssSelector("button[value=accept]"))::click);
        sees(watching, seen, "Version 2: amendment to provision 2 accepted");
        WebElement stale = card(secretariat, "Intrusion Ltd");
        assertThat(stale.getText()).contains("Stale");
        assertThat(stale.findElements(By.cssSelector("button[value=accept]"))).as("a stale amendment is not accepted as proposed").isEmpty();
        secretariat.whileLoading(stale.findElement(By.cssSelector("[data-decision-merge]"))::click);
        secretariat.assertNoAccessibilityViolations("merge editor");
        WebElement merged = secretariat.find(By.id("text"));
        merged.clear();
        merged.sendKeys("States should require a licence for every export of intrusion software, services included.");
        secretariat.find(By.id("reason")).sendKeys("Both wordings, merged.");
        click(secretariat, By.cssSelector("button[name=action][value=preview]"));
        secretariat.assertNoAccessibilityViolations("merge editor, previewed");
        secretariat.screenshot(Browser.SCREENSHOTS.resolve("drafter-merge-en.png"));
        click(secretariat, By.cssSelector("button[name=action][value=accept]"));
        sees(watching, seen, "Version 3: amendment to provision 2 accepted");
        // the NGO's with the board's shortcuts and the keyboard: j to the amendment, r to its reason, Tab to Reject
        secretariat.find(By.tagName("h1")).click();
        new Actions(secretariat.driver()).sendKeys("j").perform();
        assertThat(secretariat.focused().getText()).contains("Access Watch");
        new Actions(secretariat.driver()).sendKeys("r").perform();
        assertThat(secretariat.focused().getTagName()).isEqualTo("textarea");
        secretariat.focused().sendKeys("Publication is for each state to decide.");
        tabTo(secretariat, element -> "reject".equals(element.getAttribute("value")));
        secretariat.press(Keys.ENTER);
        sees(watching, seen, "Amendment to provision 2 rejected");

        // 6. the round is closed, the text adopted, each after a confirmation
        secretariat.navigate(at("/consultations/" + id));
        click(secretariat, By.linkText("Close the round"));
        secretariat.assertNoAccessibilityViolations("close the round");
        click(secretariat, By.cssSelector("main form button[type=submit]"));
        sees(watching, seen, "Round 1 closed");
        click(secretariat, By.linkText("Revise the text"));
        secretariat.assertNoAccessibilityViolations("revise the text");
        secretariat.navigate(at("/consultations/" + id));
        click(secretariat, By.linkText("Adopt the text"));
        secretariat.assertNoAccessibilityViolations("adopt the text");
        click(secretariat, By.cssSelector("main form button[type=submit]"));
        sees(watching, seen, "The consultation was adopted (version 3)");

        // 7. states endorse it
        for (Browser state : List.of(paris, signedIn(germany, "fr"))) {
            state.navigate(at("/consultations/" + id + "/endorsements"));
            state.assertNoAccessibilityViolations("endorsements");
            click(state, By.cssSelector("main form button[type=submit]"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            watching.findAll(By.cssSelector("[data-live-items] li")).forEach(item -> seen.add(item.getText()));
            assertThat(seen.stream().filter(text -> text.contains("endorsed the adopted text"))).as("both endorsements seen live").hasSize(2);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(null, "/api/consultations/{id}/endorsements", id), 200))
                .hasSize(2));
        watching.assertNoConsoleErrors();

        // the other forms and pages of the workspace, each checked once
        paris.navigate(at("/my-activity"));
        assertThat(paris.find(By.tagName("main")).getText()).contains("Accepted into version 2");
        paris.assertNoAccessibilityViolations("my activity");
        paris.navigate(at("/consultations/new"));
        paris.assertNoAccessibilityViolations("new consultation");
        click(paris, By.cssSelector("button[name=action][value=create]"));
        paris.assertNoAccessibilityViolations("new consultation with errors");
        formSentBack(paris);
        Browser administrator = signedIn(ConcordProcesses.ADMIN_TOKEN, "fr");
        administrator.navigate(at("/participants"));
        administrator.assertNoAccessibilityViolations("participants");

        // 8. the history, the diff and who wrote this tell the story
        Browser reader = Browser.start("en");
        open.add(reader);
        reader.navigate(at("/consultations/" + id + "/history"));
        assertThat(reader.find(By.tagName("main")).getText()).contains("France").contains("Intrusion Ltd");
        reader.navigate(at("/consultations/" + id + "/diff?from=1&to=3"));
        assertThat(reader.find(By.tagName("main")).getText()).contains("services included");
        reader.navigate(at("/consultations/" + id + "/provenance"));
        assertThat(reader.find(By.tagName("main")).getText()).contains("Amendments by States").contains("services included");
        reader.assertNoConsoleErrors();
        for (Browser browser : open) {
            browser.assertNoConsoleErrors();
        }
        watching.screenshot(Browser.SCREENSHOTS.resolve("story-observer-en.png"));
    }

    /** Proposes new wording for the provision labelled {@code label}, previewed first, and sends it. */
    private static void propose(Browser browser, String label, String wording, String justification) {
        click(browser, By.cssSelector("a[aria-label='Propose new wording for provision " + label + "']"));
        browser.assertNoAccessibilityViolations("amendment form");
        WebElement text = browser.find(By.id("text"));
        text.clear();
        text.sendKeys(wording);
        browser.find(By.id("justification")).sendKeys(justification);
        click(browser, By.cssSelector("button[name=action][value=preview]"));
        assertThat(browser.find(By.cssSelector(".preview")).findElements(By.tagName("ins"))).isNotEmpty();
        browser.assertNoAccessibilityViolations("amendment form, previewed");
        browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-amendment-preview-en.png"));
        click(browser, By.cssSelector("button[name=action][value=send]"));
        assertThat(browser.currentUri().getPath()).isEqualTo("/consultations/" + id);
    }

    /**
     * A form sent back with its errors answers 400, which Chromium logs as an error, a moment later: that entry
     * is taken out of the console, and nothing else may be there.
     */
    private static void formSentBack(Browser browser) {
        List<LogEntry> errors = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().equals(Level.SEVERE)).forEach(errors::add);
            assertThat(errors).anyMatch(entry -> entry.getMessage().contains("status of 400"));
        });
        assertThat(errors).allMatch(entry -> entry.getMessage().contains("status of 400"));
    }

    /** The board's card of the amendment whose heading names {@code author}. */
    private static WebElement card(Browser browser, String author) {
        return browser.findAll(By.cssSelector("[data-decision-card]")).stream()
                .filter(card -> card.findElement(By.tagName("h3")).getText().contains(author)).findFirst()
                .orElseThrow(() -> new AssertionError("no amendment by " + author + " on the board"));
    }

    /** Waits until the observer's live panel shows an update containing {@code words}; the panel keeps only the latest few. */
    private static void sees(Browser watching, Set<String> seen, String words) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (WebElement item : watching.findAll(By.cssSelector("[data-live-items] li"))) {
                seen.add(item.getText());
            }
            assertThat(seen).as("the observer's live panel").anyMatch(text -> text.contains(words));
        });
    }

    private static Browser signedIn(String token, String language) {
        Browser browser = Browser.start(language);
        open.add(browser);
        browser.navigate(at("/sign-in"));
        browser.find(By.id("token")).sendKeys(token);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.currentUri().getPath().equals("/sign-in"));
        return browser;
    }

    /** Clicks and waits for the next page to have loaded (a form's 303 and its page included). */
    private static void click(Browser browser, By by) {
        browser.whileLoading(browser.find(by)::click);
    }

    private static void tabTo(Browser browser, Predicate<WebElement> wanted) {
        for (int i = 0; i < 300; i++) {
            browser.press(Keys.TAB);
            if (wanted.test(browser.focused())) {
                return;
            }
        }
        throw new AssertionError("300 presses of Tab did not reach the element wanted on " + browser.currentUri());
    }

    private static URI at(String path) {
        return concord.gateway().resolve(path);
    }
}
