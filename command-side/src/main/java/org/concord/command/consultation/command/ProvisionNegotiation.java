package org.concord.command.consultation.command;

import org.concord.messages.negotiation.ProvisionStatus;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How far one provision is from agreement: its status and the delegations that agreed to it ad referendum,
 * pending their capital's confirmation or confirmed. A provision nobody negotiated yet is OPEN with no record.
 */
class ProvisionNegotiation {

    private ProvisionStatus status = ProvisionStatus.OPEN;
    /** Declared as LinkedHashSet so that a snapshot keeps the order of the organisations, which messages name. */
    private LinkedHashSet<String> pendingAdReferendum = new LinkedHashSet<>();
    private LinkedHashSet<String> confirmedAdReferendum = new LinkedHashSet<>();

    ProvisionStatus status() {
        return status;
    }

    /** The new status; reopening a provision discards its ad referendum records, agreements to what is reopened. */
    void changeTo(ProvisionStatus to) {
        status = to;
        if (to == ProvisionStatus.OPEN) {
            pendingAdReferendum.clear();
            confirmedAdReferendum.clear();
        }
    }

    Set<String> pendingAdReferendum() {
        return pendingAdReferendum;
    }

    boolean confirmedAdReferendum(String organisation) {
        return confirmedAdReferendum.contains(organisation);
    }

    void agreeAdReferendum(String organisation) {
        pendingAdReferendum.add(organisation);
    }

    void confirmAdReferendum(String organisation) {
        pendingAdReferendum.remove(organisation);
        confirmedAdReferendum.add(organisation);
    }

    void withdrawAdReferendum(String organisation) {
        pendingAdReferendum.remove(organisation);
    }

    /** Equal when in the same state: Axon's test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProvisionNegotiation that && status == that.status
                && pendingAdReferendum.equals(that.pendingAdReferendum) && confirmedAdReferendum.equals(that.confirmedAdReferendum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, pendingAdReferendum, confirmedAdReferendum);
    }
}
