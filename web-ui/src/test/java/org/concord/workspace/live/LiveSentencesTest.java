package org.concord.workspace.live;

import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What the live panel says of each event, in English and French, with the masking the API gave and every text escaped. */
class LiveSentencesTest {

    private static final String ID = "c-1";
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ResourceBundleMessageSource MESSAGES = messages();
    private static final Formats EN = new Formats(Locale.ENGLISH, MESSAGES);
    private static final Formats FR = new Formats(Locale.FRENCH, MESSAGES);
    private static final LiveApi.Actor FRANCE = new LiveApi.Actor("p-fr", "France", "STATE");
    private static final LiveApi.Actor MASKED_NGO = new LiveApi.Actor(null, null, "NGO");
    private static final LiveApi.Actor DRAFTER = new LiveApi.Actor("p-uk", "Co-hosts Secretariat", "STATE");

    private final LiveFragments fragments = new LiveFragments(engine());

    @Test
    void a_comment_says_who_and_on_which_provision_and_links_to_it() {
        LiveItem item = describe(EN, entry("CommentPosted", FRANCE, """
                {"commentId":"k-1","provisionId":"p-3","amendmentId":null,"replyTo":null,"body":"b","attribution":"ATTRIBUTED","round":1}"""));

        assertThat(item.sentence()).isEqualTo("France (State) commented on provision 3");
        assertThat(item.href()).isEqualTo("/consultations/c-1#p-p-3");
        assertThat(item.time()).isEqualTo("4 December 2026, 10:00 UTC");
        assertThat(item.machineTime()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(describe(FR, entry("CommentPosted", FRANCE, """
                {"provisionId":"p-3","attribution":"ATTRIBUTED"}""")).sentence()).isEqualTo("France (État) a commenté la disposition 3");
    }

    @Test
    void a_chatham_house_comment_keeps_the_masking_the_api_gave_and_says_the_rule() {
        String masked = """
                {"provisionId":"p-3","amendmentId":null,"attribution":"CHATHAM_HOUSE"}""";

        assertThat(describe(EN, entry("CommentPosted", MASKED_NGO, masked)).sentence())
                .isEqualTo("A participant (NGO) commented on provision 3 · Chatham House rule");
        assertThat(describe(FR, entry("CommentPosted", MASKED_NGO, masked)).sentence())
                .isEqualTo("Un participant (ONG) a commenté la disposition 3 · règle de Chatham House");
        // a drafter is given the author: the panel shows what the API gave, and the rule
        assertThat(describe(EN, entry("CommentPosted", FRANCE, masked)).sentence())
                .isEqualTo("France (State) commented on provision 3 · Chatham House rule");
    }

    @Test
    void comments_on_an_amendment_and_on_the_consultation() {
        Places places = places();
        places.learn(entry("AmendmentProposed", FRANCE, """
                {"amendmentId":"a-1","kind":"REPLACE","provisionId":"p-2"}"""));

        LiveItem onAmendment = LiveSentences.describe(entry("CommentPosted", FRANCE, """
                {"provisionId":null,"amendmentId":"a-1","attribution":"ATTRIBUTED"}"""), places, ID, EN);
        assertThat(onAmendment.sentence()).isEqualTo("France (State) commented on an amendment to provision 2");
        assertThat(onAmendment.href()).isEqualTo("/consultations/c-1#p-p-2");
        LiveItem onConsultation = describe(EN, entry("CommentPosted", FRANCE, """
                {"provisionId":null,"amendmentId":null,"attribution":"ATTRIBUTED"}"""));
        assertThat(onConsultation.sentence()).isEqualTo("France (State) commented on the consultation");
        assertThat(onConsultation.href()).isEqualTo("/consultations/c-1");
    }

    @Test
    void amendments_proposed_supported_withdrawn_rejected_accepted() {
        Places places = places();
        LiveApi.Entry proposed = entry("AmendmentProposed", FRANCE, """
                {"amendmentId":"a-1","kind":"DELETE","provisionId":"p-2","baseVersion":1}""");
        places.learn(proposed);
        places.amendments(List.of(new LiveApi.Amendment("a-9", "p-3")));

        assertThat(LiveSentences.describe(proposed, places, ID, EN).sentence()).isEqualTo("France (State) proposed to delete provision 2");
        assertThat(LiveSentences.describe(entry("AmendmentProposed", FRANCE, """
                {"amendmentId":"a-2","kind":"INSERT_AFTER","provisionId":"p-3","label":"3.a"}"""), places, ID, EN).sentence())
                .isEqualTo("France (State) proposed a new provision after provision 3");
        assertThat(LiveSentences.describe(entry("AmendmentSupported", new LiveApi.Actor("p-ngo", "Access Now", "NGO"), """
                {"amendmentId":"a-1"}"""), places, ID, EN).sentence()).isEqualTo("Access Now (NGO) supported an amendment to provision 2");
        assertThat(LiveSentences.describe(entry("AmendmentWithdrawn", FRANCE, """
                {"amendmentId":"a-9"}"""), places, ID, FR).sentence()).isEqualTo("France (État) a retiré un amendement à la disposition 3");
        LiveItem rejected = LiveSentences.describe(entry("AmendmentRejected", DRAFTER, """
                {"amendmentId":"a-unknown","reason":"r"}"""), places, ID, EN);
        assertThat(rejected.sentence()).isEqualTo("Amendment to a provision rejected");
        assertThat(rejected.href()).isEqualTo("/consultations/c-1/dispositions");

        LiveItem accepted = LiveSentences.describe(entry("AmendmentAccepted", DRAFTER, """
                {"amendmentId":"a-1","status":"ACCEPTED","change":{"kind":"REPLACE","provisionId":"p-2"},"version":7}"""), places, ID, EN);
        assertThat(accepted.sentence()).isEqualTo("Version 7: amendment to provision 2 accepted");
        assertThat(accepted.href()).isEqualTo("/consultations/c-1#p-p-2");
        LiveApi.Entry inserted = entry("AmendmentAccepted", DRAFTER, """
                {"amendmentId":"a-2","change":{"kind":"INSERT_AFTER","provisionId":"p-3","newProvisionId":"p-new","label":"3.a"},"version":8}""");
        places.learn(inserted);
        assertThat(LiveSentences.describe(inserted, places, ID, FR).sentence()).isEqualTo("Version 8 : amendement à la disposition 3 accepté");
        assertThat(LiveSentences.describe(inserted, places, ID, FR).href()).isEqualTo("/consultations/c-1#p-p-new");
        assertThat(places.label("p-new")).isEqualTo("3.a");
    }

    @Test
    void versions_rounds_and_adoption() {
        LiveItem revised = describe(EN, entry("TextRevised", DRAFTER, """
                {"version":7,"baseVersion":6,"reason":"r","changes":[]}"""));
        assertThat(revised.sentence()).isEqualTo("Version 7: the drafters revised the text");
        assertThat(revised.href()).isEqualTo("/consultations/c-1/history#v-7");
        assertThat(describe(EN, entry("RoundOpened", DRAFTER, """
                {"round":2,"deadline":"2026-12-09T23:00:00Z"}""")).sentence()).isEqualTo("Round 2 opened, deadline 9 December 2026, 23:00 UTC");
        assertThat(describe(FR, entry("RoundOpened", DRAFTER, """
                {"round":2,"deadline":"2026-12-09T23:00:00Z"}""")).sentence()).isEqualTo("Tour 2 ouvert, échéance le 9 décembre 2026 à 23:00 UTC");
        assertThat(describe(EN, entry("RoundClosed", DRAFTER, """
                {"round":2}""")).sentence()).isEqualTo("Round 2 closed");
        assertThat(describe(FR, entry("ConsultationAdopted", DRAFTER, """
                {"version":9}""")).sentence()).isEqualTo("La consultation a été adoptée (version 9)");
        assertThat(describe(EN, entry("ConsultationEndorsed", DRAFTER, "{}")).sentence())
                .isEqualTo("Co-hosts Secretariat (State) endorsed the adopted text");
        assertThat(describe(FR, entry("ConsultationEndorsed", DRAFTER, "{}")).sentence())
                .isEqualTo("Co-hosts Secretariat (État) a approuvé le texte adopté");
        assertThat(describe(EN, entry("ParticipantRegistered", DRAFTER, "{}"))).isNull();
    }

    @Test
    void every_type_the_panel_follows_is_said_in_both_languages() {
        for (String type : LiveSentences.TYPES) {
            for (Formats formats : List.of(EN, FR)) {
                LiveItem item = describe(formats, entry(type, FRANCE, """
                        {"amendmentId":"a-1","provisionId":"p-1","kind":"REPLACE","version":2,"round":1,"attribution":"ATTRIBUTED",
                         "deadline":"2026-12-09T23:00:00Z","change":{"kind":"REPLACE","provisionId":"p-1"}}"""));
                assertThat(item).as(type).isNotNull();
                assertThat(item.sentence()).as(type).isNotBlank().doesNotContain("{").doesNotContain("live.");
            }
        }
    }

    @Test
    void hostile_names_come_out_as_text() {
        LiveApi.Actor hostile = new LiveApi.Actor("p-x", "<script>alert('x')</script> & \"Co\"", "COMPANY");
        LiveItem item = describe(EN, entry("CommentPosted", hostile, """
                {"provisionId":"p-3","attribution":"ATTRIBUTED"}"""));

        String html = fragments.render(item, Locale.ENGLISH);

        assertThat(html).startsWith("<li class=\"live__item\"><a href=\"/consultations/c-1#p-p-3\">")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot; (Company) commented on provision 3")
                .contains("</a> <time datetime=\"2026-12-04T10:00:00Z\">4 December 2026, 10:00 UTC</time>")
                .doesNotContain("<script");
    }

    @Test
    void a_page_passes_the_position_it_reflects_to_the_relay() {
        ConsultationNav nav = ConsultationNav.of(ID, "Title", "OPEN", "text", EN);

        assertThat(nav.liveUrl()).isEqualTo("/consultations/c-1/live");
        assertThat(nav.withLivePosition(1042L).liveUrl()).isEqualTo("/consultations/c-1/live?after=1042");
        assertThat(nav.withLivePosition(null).liveUrl()).isEqualTo("/consultations/c-1/live");
        assertThat(nav.withLivePosition(1042L).tabs()).isEqualTo(nav.tabs());
        assertThat(LiveController.position("17")).isEqualTo(17L);
        assertThat(LiveController.position("-1")).isNull();
        assertThat(LiveController.position("x")).isNull();
    }

    private static LiveItem describe(Formats formats, LiveApi.Entry entry) {
        return LiveSentences.describe(entry, places(), ID, formats);
    }

    private static Places places() {
        return new Places(List.of(new LiveApi.Provision("p-1", "1"), new LiveApi.Provision("p-2", "2"), new LiveApi.Provision("p-3", "3")));
    }

    private static LiveApi.Entry entry(String type, LiveApi.Actor actor, String data) {
        return new LiveApi.Entry(99, AT, type, actor, JSON.readTree(data));
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/live");
        messages.setDefaultEncoding("UTF-8");
        messages.setAlwaysUseMessageFormat(true);
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static SpringWebFluxTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringWebFluxTemplateEngine engine = new SpringWebFluxTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(MESSAGES);
        return engine;
    }
}
