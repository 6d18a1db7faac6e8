package org.concord.demo;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SampleDataTest {

    private static final Set<String> ISO_COUNTRIES = Set.of(java.util.Locale.getISOCountries());

    @Test
    void about_forty_participant_organisations_cover_all_five_stakeholder_types() {
        assertThat(SampleDelegates.PARTICIPANTS).hasSizeBetween(38, 45);
        assertThat(SampleDelegates.PARTICIPANTS).extracting(Delegate::stakeholderType).containsOnly(
                "STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA");
        assertThat(SampleDelegates.PARTICIPANTS.stream().map(Delegate::stakeholderType).collect(Collectors.toSet()))
                .hasSize(5);
        assertThat(SampleDelegates.PARTICIPANTS).extracting(Delegate::role).containsOnly("PARTICIPANT");
        assertThat(SampleDelegates.PARTICIPANTS.stream().filter(d -> d.stakeholderType().equals("STATE")).map(Delegate::country))
                .contains("FR", "GB", "GH", "JP", "KE", "MX", "PL", "SG");
    }

    @Test
    void two_drafters_and_one_observer() {
        assertThat(SampleDelegates.DRAFTERS).hasSize(2).extracting(Delegate::role).containsOnly("DRAFTER");
        assertThat(SampleDelegates.OBSERVER.role()).isEqualTo("OBSERVER");
    }

    @Test
    void every_delegate_has_a_unique_key_and_organisation_and_an_iso_country() {
        assertThat(SampleDelegates.all().map(Delegate::key)).doesNotHaveDuplicates();
        assertThat(SampleDelegates.all().map(Delegate::organisation)).doesNotHaveDuplicates();
        assertThat(SampleDelegates.all().map(Delegate::country)).allSatisfy(country -> assertThat(ISO_COUNTRIES).contains(country));
        assertThat(SampleDelegates.all()).allSatisfy(d -> {
            assertThat(d.organisation()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(d.displayName()).isNotBlank().hasSizeLessThanOrEqualTo(200);
        });
    }

    @Test
    void the_code_of_practice_has_the_ten_provisions_in_order() {
        assertThat(SampleText.PROVISIONS).extracting(SampleText.ProvisionDraft::label)
                .containsExactly("1", "2", "2.a", "2.a.i", "2.b", "3", "3.a", "4", "5", "6");
        assertThat(SampleText.PROVISIONS).extracting(SampleText.ProvisionDraft::text).doesNotHaveDuplicates()
                .allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void labels_of_both_texts_are_valid_labels() {
        assertThat(Arrays.asList(SampleText.PROVISIONS, SampleText.RESTRICTED_PROVISIONS))
                .flatMap(list -> list)
                .extracting(SampleText.ProvisionDraft::label)
                .allSatisfy(label -> assertThat(label).matches("[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*"));
        assertThat(SampleText.TITLE).isNotEqualTo(SampleText.RESTRICTED_TITLE);
    }
}
