package org.concord.query.history.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.history.FindDiffQuery;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.query.history.query.HistoryDocuments.ProvisionNegotiation;
import org.concord.query.history.query.HistoryDocuments.RecordedVersion;
import org.concord.query.history.query.HistoryDocuments.StoredVersionNegotiation;
import org.concord.query.history.query.HistoryDocuments.StoredProvenance;
import org.concord.query.history.query.HistoryDocuments.StoredProvisionHistory;
import org.concord.query.history.query.HistoryDocuments.StoredText;
import org.concord.query.history.query.HistoryDocuments.StoredVersion;
import org.concord.query.history.query.HistoryDocuments.VersionHeader;
import org.concord.query.history.query.HistoryDocuments.VersionTimes;
import org.concord.query.history.query.HistoryViews.Diff;
import org.concord.query.history.query.HistoryViews.ProvenanceView;
import org.concord.query.history.query.HistoryViews.ProvisionChange;
import org.concord.query.history.query.HistoryViews.ProvisionProvenance;
import org.concord.query.history.query.HistoryViews.Span;
import org.concord.query.history.query.HistoryViews.TextAtVersion;
import org.concord.query.history.query.HistoryViews.VersionAlternative;
import org.concord.query.history.query.HistoryViews.VersionBracket;
import org.concord.query.history.query.HistoryViews.VersionProvision;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.history.query.HistoryViews.Wording;
import org.concord.query.negotiation.query.NegotiationText;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.concord.query.history.query.HistoryDocuments.checkpointBefore;
import static org.concord.query.history.query.HistoryDocuments.provisionKey;
import static org.concord.query.history.query.HistoryDocuments.versionId;

/**
 * Answers the history reads from what {@link TextHistoryProjection} stored. Every read is a lookup by
 * id: the text at a version is its checkpoint and at most {@value HistoryDocuments#CHECKPOINT_EVERY}
 * versions' changes, fetched in one {@code $in}; so the cost does not grow with the number of versions.
 * A diff, which costs more ({@link TextDiff}), is remembered per consultation, versions and read-model
 * generation: a version never changes within a generation, and a rebuild starts a new one. Who may read
 * it is checked before every query, remembered or not (web/HistoryQueryController).
 */
@Component
public class TextHistoryQueries {

    private static final String ID = "_id";
    /** The characters of the diffs remembered, before, after and inline: some 16 MB. */
    private static final long REMEMBERED_DIFF_CHARACTERS = 8_000_000;

    private final ReadModelCollection texts;
    private final ReadModelCollection versions;
    private final ReadModelCollection provisionHistories;
    private final ReadModelCollection provenance;
    private final ReadModelCollection versionNegotiations;
    private final ReadModels readModels;
    private final Cache<DiffKey, Diff> diffs = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_DIFF_CHARACTERS)
            .weigher((DiffKey key, Diff diff) -> characters(diff))
            .build();

    public TextHistoryQueries(ReadModels readModels) {
        this.readModels = readModels;
        this.texts = readModels.collection(TextHistoryProjection.TEXTS);
        this.versions = readModels.collection(TextHistoryProjection.VERSIONS);
        this.provisionHistories = readModels.collection(TextHistoryProjection.PROVISION_HISTORIES);
        this.provenance = readModels.collection(TextHistoryProjection.PROVENANCE);
        this.versionNegotiations = readModels.collection(TextHistoryProjection.VERSION_NEGOTIATIONS);
    }

    @QueryHandler
    public List<VersionSummary> handle(FindVersionsQuery query) {
        int current = currentVersion(query.consultationId());
        List<String> ids = IntStream.rangeClosed(1, current).mapToObj(v -> versionId(query.consultationId(), v)).toList();
        List<VersionSummary> found = new ArrayList<>();
        versions.reading(VersionHeader.class).find(Filters.in(ID, ids))
                .projection(Projections.include(HistoryDocuments.VERSION, HistoryDocuments.CREATED_AT, HistoryDocuments.CAUSE))
                .forEach(version -> found.add(new VersionSummary(version.version(), version.createdAt(), version.cause())));
        found.sort(Comparator.comparingInt(VersionSummary::version));
        return found;
    }

    @QueryHandler
    public Optional<TextAtVersion> handle(FindTextAtVersionQuery query) {
        return textAt(query.consultationId(), query.version());
    }

    @QueryHandler
    public Optional<TextAtVersion> handle(FindTextAsOfQuery query) {
        VersionTimes text = texts.reading(VersionTimes.class).find(byId(query.consultationId()))
                .projection(Projections.include(HistoryDocuments.TIMES)).first();
        if (text == null) {
            return Optional.empty();
        }
        List<Instant> times = text.times();
        int low = 0;
        int high = times.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times.get(middle).isAfter(query.asOf())) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low == 0 ? Optional.empty() : textAt(query.consultationId(), low);
    }

    /** Empty when either version does not exist (not remembered: the version may be recorded soon). */
    @QueryHandler
    public Optional<Diff> handle(FindDiffQuery query) {
        int generation = readModels.servingGeneration();
        DiffKey key = new DiffKey(query.consultationId(), query.from(), query.to(), generation);
        Diff remembered = diffs.getIfPresent(key);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<Diff> diff = diff(query);
        // a switch of generation while the diff was computed: it may be of either, so it is not remembered
        if (diff.isPresent() && readModels.servingGeneration() == generation) {
            diffs.put(key, diff.get());
        }
        return diff;
    }

    private Optional<Diff> diff(FindDiffQuery query) {
        Optional<WordingAt> from = wordingAt(query.consultationId(), query.from());
        Optional<WordingAt> to = wordingAt(query.consultationId(), query.to());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Diff(query.from(), query.to(), TextDiff.between(from.get().provisions(), to.get().provisions())));
    }

    /** Empty when the provision never existed in the consultation; else it has at least its first wording. */
    @QueryHandler
    public List<Wording> handle(FindProvisionHistoryQuery query) {
        StoredProvisionHistory history = provisionHistories.reading(StoredProvisionHistory.class)
                .find(byId(provisionKey(query.consultationId(), query.provisionId()))).first();
        return history == null ? List.of() : history.entries();
    }

    /** The word trails of a consultation's provisions, and the version its history has recorded. */
    public record Trails(int version, Map<String, WordTrail> byProvision) {
    }

    /**
     * The word trails of these provisions of a consultation (a provision that never existed has none), and
     * the version the history has recorded (0 before the first): two reads by id, whatever the number of provisions.
     */
    public Trails trails(String consultationId, Collection<String> provisionIds) {
        int version = currentVersion(consultationId);
        Map<String, WordTrail> byProvision = new HashMap<>();
        provisionHistories.reading(StoredProvisionHistory.class)
                .find(Filters.in(ID, provisionIds.stream().map(id -> provisionKey(consultationId, id)).toList()))
                .forEach(history -> byProvision.put(history.provisionId(), new WordTrail(history.entries())));
        return new Trails(version, byProvision);
    }

    @QueryHandler
    public Optional<ProvenanceView> handle(FindProvenanceQuery query) {
        StoredText current = texts.reading(StoredText.class).find(byId(query.consultationId()))
                .projection(Projections.exclude(HistoryDocuments.TIMES)).first();
        if (current == null) {
            return Optional.empty();
        }
        Text text = new Text(current.provisions());
        Map<String, Provenance> byProvision = new HashMap<>();
        provenance.reading(StoredProvenance.class)
                .find(Filters.in(ID, text.provisions().stream().map(p -> provisionKey(query.consultationId(), p.provisionId())).toList()))
                .forEach(stored -> byProvision.put(stored.provisionId(), new Provenance(stored.spans())));
        List<ProvisionProvenance> provisions = new ArrayList<>();
        for (Provision provision : text.provisions()) {
            Provenance spans = byProvision.getOrDefault(provision.provisionId(), new Provenance(List.of()));
            provisions.add(new ProvisionProvenance(provision.provisionId(), provision.label(), spans.spans().stream()
                    .map(span -> new Span(span.text(), span.by().version(), span.by().amendmentId(), span.by().organisation(),
                            span.by().stakeholderType()))
                    .toList()));
        }
        return Optional.of(new ProvenanceView(current.version(), provisions));
    }

    /**
     * The text at {@code version}, each provision with its status and brackets as they stood when the version was
     * current: its wording ({@link #wordingAt}) and its negotiation state, one more read by id.
     */
    Optional<TextAtVersion> textAt(String consultationId, int version) {
        return wordingAt(consultationId, version).map(wording -> {
            Map<String, ProvisionNegotiation> negotiation = new HashMap<>();
            StoredVersionNegotiation stored = versionNegotiations.reading(StoredVersionNegotiation.class)
                    .find(byId(versionId(consultationId, version))).first();
            if (stored != null) {
                stored.provisions().forEach(state -> negotiation.put(state.provisionId(), state));
            }
            return new TextAtVersion(version, wording.createdAt(), wording.provisions().stream()
                    .map(provision -> provisionAt(provision, negotiation.get(provision.provisionId()))).toList());
        });
    }

    private static VersionProvision provisionAt(Provision provision, ProvisionNegotiation state) {
        if (state == null) {
            return new VersionProvision(provision.provisionId(), provision.label(), provision.text(), ProvisionStatus.OPEN,
                    provision.text(), provision.text(), List.of());
        }
        List<NegotiationText.Passage> passages = VersionNegotiation.passages(state);
        List<VersionBracket> brackets = state.brackets().stream().map(bracket -> {
            List<VersionAlternative> alternatives = new ArrayList<>();
            for (int i = 0; i < bracket.alternatives().size(); i++) {
                Alternative alternative = bracket.alternatives().get(i);
                alternatives.add(new VersionAlternative(alternative.alternativeId(), NegotiationText.label(i), alternative.text(),
                        alternative.sponsors()));
            }
            return new VersionBracket(bracket.bracketId(), bracket.start(), bracket.end(), bracket.words(), bracket.note(), alternatives);
        }).toList();
        return new VersionProvision(provision.provisionId(), provision.label(), provision.text(), state.status(),
                NegotiationText.negotiation(provision.text(), passages), NegotiationText.clean(provision.text(), passages), brackets);
    }

    /** A version's wording and when it was made. */
    record WordingAt(Instant createdAt, List<Provision> provisions) {
    }

    /** The wording at {@code version}: the checkpoint at or before it with the changes of the versions after it. */
    Optional<WordingAt> wordingAt(String consultationId, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        int checkpoint = checkpointBefore(version);
        Map<Integer, StoredVersion> byVersion = new HashMap<>();
        versions.reading(StoredVersion.class)
                .find(Filters.in(ID, IntStream.rangeClosed(checkpoint, version).mapToObj(v -> versionId(consultationId, v)).toList()))
                .forEach(stored -> byVersion.put(stored.version(), stored));
        if (!byVersion.containsKey(version) || !byVersion.containsKey(checkpoint)) {
            return Optional.empty();
        }
        Text text = new Text(byVersion.get(checkpoint).text());
        for (int next = checkpoint + 1; next <= version; next++) {
            for (TextChange change : byVersion.get(next).changes()) {
                text = text.apply(change);
            }
        }
        return Optional.of(new WordingAt(byVersion.get(version).createdAt(), text.provisions()));
    }

    private record DiffKey(String consultationId, int from, int to, int generation) {
    }

    private static int characters(Diff diff) {
        long characters = 0;
        for (ProvisionChange change : diff.changes()) {
            characters += length(change.before()) + length(change.after());
            for (InlineDiff.Run run : change.inline()) {
                characters += run.text().length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, characters);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private int currentVersion(String consultationId) {
        RecordedVersion text = texts.reading(RecordedVersion.class).find(byId(consultationId))
                .projection(Projections.include(HistoryDocuments.VERSION)).first();
        return text == null ? 0 : text.version();
    }

    private static Bson byId(String id) {
        return Filters.eq(ID, id);
    }
}
