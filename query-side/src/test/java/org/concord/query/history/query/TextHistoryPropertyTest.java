package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.consultation.Words;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random consultation histories go into the real event store; the history read models are fed the
 * events read back from it through Axon's handler invocation, some events twice as after a crash.
 * The text the read models serve at every version (and at every version's instant) must equal the
 * fold of the events read straight from the event store, and the provenance and provision histories
 * must spell the current text. Histories bracket passages (resolved by the next version) and merge amendments
 * into compromises too: each version shows the brackets open while it was current, and no other.
 */
class TextHistoryPropertyTest {

    private static final Actor DRAFTER = new Actor("drafter", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor DELEGATE = new Actor("delegate", "Kenya", StakeholderType.STATE);
    private static final Actor OTHER_DELEGATE = new Actor("other-delegate", "Access Now", StakeholderType.NGO);
    private static final Instant START = Instant.parse("2025-02-06T09:00:00Z");

    private static MongoClient client;
    private static SequencedMongoEventStorageEngine eventStore;
    private static TextHistoryProjection projection;
    private static TimelineProjection timeline;
    private static TextHistoryQueries queries;

    @BeforeContainer
    static void openStore() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        MongoDatabase database = client.getDatabase(test.name());
        Serializer serializer = JacksonSerializer.builder().objectMapper(EventPayloadMapper.create()).build();
        eventStore = SequencedMongoEventStorageEngine.builder().database(database)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        ReadModels readModels = new ReadModels(database);
        projection = new TextHistoryProjection(readModels);
        timeline = new TimelineProjection(readModels);
        queries = new TextHistoryQueries(readModels);
    }

    @AfterContainer
    static void closeStore() {
        client.close();
    }

    /** One step of a history, interpreted against the text as it then stands. */
    record Step(int kind, int target, String words, String otherWords, boolean modified, boolean deliveredTwice) {
    }

    @Property(tries = 60)
    void the_text_served_at_every_version_is_the_fold_of_the_stored_events(
            @ForAll("initialTexts") List<String> initial, @ForAll("histories") List<Step> steps) {
        String consultationId = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> consultationEvents = new ArrayList<>();
        List<EventMessage<?>> all = new ArrayList<>();
        List<Boolean> twice = new ArrayList<>();
        List<Provision> provisions = new ArrayList<>();
        for (int i = 0; i < initial.size(); i++) {
            provisions.add(new Provision("p" + i, Integer.toString(i + 1), initial.get(i)));
        }
        Text text = new Text(provisions);
        int version = 1;
        int next = initial.size();
        add(consultationEvents, all, twice, false, consultationId, new ConsultationCreatedEvent(consultationId, "Code", "A code",
                Visibility.PUBLIC, provisions, ConsultationStatus.DRAFT, DRAFTER, version));
        Map<Integer, String> bracketedIn = new TreeMap<>();
        for (Step step : steps) {
            Provision target = text.provisions().get(step.target() % text.provisions().size());
            if (step.kind() == 3) {
                // a passage bracketed in this version, resolved by the next with the step's words
                int count = Words.count(target.text());
                int start = step.target() % count;
                String bracketId = consultationId + "-b" + version;
                add(consultationEvents, all, twice, step.deliveredTwice(), consultationId, new TextBracketedEvent(consultationId, bracketId,
                        target.provisionId(), version, start, start + 1, Words.quote(target.text(), start, start + 1),
                        List.of(new Alternative("x", step.words(), List.of()), new Alternative("y", step.otherWords(), List.of())), null, DRAFTER));
                add(consultationEvents, all, twice, false, consultationId, new ProvisionStatusChangedEvent(consultationId, target.provisionId(),
                        ProvisionStatus.OPEN, ProvisionStatus.BRACKETED, "Passage bracketed", DRAFTER));
                bracketedIn.put(version, target.provisionId());
                TextChange change = new TextChange(ChangeKind.REPLACE, target.provisionId(), null, null,
                        replaced(target.text(), start, step.words()));
                text = text.apply(change);
                version++;
                add(consultationEvents, all, twice, step.deliveredTwice(), consultationId, new BracketResolvedEvent(consultationId, bracketId,
                        target.provisionId(), "x", step.words(), "resolved", change, version, DRAFTER));
                add(consultationEvents, all, twice, false, consultationId, new ProvisionStatusChangedEvent(consultationId, target.provisionId(),
                        ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved", DRAFTER));
            } else if (step.kind() == 4) {
                // a compromise merging two amendments to the provision
                List<String> merged = List.of(consultationId + "-m" + version, consultationId + "-n" + version);
                add(consultationEvents, all, twice, false, consultationId, new AmendmentProposedEvent(consultationId, merged.get(0),
                        ChangeKind.REPLACE, target.provisionId(), version, step.words(), null, "because", 1, DELEGATE));
                add(consultationEvents, all, twice, false, consultationId, new AmendmentProposedEvent(consultationId, merged.get(1),
                        ChangeKind.REPLACE, target.provisionId(), version, step.otherWords(), null, "because", 1, OTHER_DELEGATE));
                TextChange change = new TextChange(ChangeKind.REPLACE, target.provisionId(), null, null, step.words() + " " + step.otherWords());
                text = text.apply(change);
                version++;
                add(consultationEvents, all, twice, step.deliveredTwice(), consultationId, new CompromiseAcceptedEvent(consultationId,
                        consultationId + "-k" + version, target.provisionId(), merged, "merged", change, version, DRAFTER));
            } else {
                TextChange change = switch (step.kind() % 3) {
                    case 0 -> new TextChange(ChangeKind.REPLACE, target.provisionId(), null, null, step.words());
                    case 1 -> new TextChange(ChangeKind.INSERT_AFTER, target.provisionId(), "p" + next++, "n" + next, step.words());
                    default -> text.provisions().size() > 1
                            ? new TextChange(ChangeKind.DELETE, target.provisionId(), null, null, null)
                            : new TextChange(ChangeKind.REPLACE, target.provisionId(), null, null, step.words());
                };
                text = text.apply(change);
                version++;
                if (step.target() % 2 == 0) {
                    add(consultationEvents, all, twice, step.deliveredTwice(), consultationId,
                            new TextRevisedEvent(consultationId, version, version - 1, "drafting", List.of(change), DRAFTER));
                } else {
                    String amendmentId = consultationId + "-a" + version;
                    add(consultationEvents, all, twice, false, consultationId, new AmendmentProposedEvent(consultationId, amendmentId,
                            change.kind(), change.provisionId(), version - 1, step.otherWords(), change.label(), "because", 1, DELEGATE));
                    AmendmentStatus status = step.modified() ? AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS : AmendmentStatus.ACCEPTED;
                    add(consultationEvents, all, twice, step.deliveredTwice(), consultationId,
                            new AmendmentAcceptedEvent(consultationId, amendmentId, status, "agreed", change, version, DRAFTER));
                }
            }
            String commentId = consultationId + "-c" + version;
            all.add(message(commentId, 0, new CommentPostedEvent(commentId, consultationId, null, null, null, "noted",
                    Attribution.ATTRIBUTED, 1, DELEGATE, null), all.size()));
            twice.add(false);
        }
        eventStore.appendEvents(all);

        List<TrackedEventMessage<?>> stored = new ArrayList<>();
        eventStore.readEvents(null, false)
                .filter(event -> event.getPayload() instanceof ConsultationEvent e && e.consultationId().equals(consultationId))
                .forEach(stored::add);
        AnnotationEventHandlerAdapter texts = new AnnotationEventHandlerAdapter(projection);
        AnnotationEventHandlerAdapter entries = new AnnotationEventHandlerAdapter(timeline);
        for (int i = 0; i < stored.size(); i++) {
            deliver(texts, entries, stored.get(i));
            if (twice.get(i)) {
                deliver(texts, entries, stored.get(i));
            }
        }

        Map<Integer, List<Provision>> folded = fold(stored);
        assertThat(folded.keySet()).hasSize(version);
        folded.forEach((at, expected) -> {
            assertThat(queries.textAt(consultationId, at)).hasValueSatisfying(served -> assertThat(served.provisions())
                    .extracting(HistoryViews.VersionProvision::provision).isEqualTo(expected));
            Instant madeAt = START.plusSeconds(indexOfVersion(stored, at));
            assertThat(queries.handle(new FindTextAsOfQuery(consultationId, madeAt)))
                    .hasValueSatisfying(served -> assertThat(served.version()).isEqualTo(at));
        });
        assertThat(queries.textAt(consultationId, version + 1)).isEmpty();
        for (int at = 1; at <= version; at++) {
            String bracketed = bracketedIn.get(at);
            assertThat(queries.textAt(consultationId, at).orElseThrow().provisions())
                    .allSatisfy(provision -> {
                        boolean expected = provision.provisionId().equals(bracketed);
                        assertThat(provision.status()).isEqualTo(expected ? ProvisionStatus.BRACKETED : ProvisionStatus.OPEN);
                        assertThat(provision.brackets()).hasSize(expected ? 1 : 0);
                        assertThat(provision.negotiationText().equals(provision.text())).isEqualTo(!expected);
                    });
        }
        List<Provision> current = folded.get(version);
        assertThat(queries.handle(new FindProvenanceQuery(consultationId))).hasValueSatisfying(provenance -> {
            assertThat(provenance.provisions()).extracting(HistoryViews.ProvisionProvenance::provisionId)
                    .containsExactlyElementsOf(current.stream().map(Provision::provisionId).toList());
            for (int i = 0; i < current.size(); i++) {
                assertThat(provenance.provisions().get(i).spans().stream().map(HistoryViews.Span::text).reduce("", String::concat))
                        .isEqualTo(current.get(i).text());
            }
        });
        for (Provision provision : current) {
            List<HistoryViews.Wording> wordings = queries.handle(new FindProvisionHistoryQuery(consultationId, provision.provisionId()));
            assertThat(wordings.get(wordings.size() - 1).text()).isEqualTo(provision.text());
            assertThat(wordings).extracting(HistoryViews.Wording::version).isSorted().doesNotHaveDuplicates();
        }
        assertThat(timeline.handle(new FindTimelineQuery(consultationId, null, false, 0, 0)))
                .extracting(TimelineEntries.Entry::position)
                .containsExactlyElementsOf(stored.stream().map(event -> event.trackingToken().position().orElseThrow()).toList());
    }

    /** The text after each version, folded from the stored events alone. */
    private static Map<Integer, List<Provision>> fold(List<TrackedEventMessage<?>> stored) {
        Map<Integer, List<Provision>> texts = new TreeMap<>();
        Text text = null;
        for (TrackedEventMessage<?> event : stored) {
            Object payload = event.getPayload();
            if (payload instanceof ConsultationCreatedEvent created) {
                text = new Text(created.provisions());
                texts.put(created.version(), text.provisions());
            } else if (payload instanceof TextRevisedEvent revised) {
                for (TextChange change : revised.changes()) {
                    text = text.apply(change);
                }
                texts.put(revised.version(), text.provisions());
            } else if (payload instanceof AmendmentAcceptedEvent accepted) {
                text = text.apply(accepted.change());
                texts.put(accepted.version(), text.provisions());
            } else if (payload instanceof BracketResolvedEvent resolved) {
                text = text.apply(resolved.change());
                texts.put(resolved.version(), text.provisions());
            } else if (payload instanceof CompromiseAcceptedEvent compromise) {
                text = text.apply(compromise.change());
                texts.put(compromise.version(), text.provisions());
            }
        }
        return texts;
    }

    /** {@code text} with its word {@code at} (counted as a selection counts) replaced by {@code wording}. */
    private static String replaced(String text, int at, String wording) {
        List<Words.Word> words = Words.of(text);
        int first = Words.firstCounted(words);
        StringBuilder replaced = new StringBuilder(first == 1 ? words.get(0).space() : "");
        for (int i = first; i < words.size(); i++) {
            replaced.append(i == first + at ? wording : words.get(i).body()).append(words.get(i).space());
        }
        return replaced.toString();
    }

    /** How many seconds after START the event that made {@code version} is stamped. */
    private static long indexOfVersion(List<TrackedEventMessage<?>> stored, int version) {
        for (TrackedEventMessage<?> event : stored) {
            Object payload = event.getPayload();
            int made = payload instanceof ConsultationCreatedEvent c ? c.version()
                    : payload instanceof TextRevisedEvent r ? r.version()
                    : payload instanceof AmendmentAcceptedEvent a ? a.version()
                    : payload instanceof BracketResolvedEvent b ? b.version()
                    : payload instanceof CompromiseAcceptedEvent k ? k.version() : -1;
            if (made == version) {
                return event.getTimestamp().getEpochSecond() - START.getEpochSecond();
            }
        }
        throw new AssertionError("no event made version " + version);
    }

    private static void deliver(AnnotationEventHandlerAdapter texts, AnnotationEventHandlerAdapter entries, EventMessage<?> event) {
        try {
            texts.handle(event);
            entries.handle(event);
        } catch (Exception e) {
            throw new AssertionError("a handler failed on " + event.getPayloadType().getSimpleName(), e);
        }
    }

    private static void add(List<DomainEventMessage<?>> consultationEvents, List<EventMessage<?>> all, List<Boolean> twice,
                            boolean deliveredTwice, String consultationId, Object payload) {
        DomainEventMessage<?> event = message(consultationId, consultationEvents.size(), payload, all.size());
        consultationEvents.add(event);
        all.add(event);
        twice.add(deliveredTwice);
    }

    private static DomainEventMessage<?> message(String aggregateId, long sequence, Object payload, int index) {
        return new GenericDomainEventMessage<>("Consultation", aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), START.plusSeconds(index));
    }

    @Provide
    Arbitrary<List<String>> initialTexts() {
        return sentences().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 50),
                        sentences(), sentences(), Arbitraries.of(true, false), Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false)))
                .as(Step::new).list().ofMinSize(0).ofMaxSize(60);
    }

    private static Arbitrary<String> sentences() {
        Arbitrary<String> word = Arbitraries.of("States", "should", "shall", "vendors", "regulate", "spyware", "export",
                "human", "rights", "risk", "must", "not", "and", "or", "the", ",", ".", "hacking-for-hire", "État", "l'export");
        return word.list().ofMinSize(1).ofMaxSize(12).map(words -> String.join(" ", words));
    }
}
