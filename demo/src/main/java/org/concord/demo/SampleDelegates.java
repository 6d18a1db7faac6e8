package org.concord.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The delegates of the demo: two drafters of the co-hosts' secretariat, forty participant organisations
 * of every stakeholder type and one observer. States and international organisations are real names;
 * the companies, NGOs, universities and the newspaper are invented, and so is every position they take.
 */
final class SampleDelegates {

    static final List<Delegate> DRAFTERS = List.of(
            new Delegate("drafter-uk", "Co-hosts Secretariat (United Kingdom)", "STATE", "GB",
                    "Penholder, Foreign Office cyber policy team", "DRAFTER"),
            new Delegate("drafter-fr", "Co-hosts Secretariat (France)", "STATE", "FR",
                    "Penholder, Ministry for Europe and Foreign Affairs", "DRAFTER"));

    static final List<Delegate> PARTICIPANTS = List.of(
            state("france", "France", "FR"),
            state("uk", "United Kingdom", "GB"),
            state("ghana", "Ghana", "GH"),
            state("japan", "Japan", "JP"),
            state("kenya", "Kenya", "KE"),
            state("mexico", "Mexico", "MX"),
            state("poland", "Poland", "PL"),
            state("singapore", "Singapore", "SG"),
            state("germany", "Germany", "DE"),
            state("brazil", "Brazil", "BR"),
            state("canada", "Canada", "CA"),
            state("estonia", "Estonia", "EE"),
            state("korea", "Republic of Korea", "KR"),
            state("cote-divoire", "Côte d'Ivoire", "CI"),
            participant("oecd", "Organisation for Economic Co-operation and Development", "INTERNATIONAL_ORGANISATION", "FR",
                    "Digital policy directorate"),
            participant("coe", "Council of Europe", "INTERNATIONAL_ORGANISATION", "FR", "Cybercrime and data protection division"),
            participant("au", "African Union Commission", "INTERNATIONAL_ORGANISATION", "ET", "Infrastructure and digitalisation department"),
            participant("oas", "Organization of American States", "INTERNATIONAL_ORGANISATION", "US", "Cyber security programme"),
            participant("itu", "International Telecommunication Union", "INTERNATIONAL_ORGANISATION", "CH", "Cybersecurity division"),
            participant("meridian", "Meridian Cloud Services", "COMPANY", "US", "Threat intelligence and public policy"),
            participant("kestrel", "Kestrel Threat Intelligence", "COMPANY", "IL", "Office of the chief security officer"),
            participant("nordlys", "Nordlys Secure Messaging", "COMPANY", "NO", "Trust and safety"),
            participant("sakura", "Sakura Mobile Networks", "COMPANY", "JP", "Network security operations"),
            participant("baobab", "Baobab Telecom", "COMPANY", "KE", "Regulatory affairs"),
            participant("vantage", "Vantage Offensive Security", "COMPANY", "GB", "Penetration testing practice"),
            participant("lumen", "Lumen Device Makers Alliance", "COMPANY", "KR", "Product security team"),
            participant("aurora", "Aurora Vulnerability Research", "COMPANY", "DE", "Coordinated disclosure team"),
            participant("drw", "Digital Rights Watch", "NGO", "AU", "Policy and advocacy"),
            participant("free-press", "Free Press Without Borders", "NGO", "FR", "Journalist safety desk"),
            participant("defenders", "Human Rights Defenders Tech Lab", "NGO", "KE", "Forensic investigations"),
            participant("open-net", "Open Net Futures", "NGO", "BR", "Internet governance programme"),
            participant("privacy-first", "Privacy First Network", "NGO", "DE", "Legal team"),
            participant("civic-shield", "Civic Shield Mexico", "NGO", "MX", "Digital security helpline"),
            participant("pacific-rights", "Pacific Digital Rights Coalition", "NGO", "SG", "Regional coordination"),
            participant("lakeshore", "Lakeshore University, Centre for Cyber Accountability", "ACADEMIA", "CA",
                    "Research fellow, surveillance studies"),
            participant("sorbonne-lab", "Paris Institute for Digital Law", "ACADEMIA", "FR", "Chair of international cyber law"),
            participant("accra-tech", "Accra School of Computing", "ACADEMIA", "GH", "Cyber security research group"),
            participant("tallinn-lab", "Baltic Centre for Cyber Norms", "ACADEMIA", "EE", "Norms and diplomacy programme"),
            participant("kyoto-lab", "Kansai Institute of Information Security", "ACADEMIA", "JP", "Mobile forensics laboratory"),
            participant("warsaw-law", "Warsaw Faculty of Law and Technology", "ACADEMIA", "PL", "Human rights and technology clinic"));

    static final Delegate OBSERVER = new Delegate("observer-press", "The Global Ledger", "COMPANY", "GB",
            "Technology correspondent", "OBSERVER");

    private static final Map<String, Delegate> BY_KEY = all().collect(Collectors.toMap(Delegate::key, Function.identity()));

    private SampleDelegates() {
    }

    /** Every delegate in registration order: drafters, participants, the observer. */
    static Stream<Delegate> all() {
        return Stream.of(DRAFTERS.stream(), PARTICIPANTS.stream(), Stream.of(OBSERVER)).flatMap(Function.identity());
    }

    static Delegate byKey(String key) {
        Delegate delegate = BY_KEY.get(key);
        if (delegate == null) {
            throw new IllegalArgumentException("No sample delegate " + key);
        }
        return delegate;
    }

    private static Delegate state(String key, String name, String country) {
        return new Delegate(key, name, "STATE", country, "Delegation of " + name, "PARTICIPANT");
    }

    private static Delegate participant(String key, String organisation, String type, String country, String displayName) {
        return new Delegate(key, organisation, type, country, displayName, "PARTICIPANT");
    }
}
