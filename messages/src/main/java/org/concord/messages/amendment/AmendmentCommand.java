package org.concord.messages.amendment;

/** A command about one amendment that exists already: supporting, withdrawing, accepting or rejecting it. */
public interface AmendmentCommand {

    /** The consultation the amendment belongs to. */
    String consultationId();

    /** The amendment the command is about. */
    String amendmentId();
}
