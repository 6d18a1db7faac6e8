package org.concord.query.history.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.history.FindDiffQuery;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.Diff;
import org.concord.query.history.query.HistoryViews.ProvenanceView;
import org.concord.query.history.query.HistoryViews.ProvisionChange;
import org.concord.query.history.query.HistoryViews.ProvisionProvenance;
import org.concord.query.history.query.HistoryViews.Span;
import org.concord.query.history.query.HistoryViews.TextAtVersion;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.history.query.HistoryViews.Wording;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.shared.ActorDocuments;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
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
 */
@Component
public class TextHistoryQueries {

    private final ReadModelCollection texts;
    private final ReadModelCollection versions;
    private final ReadModelCollection provisionHistories;
    private final ReadModelCollection provenance;

    public TextHistoryQueries(ReadModels readModels) {
        this.texts = readModels.collection(TextHistoryProjection.TEXTS);
        this.versions = readModels.collection(TextHistoryProjection.VERSIONS);
        this.provisionHistories = readModels.collection(TextHistoryProjection.PROVISION_HISTORIES);
        this.provenance = readModels.collection(TextHistoryProjection.PROVENANCE);
    }

    @QueryHandler
    public List<VersionSummary> handle(FindVersionsQuery query) {
        int current = currentVersion(query.consultationId());
        List<String> ids = IntStream.rangeClosed(1, current).mapToObj(v -> versionId(query.consultationId(), v)).toList();
        List<VersionSummary> found = new ArrayList<>();
        versions.reading().find(Filters.in("_id", ids)).projection(Projections.include("version", "createdAt", "cause"))
                .forEach(version -> found.add(new VersionSummary(version.getInteger("version"),
                        version.getDate("createdAt").toInstant(), cause(version.get("cause", Document.class)))));
        found.sort(Comparator.comparingInt(VersionSummary::version));
        return found;
    }

    @QueryHandler
    public Optional<TextAtVersion> handle(FindTextAtVersionQuery query) {
        return textAt(query.consultationId(), query.version());
    }

    @QueryHandler
    public Optional<TextAtVersion> handle(FindTextAsOfQuery query) {
        Document text = texts.reading().find(Filters.eq("_id", query.consultationId())).projection(Projections.include("times")).first();
        if (text == null) {
            return Optional.empty();
        }
        List<Date> times = text.getList("times", Date.class);
        int low = 0;
        int high = times.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times.get(middle).toInstant().isAfter(query.asOf())) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low == 0 ? Optional.empty() : textAt(query.consultationId(), low);
    }

    /** Empty when either version does not exist. */
    @QueryHandler
    public Optional<Diff> handle(FindDiffQuery query) {
        Optional<TextAtVersion> from = textAt(query.consultationId(), query.from());
        Optional<TextAtVersion> to = textAt(query.consultationId(), query.to());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Diff(query.from(), query.to(), TextDiff.between(from.get().provisions(), to.get().provisions())));
    }

    /** Empty when the provision never existed in the consultation; else it has at least its first wording. */
    @QueryHandler
    public List<Wording> handle(FindProvisionHistoryQuery query) {
        Document history = provisionHistories.reading().find(Filters.eq("_id", provisionKey(query.consultationId(), query.provisionId()))).first();
        return history == null ? List.of() : wordings(history);
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
        provisionHistories.reading().find(Filters.in("_id", provisionIds.stream().map(id -> provisionKey(consultationId, id)).toList()))
                .forEach(history -> byProvision.put(history.getString("provisionId"), new WordTrail(wordings(history))));
        return new Trails(version, byProvision);
    }

    private static List<Wording> wordings(Document history) {
        return history.getList("entries", Document.class).stream()
                .map(entry -> new Wording(entry.getInteger("version"), entry.getString("label"), entry.getString("text"),
                        entry.getBoolean("deleted", false), cause(entry.get("cause", Document.class))))
                .toList();
    }

    @QueryHandler
    public Optional<ProvenanceView> handle(FindProvenanceQuery query) {
        Document current = texts.reading().find(Filters.eq("_id", query.consultationId())).projection(Projections.include("version", "provisions")).first();
        if (current == null) {
            return Optional.empty();
        }
        Text text = HistoryDocuments.text(current.getList("provisions", Document.class));
        Map<String, Provenance> byProvision = new HashMap<>();
        provenance.reading().find(Filters.in("_id", text.provisions().stream().map(p -> provisionKey(query.consultationId(), p.provisionId())).toList()))
                .forEach(stored -> byProvision.put(stored.getString("provisionId"), HistoryDocuments.provenance(stored.getList("spans", Document.class))));
        List<ProvisionProvenance> provisions = new ArrayList<>();
        for (Provision provision : text.provisions()) {
            Provenance spans = byProvision.getOrDefault(provision.provisionId(), new Provenance(List.of()));
            provisions.add(new ProvisionProvenance(provision.provisionId(), provision.label(), spans.spans().stream()
                    .map(span -> new Span(span.text(), span.by().version(), span.by().amendmentId(), span.by().organisation(),
                            span.by().stakeholderType()))
                    .toList()));
        }
        return Optional.of(new ProvenanceView(current.getInteger("version"), provisions));
    }

    /** The text at {@code version}: the checkpoint at or before it with the changes of the versions after it. */
    Optional<TextAtVersion> textAt(String consultationId, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        int checkpoint = checkpointBefore(version);
        Map<Integer, Document> byVersion = new HashMap<>();
        versions.reading().find(Filters.in("_id", IntStream.rangeClosed(checkpoint, version).mapToObj(v -> versionId(consultationId, v)).toList()))
                .forEach(document -> byVersion.put(document.getInteger("version"), document));
        if (!byVersion.containsKey(version) || !byVersion.containsKey(checkpoint)) {
            return Optional.empty();
        }
        Text text = HistoryDocuments.text(byVersion.get(checkpoint).getList("text", Document.class));
        for (int next = checkpoint + 1; next <= version; next++) {
            for (Document change : byVersion.get(next).getList("changes", Document.class)) {
                text = text.apply(HistoryDocuments.change(change));
            }
        }
        Instant createdAt = byVersion.get(version).getDate("createdAt").toInstant();
        return Optional.of(new TextAtVersion(version, createdAt, text.provisions()));
    }

    private int currentVersion(String consultationId) {
        Document text = texts.reading().find(Filters.eq("_id", consultationId)).projection(Projections.include("version")).first();
        return text == null ? 0 : text.getInteger("version");
    }

    private static Cause cause(Document cause) {
        return new Cause(cause.getString("type"), cause.getString("amendmentId"),
                ActorDocuments.actor(cause.get("author", Document.class)), ActorDocuments.actor(cause.get("decidedBy", Document.class)),
                cause.getString("reason"));
    }
}
