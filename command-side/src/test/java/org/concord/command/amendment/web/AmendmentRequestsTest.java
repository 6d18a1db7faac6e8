package org.concord.command.amendment.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.concord.messages.consultation.ChangeKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The amendment requests' structural checks, which the Consultation aggregate and its amendments leave to them:
 * each refusal names its field, as problem+json's {@code errors[].field} does.
 */
class AmendmentRequestsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void a_proposal_needs_a_justification_that_is_not_blank() {
        assertThat(fields(VALIDATOR.validate(new AmendmentRequests.Propose(ChangeKind.REPLACE, "p-1", 1, "X.", null, " "))))
                .containsExactly("justification");
    }

    @Test
    void an_acceptance_needs_a_reason_that_is_not_blank() {
        assertThat(fields(VALIDATOR.validate(new AmendmentRequests.Accept(" ", null)))).containsExactly("reason");
    }

    @Test
    void a_rejection_needs_a_reason_that_is_not_blank() {
        assertThat(fields(VALIDATOR.validate(new AmendmentRequests.Reject("\t")))).containsExactly("reason");
    }

    @Test
    void a_well_formed_proposal_passes() {
        assertThat(VALIDATOR.validate(new AmendmentRequests.Propose(ChangeKind.DELETE, "p-1", 1, null, null, "Redundant"))).isEmpty();
    }

    private static <T> List<String> fields(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(violation -> violation.getPropertyPath().toString()).sorted().toList();
    }
}
