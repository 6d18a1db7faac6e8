package org.concord.query.history.query;

import jakarta.annotation.Nullable;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.messages.history.FindParticipationQuery;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.participant.query.ParticipantProjection;
import org.concord.query.participant.query.ParticipantView;
import org.concord.query.readmodel.StoredEntry;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Participation statistics of a consultation, folded from its timeline when read: who took part
 * (proposed, supported, commented or endorsed) and how, by stakeholder type and by country. A Chatham
 * House comment counts for its author's stakeholder type only: its country is "undisclosed" and its
 * author is not counted as a participant for it, so that no count singles the author out.
 */
@Component
public class ParticipationQueries {

    static final String UNDISCLOSED = "undisclosed";
    /** What makes someone a participant of a consultation: proposing, supporting, commenting, endorsing, and in a negotiation supporting an alternative, agreeing ad referendum, answering a compromise, breaking silence. */
    private static final Set<String> TAKING_PART = Set.of("AmendmentProposed", "AmendmentSupported", "CommentPosted", "ConsultationEndorsed",
            "AlternativeSupported", "AdReferendumAgreed", "CompromiseConsented", "CompromiseObjected", "SilenceBroken");
    static final String UNKNOWN = "unknown";
    /** What an amendment merged into an accepted compromise counts as, for its author. */
    private static final String MERGED = "AmendmentMerged";

    private final TimelineProjection timeline;
    private final ParticipantProjection participants;

    public ParticipationQueries(TimelineProjection timeline, ParticipantProjection participants) {
        this.timeline = timeline;
        this.participants = participants;
    }

    /**
     * Counts of one group of participants; {@code acceptanceRate} is accepted / (accepted + rejected), null before any
     * such decision (an amendment merged into a compromise is counted in {@code merged}, not in the rate). The negotiation's
     * counts: supports of alternatives (net of withdrawals), ad referendum agreements, answers to compromises by the
     * parties' delegates, silence broken.
     */
    public record Counts(int participants, int organisations, int amendments, int accepted, int rejected, int withdrawn,
                         int supports, int comments, int endorsements, @Nullable Double acceptanceRate, int merged,
                         int alternativeSupports, int adReferendumAgreements, int compromiseConsents, int compromiseObjections,
                         int silenceBreaks) {
    }

    public record Participation(String consultationId, Counts total, Map<String, Counts> byStakeholderType,
                                Map<String, Counts> byCountry) {
    }

    @QueryHandler
    public Participation handle(FindParticipationQuery query) {
        Map<String, String> countries = new HashMap<>();
        for (ParticipantView participant : participants.handle(new FindParticipantsQuery())) {
            countries.put(participant.participantId(), participant.country());
        }
        Tally total = new Tally();
        Map<String, Tally> byType = new TreeMap<>();
        Map<String, Tally> byCountry = new TreeMap<>();
        Map<String, Actor> amendmentAuthors = new HashMap<>();
        for (StoredEntry entry : timeline.stored(query.consultationId())) {
            Document data = entry.data();
            Actor actor = entry.actor();
            String type = entry.type();
            if ("ConsultationEndorsed".equals(type)) {
                String endorserType = data.getString("stakeholderType");
                actor = new Actor(actor == null ? null : actor.participantId(), data.getString("organisation"),
                        endorserType == null ? null : StakeholderType.valueOf(endorserType));
            } else if (type.startsWith("Amendment") && !"AmendmentProposed".equals(type) && !"AmendmentSupported".equals(type)
                    && !"AmendmentSupportWithdrawn".equals(type)) {
                // decisions and withdrawals count for the amendment's author
                actor = amendmentAuthors.get(data.getString("amendmentId"));
            }
            if ("CompromiseAccepted".equals(type)) {
                // each amendment merged counts for its author
                for (String amendmentId : data.getList("amendmentIds", String.class, List.of())) {
                    Actor author = amendmentAuthors.get(amendmentId);
                    if (author != null) {
                        count(MERGED, author, false, null, countries, total, byType, byCountry);
                    }
                }
                continue;
            }
            if (actor == null) {
                continue;
            }
            count(type, actor, entry.chathamHouse(), "ConsultationEndorsed".equals(type) ? data.getString("country") : null,
                    countries, total, byType, byCountry);
            if ("AmendmentProposed".equals(type)) {
                amendmentAuthors.put(data.getString("amendmentId"), actor);
            }
        }
        Map<String, Counts> types = new TreeMap<>();
        byType.forEach((type, tally) -> types.put(type, tally.counts()));
        Map<String, Counts> countryCounts = new TreeMap<>();
        byCountry.forEach((country, tally) -> countryCounts.put(country, tally.counts()));
        return new Participation(query.consultationId(), total.counts(), types, countryCounts);
    }

    private static void count(String type, Actor actor, boolean chathamHouse, String statedCountry, Map<String, String> countries,
                              Tally total, Map<String, Tally> byType, Map<String, Tally> byCountry) {
        String country = chathamHouse ? UNDISCLOSED
                : statedCountry != null ? statedCountry
                : countries.getOrDefault(actor.participantId(), null);
        String stakeholderType = String.valueOf(actor.stakeholderType());
        List<Tally> tallies = List.of(total, byType.computeIfAbsent(stakeholderType, t -> new Tally()),
                byCountry.computeIfAbsent(country == null ? UNKNOWN : country, c -> new Tally()));
        for (Tally tally : tallies) {
            tally.count(type, actor, chathamHouse);
        }
    }

    private static final class Tally {
        private final Set<String> participants = new HashSet<>();
        private final Set<String> organisations = new HashSet<>();
        private int amendments;
        private int accepted;
        private int rejected;
        private int withdrawn;
        private int supports;
        private int comments;
        private int endorsements;
        private int merged;
        private int alternativeSupports;
        private int adReferendumAgreements;
        private int compromiseConsents;
        private int compromiseObjections;
        private int silenceBreaks;

        void count(String type, Actor actor, boolean chathamHouse) {
            switch (type) {
                case "AmendmentProposed" -> amendments++;
                case "AmendmentAccepted" -> accepted++;
                case "AmendmentRejected" -> rejected++;
                case "AmendmentWithdrawn" -> withdrawn++;
                case "AmendmentSupported" -> supports++;
                case "AmendmentSupportWithdrawn" -> supports--;
                case "CommentPosted" -> comments++;
                case "ConsultationEndorsed" -> endorsements++;
                case MERGED -> merged++;
                case "AlternativeSupported" -> alternativeSupports++;
                case "AlternativeSupportWithdrawn" -> alternativeSupports--;
                case "AdReferendumAgreed" -> adReferendumAgreements++;
                case "CompromiseConsented" -> compromiseConsents++;
                case "CompromiseObjected" -> compromiseObjections++;
                case "SilenceBroken" -> silenceBreaks++;
                default -> {
                    return;
                }
            }
            if (TAKING_PART.contains(type) && !chathamHouse) {
                if (actor.participantId() != null) {
                    participants.add(actor.participantId());
                }
                if (actor.organisation() != null) {
                    organisations.add(actor.organisation());
                }
            }
        }

        Counts counts() {
            int decided = accepted + rejected;
            return new Counts(participants.size(), organisations.size(), amendments, accepted, rejected, withdrawn,
                    supports, comments, endorsements, decided == 0 ? null : (double) accepted / decided, merged,
                    alternativeSupports, adReferendumAgreements, compromiseConsents, compromiseObjections, silenceBreaks);
        }
    }
}
