package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.history.FindDiffQuery;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.history.query.HistoryViews.Diff;
import org.concord.query.history.query.InlineDiff.Op;
import org.concord.query.history.query.InlineDiff.Run;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A diff's cost is bounded whatever the texts (issue #18, finding 9): two large unrelated wordings are
 * compared with a bounded amount of work, measured as the memory the comparison allocates, not its time;
 * and a diff asked for again is not computed again while the read models stay the same generation.
 */
class DiffCostTest {

    private static final Actor DRAFTER = new Actor("drafter", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    /** What the unbounded word diff allocated for two such wordings was some 1 GB; the bounded one, a few MB. */
    private static final long BOUNDED_ALLOCATION = 64L * 1024 * 1024;

    private MongoClient client;
    private ReadModels readModels;
    private TextHistoryProjection projection;
    private TextHistoryQueries queries;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        readModels = new ReadModels(client.getDatabase(test.name()));
        projection = new TextHistoryProjection(readModels);
        queries = new TextHistoryQueries(readModels);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void two_large_unrelated_wordings_are_compared_with_bounded_work_and_the_runs_still_spell_both() {
        String before = unrelatedWording(1);
        String after = unrelatedWording(2);

        long allocatedBefore = allocatedByThisThread();
        List<Run> runs = InlineDiff.between(before, after);
        long allocated = allocatedByThisThread() - allocatedBefore;

        assertThat(allocated).isLessThan(BOUNDED_ALLOCATION);
        assertThat(spelled(runs, Op.DELETE)).isEqualTo(before);
        assertThat(spelled(runs, Op.INSERT)).isEqualTo(after);
    }

    @Test
    void a_diff_over_the_bound_keeps_the_words_both_wordings_begin_and_end_with() {
        String before = "The parties agree that " + unrelatedWording(3) + " as agreed.";
        String after = "The parties agree that " + unrelatedWording(4) + " as agreed.";

        List<Run> runs = InlineDiff.between(before, after);

        assertThat(runs).hasSize(4);
        assertThat(runs.get(0)).isEqualTo(new Run(Op.EQUAL, "The parties agree that "));
        assertThat(runs.get(3)).isEqualTo(new Run(Op.EQUAL, "as agreed."));
    }

    @Test
    void a_diff_asked_for_again_is_not_computed_again() {
        twoVersionsOfOneLargeProvision("c1");

        Optional<Diff> first = queries.handle(new FindDiffQuery("c1", 1, 2));
        Optional<Diff> second = queries.handle(new FindDiffQuery("c1", 1, 2));

        assertThat(first).isPresent();
        assertThat(second.get()).isSameAs(first.get());
    }

    @Test
    void a_rebuilt_read_model_computes_the_diff_again() {
        twoVersionsOfOneLargeProvision("c1");
        Diff beforeRebuild = queries.handle(new FindDiffQuery("c1", 1, 2)).orElseThrow();

        readModels.beginNextGeneration();
        twoVersionsOfOneLargeProvision("c1");
        readModels.finishGeneration(AT);
        Diff afterRebuild = queries.handle(new FindDiffQuery("c1", 1, 2)).orElseThrow();

        assertThat(afterRebuild).isNotSameAs(beforeRebuild).isEqualTo(beforeRebuild);
    }

    @Test
    void a_version_not_recorded_yet_is_not_remembered_as_missing() {
        projection.on(created("c1", "The parties agree."), AT);
        assertThat(queries.handle(new FindDiffQuery("c1", 1, 2))).isEmpty();

        projection.on(revised("c1", "The parties disagree."), AT.plusSeconds(60));

        assertThat(queries.handle(new FindDiffQuery("c1", 1, 2))).isPresent();
    }

    private void twoVersionsOfOneLargeProvision(String consultationId) {
        projection.on(created(consultationId, unrelatedWording(1)), AT);
        projection.on(revised(consultationId, unrelatedWording(2)), AT.plusSeconds(60));
    }

    private static ConsultationCreatedEvent created(String consultationId, String text) {
        return new ConsultationCreatedEvent(consultationId, "Code", "A code", Visibility.PUBLIC,
                List.of(new Provision("p1", "1", text)), ConsultationStatus.DRAFT, DRAFTER, 1);
    }

    private static TextRevisedEvent revised(String consultationId, String text) {
        return new TextRevisedEvent(consultationId, 2, 1, "rewritten",
                List.of(new TextChange(ChangeKind.REPLACE, "p1", null, null, text)), DRAFTER);
    }

    /** A wording of some 20,000 characters (the longest a provision may have) of words drawn at random. */
    private static String unrelatedWording(long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        int length = 0;
        while (length < 19_000) {
            String word = Integer.toString(random.nextInt(1_000_000), 36);
            words.add(word);
            length += word.length() + 1;
        }
        return String.join(" ", words);
    }

    private static String spelled(List<Run> runs, Op changed) {
        return runs.stream().filter(run -> run.op() == Op.EQUAL || run.op() == changed).map(Run::text).collect(Collectors.joining());
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
