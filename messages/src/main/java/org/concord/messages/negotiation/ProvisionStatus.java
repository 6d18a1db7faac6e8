package org.concord.messages.negotiation;

/**
 * How far a provision is from agreement. OPEN: under discussion. BRACKETED: passages in it are in
 * dispute (it has unresolved brackets). AGREED_AD_REF: agreed, subject to confirmation by capitals of
 * the delegations that said so. AGREED: agreed; its wording changes only after a drafter reopens it.
 */
public enum ProvisionStatus {
    OPEN,
    BRACKETED,
    AGREED_AD_REF,
    AGREED
}
