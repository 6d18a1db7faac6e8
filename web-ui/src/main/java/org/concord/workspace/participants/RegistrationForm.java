package org.concord.workspace.participants;

import org.concord.workspace.form.FormKey;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Map;

/** The registration of a participant: who they are, for which organisation, and the roles their token gives. */
record RegistrationForm(String organisation, String displayName, String stakeholderType, String country, List<String> roles,
                        String formKey) {

    static RegistrationForm empty() {
        return new RegistrationForm("", "", "STATE", "", List.of("PARTICIPANT"), FormKey.fresh());
    }

    static RegistrationForm from(MultiValueMap<String, String> data) {
        List<String> roles = data.getOrDefault("roles", List.of()).stream().filter(ParticipantsController.ROLES::contains).distinct().toList();
        return new RegistrationForm(trimmed(data.getFirst("organisation")), trimmed(data.getFirst("displayName")),
                trimmed(data.getFirst("stakeholderType")), trimmed(data.getFirst("country")).toUpperCase(java.util.Locale.ROOT), roles,
                FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    RegistrationForm again() {
        return new RegistrationForm(organisation, displayName, stakeholderType, country, roles, FormKey.fresh());
    }

    Map<String, Object> request() {
        return country.isEmpty()
                ? Map.of("organisation", organisation, "displayName", displayName, "stakeholderType", stakeholderType, "roles", roles)
                : Map.of("organisation", organisation, "displayName", displayName, "stakeholderType", stakeholderType, "roles", roles,
                "country", country);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
