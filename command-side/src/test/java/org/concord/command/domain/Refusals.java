package org.concord.command.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Objects;

/** How a fixture test says which rule refused a command: by the refusal's kind and the field it names. */
public final class Refusals {

    private Refusals() {
    }

    /** A {@link RuleViolationException} of {@code kind} naming {@code field}, null for a rule about the whole command. */
    public static Matcher<RuleViolationException> refused(RuleViolationException.Kind kind, String field) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException refusal, Description mismatch) {
                mismatch.appendText("was refused ").appendValue(refusal.kind()).appendText(" naming ")
                        .appendValue(refusal.field()).appendText(": ").appendText(refusal.getMessage());
                return refusal.kind() == kind && Objects.equals(refusal.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal ").appendValue(kind).appendText(" naming ").appendValue(field);
            }
        };
    }
}
