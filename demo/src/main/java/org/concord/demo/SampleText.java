package org.concord.demo;

import java.util.List;

/** The texts of the demo's consultations: written for Concord, not taken from any real document. */
final class SampleText {

    static final String TITLE = "Code of Practice for States on Commercial Cyber Intrusion Capabilities";

    static final String SUMMARY = "Voluntary commitments for States on the development, sale, export and use of commercial "
            + "cyber intrusion capabilities such as spyware and hacking-for-hire services. Demonstration data: the "
            + "organisations' positions are invented.";

    static final List<ProvisionDraft> PROVISIONS = List.of(
            new ProvisionDraft("1", "This Code sets out voluntary commitments for States on the development, facilitation, "
                    + "purchase, transfer and use of commercial cyber intrusion capabilities, including spyware."),
            new ProvisionDraft("2", "States should exercise due diligence before acquiring a commercial cyber intrusion "
                    + "capability, and should expect the same of vendors established in their jurisdiction."),
            new ProvisionDraft("2.a", "Due diligence should include a documented assessment of the vendor's ownership, its "
                    + "customers and any known misuse of its products."),
            new ProvisionDraft("2.a.i", "Where the assessment identifies a credible risk of use against journalists, human "
                    + "rights defenders or political opponents, the acquisition should not proceed."),
            new ProvisionDraft("2.b", "States should require vendors to keep records of every sale and to make them "
                    + "available to the competent national oversight authority on request."),
            new ProvisionDraft("3", "States should control the export of cyber intrusion capabilities and related services "
                    + "under their national export control regimes."),
            new ProvisionDraft("3.a", "A licence should be refused where there is a clear risk that the capability would "
                    + "be used to commit serious violations of human rights."),
            new ProvisionDraft("4", "States may publish information on licences granted and refused for cyber intrusion "
                    + "capabilities."),
            new ProvisionDraft("5", "Any use of a commercial cyber intrusion capability by a State agency should be lawful, "
                    + "necessary and proportionate, and authorised in advance."),
            new ProvisionDraft("6", "States should ensure that persons targeted unlawfully with commercial cyber intrusion "
                    + "capabilities have access to an effective remedy."));

    static final String RESTRICTED_TITLE = "Annex: Confidential Information-Sharing Arrangements between Export Control Authorities";

    static final String RESTRICTED_SUMMARY = "A restricted annex, visible to participants and drafters only.";

    static final List<ProvisionDraft> RESTRICTED_PROVISIONS = List.of(
            new ProvisionDraft("1", "Export control authorities should notify one another of licence denials for cyber "
                    + "intrusion capabilities within thirty days."),
            new ProvisionDraft("2", "Information shared under this annex should be used only for licensing decisions and "
                    + "should not be disclosed further without the consent of the originating authority."));

    private SampleText() {
    }

    /** One provision of an initial text. */
    record ProvisionDraft(String label, String text) {
    }
}
