package org.concord.bench;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the event store of a running Concord with a realistic history, straight through Concord's own
 * storage engine, because commands through the API would take most of an hour for 100,000 events:
 * delegates registered, then consultations with comment rounds of amendments, supports, comments (a
 * third of them Chatham House), withdrawals, decisions and revisions, some adopted and endorsed. Every
 * event is one of the real event records, in its own commit as a command's would be, with its
 * aggregate's next sequence number, and every text change applies to the text as it then stands, so
 * the projections fold it exactly as they fold what the command side stores.
 */
final class SyntheticHistory {

    /** The aggregate types the command side stores events under: the aggregate classes' simple names. */
    private static final String CONSULTATION = "Consultation";
    private static final String COMMENT = "Comment";
    private static final String PARTICIPANT = "Participant";
    private static final int DELEGATES = 240;
    private static final int DRAFTERS = 6;
    private static final int ACTIVE_PER_THREAD = 3;
    private static final Actor ADMINISTRATOR = new Actor("admin", "Concord administration", null);
    private static final String[] COUNTRIES = {"FR", "GB", "DE", "US", "JP", "KE", "BR", "IN", "ZA", "CA", "AU", "NL",
            "SE", "PL", "GH", "MX", "SG", "KR", "CH", "EE"};

    private final SequencedMongoEventStorageEngine engine;
    private final Random random;
    private final GuidelineWording wording;
    private final List<Actor> delegates = new ArrayList<>();
    private final List<Actor> drafters = new ArrayList<>();
    private final Map<String, String> countryOf = new HashMap<>();

    SyntheticHistory(SequencedMongoEventStorageEngine engine, long seed) {
        this.engine = engine;
        this.random = new Random(seed);
        this.wording = new GuidelineWording(random);
    }

    /** One event as the command side would have stored it, made into a message when appended so that it is stamped then. */
    private record Planned(String aggregateType, String aggregateId, long sequence, Object payload) {

        GenericDomainEventMessage<Object> message() {
            // Axon's correlation data of an event applied while handling a root command: that command's id
            String command = UUID.randomUUID().toString();
            return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                    MetaData.with("traceId", command).and("correlationId", command));
        }
    }

    /**
     * Appends exactly {@code count} events: the delegates' registrations from this thread, then the
     * consultations from {@code threads} threads, each interleaving a few consultations at a time as
     * concurrent users would. Answers the seconds it took.
     */
    double append(long count, int threads) throws Exception {
        return append(count, threads, 1);
    }

    /**
     * As {@link #append(long, int)}, the consultations' events in commits of up to {@code commitSize} (the events a
     * thread interleaves, of several consultations, in their order): to fill a store quickly, as the embedded server
     * stores a commit in one bulk insert.
     */
    double append(long count, int threads, int commitSize) throws Exception {
        List<Planned> registrations = registrations();
        List<List<Planned>> consultations = new ArrayList<>();
        long planned = registrations.size();
        while (planned < count) {
            List<Planned> consultation = consultation();
            if (planned + consultation.size() > count) {
                consultation = consultation.subList(0, (int) (count - planned));
            }
            consultations.add(consultation);
            planned += consultation.size();
        }
        log("appending %,d events: %,d registrations and %,d consultations, from %d threads",
                count, Math.min(count, registrations.size()), consultations.size(), threads);
        long start = System.nanoTime();
        AtomicLong appended = new AtomicLong();
        registrations.stream().limit(count).forEach(event -> append(event, appended, start));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                List<List<Planned>> own = new ArrayList<>();
                for (int i = thread; i < consultations.size(); i += threads) {
                    own.add(consultations.get(i));
                }
                Random order = new Random(random.nextLong());
                running.add(pool.submit(() -> interleave(own, order, appended, start, commitSize)));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void interleave(List<List<Planned>> consultations, Random order, AtomicLong appended, long start, int commitSize) {
        List<Planned> commit = new ArrayList<>(commitSize);
        ArrayDeque<Iterator<Planned>> waiting = new ArrayDeque<>();
        consultations.forEach(consultation -> waiting.add(consultation.iterator()));
        List<Iterator<Planned>> active = new ArrayList<>();
        while (!waiting.isEmpty() || !active.isEmpty()) {
            while (active.size() < ACTIVE_PER_THREAD && !waiting.isEmpty()) {
                active.add(waiting.poll());
            }
            Iterator<Planned> next = active.get(order.nextInt(active.size()));
            if (next.hasNext()) {
                commit.add(next.next());
                if (commit.size() == commitSize) {
                    append(commit, appended, start);
                    commit.clear();
                }
            } else {
                active.remove(next);
            }
        }
        if (!commit.isEmpty()) {
            append(commit, appended, start);
        }
    }

    private void append(Planned event, AtomicLong appended, long start) {
        append(List.of(event), appended, start);
    }

    private void append(List<Planned> events, AtomicLong appended, long start) {
        engine.appendEvents(events.stream().<EventMessage<?>>map(Planned::message).toList());
        long done = appended.addAndGet(events.size());
        if (done / 10_000 > (done - events.size()) / 10_000) {
            double seconds = (System.nanoTime() - start) / 1e9;
            log("  appended %,d events in %.1f s (%.0f events/s)", done, seconds, done / seconds);
        }
    }

    private List<Planned> registrations() {
        StakeholderType[] types = StakeholderType.values();
        List<Planned> events = new ArrayList<>();
        for (int i = 0; i < DELEGATES + DRAFTERS; i++) {
            boolean drafter = i >= DELEGATES;
            StakeholderType type = drafter ? StakeholderType.INTERNATIONAL_ORGANISATION : types[i % types.length];
            String country = type == StakeholderType.INTERNATIONAL_ORGANISATION ? null : COUNTRIES[i % COUNTRIES.length];
            String organisation = drafter ? "Secretariat " + (i - DELEGATES + 1)
                    : type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ') + " " + (i + 1)
                    + (country == null ? "" : " (" + country + ")");
            Actor actor = new Actor(UUID.randomUUID().toString(), organisation, type);
            (drafter ? drafters : delegates).add(actor);
            countryOf.put(actor.participantId(), country);
            byte[] tokenHash = new byte[32];
            random.nextBytes(tokenHash);
            events.add(new Planned(PARTICIPANT, actor.participantId(), 0, new ParticipantRegisteredEvent(actor.participantId(),
                    organisation, type, country, "Delegate of " + organisation, Set.of(drafter ? Role.DRAFTER : Role.PARTICIPANT),
                    HexFormat.of().formatHex(tokenHash), ADMINISTRATOR)));
        }
        return events;
    }

    /** An amendment while its consultation's script is written: what the aggregate would know of it. */
    private static final class Amendment {
        final String id;
        final AmendmentProposedEvent proposed;
        final Set<Actor> supporters = new HashSet<>();
        AmendmentStatus status = AmendmentStatus.PROPOSED;

        Amendment(AmendmentProposedEvent proposed) {
            this.id = proposed.amendmentId();
            this.proposed = proposed;
        }
    }

    /** One consultation's events, in order, written as its aggregate would have applied them. */
    private final class Script {
        final String id = UUID.randomUUID().toString();
        final List<Planned> events = new ArrayList<>();
        final Actor drafter = drafters.get(random.nextInt(drafters.size()));
        final Map<String, Integer> changedIn = new HashMap<>();
        final List<String> comments = new ArrayList<>();
        Text text;
        int version;
        int round;
        int labels;
        long sequence;

        void consultation(Object event) {
            events.add(new Planned(CONSULTATION, id, sequence++, event));
        }

        void change(TextChange change) {
            text = text.apply(change);
            Text.recordChange(changedIn, change, version);
        }

        String anyProvision() {
            return text.provisions().get(random.nextInt(text.provisions().size())).provisionId();
        }

        /** A label no provision has had: the consultation's next number under the anchor's top-level number. */
        String newLabel(String anchor) {
            String label = text.find(anchor).orElseThrow().label();
            int dot = label.indexOf('.');
            return (dot < 0 ? label : label.substring(0, dot)) + "." + (++labels);
        }
    }

    private List<Planned> consultation() {
        Script script = new Script();
        List<Provision> provisions = new ArrayList<>();
        int size = 8 + random.nextInt(33);
        for (int i = 1; i <= size; i++) {
            provisions.add(new Provision(UUID.randomUUID().toString(), Integer.toString(i), wording.provision()));
        }
        script.text = new Text(provisions);
        script.version = 1;
        provisions.forEach(p -> script.changedIn.put(p.provisionId(), 1));
        script.consultation(new ConsultationCreatedEvent(script.id, wording.title(), wording.reason(),
                random.nextInt(100) < 85 ? Visibility.PUBLIC : Visibility.RESTRICTED, provisions, ConsultationStatus.DRAFT,
                script.drafter, 1));
        int rounds = 1 + random.nextInt(3);
        for (int round = 1; round <= rounds; round++) {
            round(script, round);
            for (int revisions = random.nextInt(3); revisions > 0; revisions--) {
                revise(script);
            }
        }
        if (random.nextInt(10) < 3) {
            script.consultation(new ConsultationAdoptedEvent(script.id, script.version, script.drafter));
            Set<String> endorsed = new HashSet<>();
            for (int i = 5 + random.nextInt(16); i > 0; i--) {
                Actor by = delegates.get(random.nextInt(delegates.size()));
                if (endorsed.add(by.organisation())) {
                    script.consultation(new ConsultationEndorsedEvent(script.id, by.organisation(), by.stakeholderType(),
                            countryOf.get(by.participantId()), by));
                }
            }
        }
        return script.events;
    }

    /** A comment round: proposals, supports, comments and withdrawals mixed, then the close and the decisions. */
    private void round(Script script, int round) {
        script.round = round;
        script.consultation(new RoundOpenedEvent(script.id, round, Instant.now().plus(Duration.ofDays(30)), script.drafter));
        Map<String, Amendment> amendments = new LinkedHashMap<>();
        int planned = 10 + random.nextInt(31);
        for (int step = 0; step < planned * 6; step++) {
            List<Amendment> open = amendments.values().stream().filter(a -> a.status == AmendmentStatus.PROPOSED).toList();
            int roll = random.nextInt(100);
            if (amendments.size() < planned && (open.isEmpty() || roll < 20)) {
                Amendment proposed = propose(script);
                amendments.put(proposed.id, proposed);
            } else if (open.isEmpty() || roll >= 55 && roll < 94) {
                comment(script, open.isEmpty() ? null : open.get(random.nextInt(open.size())).id);
            } else if (roll < 55) {
                support(script, open.get(random.nextInt(open.size())));
            } else if (roll < 97) {
                withdrawSupport(script, open.get(random.nextInt(open.size())));
            } else {
                Amendment withdrawn = open.get(random.nextInt(open.size()));
                withdrawn.status = AmendmentStatus.WITHDRAWN;
                script.consultation(new AmendmentWithdrawnEvent(script.id, withdrawn.id, withdrawn.proposed.author()));
            }
        }
        script.consultation(new RoundClosedEvent(script.id, round, script.drafter));
        for (Amendment amendment : amendments.values()) {
            if (amendment.status == AmendmentStatus.PROPOSED) {
                decide(script, amendment);
            }
        }
    }

    private Amendment propose(Script script) {
        String provisionId = script.anyProvision();
        int roll = random.nextInt(100);
        ChangeKind kind = roll < 70 || script.text.provisions().size() <= 3 ? ChangeKind.REPLACE
                : roll < 85 ? ChangeKind.INSERT_AFTER : ChangeKind.DELETE;
        String text = switch (kind) {
            case REPLACE -> wording.reword(script.text.find(provisionId).orElseThrow().text());
            case INSERT_AFTER -> wording.provision();
            case DELETE -> null;
        };
        String label = kind == ChangeKind.INSERT_AFTER ? script.newLabel(provisionId) : null;
        // a fifth are drafted against an earlier version than the current one
        int baseVersion = random.nextInt(5) == 0 ? 1 + random.nextInt(script.version) : script.version;
        Actor author = delegates.get(random.nextInt(delegates.size()));
        AmendmentProposedEvent proposed = new AmendmentProposedEvent(script.id, UUID.randomUUID().toString(), kind, provisionId,
                baseVersion, text, label, wording.reason(), script.round, author);
        script.consultation(proposed);
        return new Amendment(proposed);
    }

    private void support(Script script, Amendment amendment) {
        Actor supporter = delegates.get(random.nextInt(delegates.size()));
        if (!supporter.equals(amendment.proposed.author()) && amendment.supporters.add(supporter)) {
            script.consultation(new AmendmentSupportedEvent(script.id, amendment.id, supporter));
        }
    }

    private void withdrawSupport(Script script, Amendment amendment) {
        if (!amendment.supporters.isEmpty()) {
            Actor supporter = amendment.supporters.iterator().next();
            amendment.supporters.remove(supporter);
            script.consultation(new AmendmentSupportWithdrawnEvent(script.id, amendment.id, supporter));
        }
    }

    private void comment(Script script, String amendmentId) {
        String commentId = UUID.randomUUID().toString();
        int roll = random.nextInt(100);
        String replyTo = !script.comments.isEmpty() && roll < 25 ? script.comments.get(random.nextInt(script.comments.size())) : null;
        String provisionId = replyTo == null && roll < 60 ? script.anyProvision() : null;
        String onAmendment = replyTo == null && provisionId == null && roll < 85 ? amendmentId : null;
        Actor author = random.nextInt(10) == 0 ? script.drafter : delegates.get(random.nextInt(delegates.size()));
        Attribution attribution = random.nextInt(3) == 0 ? Attribution.CHATHAM_HOUSE : Attribution.ATTRIBUTED;
        script.comments.add(commentId);
        script.events.add(new Planned(COMMENT, commentId, 0, new CommentPostedEvent(commentId, script.id, provisionId, onAmendment,
                replyTo, wording.remark(), attribution, script.round, author, null)));
    }

    /**
     * Accepts about half, as the aggregate would: a stale one, and a fifth of the others, with the
     * drafter's own wording; rejects the rest, and those whose provision has gone.
     */
    private void decide(Script script, Amendment amendment) {
        AmendmentProposedEvent proposed = amendment.proposed;
        boolean provisionGone = script.text.find(proposed.provisionId()).isEmpty();
        boolean lastProvisions = proposed.kind() == ChangeKind.DELETE && script.text.provisions().size() <= 3;
        if (provisionGone || lastProvisions || random.nextInt(100) >= 55) {
            script.consultation(new AmendmentRejectedEvent(script.id, amendment.id, wording.reason(), script.drafter));
            return;
        }
        boolean stale = script.changedIn.getOrDefault(proposed.provisionId(), 0) > proposed.baseVersion();
        boolean merged = proposed.kind() != ChangeKind.DELETE && (stale || random.nextInt(5) == 0);
        TextChange change = new TextChange(proposed.kind(), proposed.provisionId(),
                proposed.kind() == ChangeKind.INSERT_AFTER ? UUID.randomUUID().toString() : null, proposed.label(),
                merged ? wording.reword(proposed.text()) : proposed.text());
        script.version++;
        script.change(change);
        script.consultation(new AmendmentAcceptedEvent(script.id, amendment.id,
                merged ? AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS : AmendmentStatus.ACCEPTED, wording.reason(), change,
                script.version, script.drafter));
    }

    /** A drafter's revision between rounds: one to three changes, mostly rewordings. */
    private void revise(Script script) {
        List<TextChange> changes = new ArrayList<>();
        int baseVersion = script.version;
        script.version++;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String provisionId = script.anyProvision();
            int roll = random.nextInt(100);
            TextChange change;
            if (roll < 75 || script.text.provisions().size() <= 3) {
                change = new TextChange(ChangeKind.REPLACE, provisionId, null, null,
                        wording.reword(script.text.find(provisionId).orElseThrow().text()));
            } else if (roll < 90) {
                change = new TextChange(ChangeKind.INSERT_AFTER, provisionId, UUID.randomUUID().toString(),
                        script.newLabel(provisionId), wording.provision());
            } else {
                change = new TextChange(ChangeKind.DELETE, provisionId, null, null, null);
            }
            script.change(change);
            changes.add(change);
        }
        script.consultation(new TextRevisedEvent(script.id, script.version, baseVersion, wording.reason(), changes, script.drafter));
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
