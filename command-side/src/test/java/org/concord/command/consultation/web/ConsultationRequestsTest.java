package org.concord.command.consultation.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.Visibility;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consultation requests' structural checks, which the Consultation aggregate leaves to them: each refusal
 * names its field, as problem+json's {@code errors[].field} does.
 */
class ConsultationRequestsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final List<CreateConsultationRequest.ProvisionRequest> TEXT =
            List.of(new CreateConsultationRequest.ProvisionRequest("1", "States should regulate."));

    @Test
    void a_consultation_needs_a_title_that_is_not_blank() {
        assertThat(fields(VALIDATOR.validate(new CreateConsultationRequest(" ", null, Visibility.PUBLIC, TEXT))))
                .containsExactly("title");
    }

    @Test
    void a_consultation_needs_at_least_one_provision() {
        assertThat(fields(VALIDATOR.validate(new CreateConsultationRequest("Code", null, Visibility.PUBLIC, List.of()))))
                .containsExactly("provisions");
    }

    @Test
    void a_revision_needs_a_reason_that_is_not_blank() {
        ConsultationRequests.Change change = new ConsultationRequests.Change(ChangeKind.REPLACE, "p-1", null, "New.");
        assertThat(fields(VALIDATOR.validate(new ConsultationRequests.Revision(1, "  ", List.of(change)))))
                .containsExactly("reason");
    }

    @Test
    void a_revision_needs_at_least_one_change() {
        assertThat(fields(VALIDATOR.validate(new ConsultationRequests.Revision(1, "Clearer", List.of()))))
                .containsExactly("changes");
    }

    @Test
    void a_well_formed_consultation_passes() {
        assertThat(VALIDATOR.validate(new CreateConsultationRequest("Code", null, Visibility.PUBLIC, TEXT))).isEmpty();
    }

    private static <T> List<String> fields(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(violation -> violation.getPropertyPath().toString()).sorted().toList();
    }
}
