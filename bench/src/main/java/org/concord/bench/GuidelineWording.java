package org.concord.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Wording for the benchmarks' texts: provisions in the register of a code of practice on commercial
 * cyber-intrusion tools, of about the length of real ones, and rewordings that change a few words,
 * as most amendments and revisions do. The word-level diffs and provenance the read models compute
 * cost what they would on real texts only if the texts look like real ones.
 */
final class GuidelineWording {

    private static final String[] SUBJECTS = {"States", "Vendors of commercial cyber intrusion capabilities",
            "Export control authorities", "Competent national oversight authorities", "Participating organisations",
            "Companies established in their jurisdiction", "Brokers and other intermediaries", "Government end users"};
    private static final String[] MODALS = {"should", "should, where appropriate,", "may", "are encouraged to",
            "should in all cases", "commit to"};
    private static final String[] VERBS = {"assess", "publish", "document", "review", "restrict", "report on", "verify",
            "disclose", "limit", "scrutinise"};
    private static final String[] OBJECTS = {"the human-rights risks of each transfer", "every sale of spyware and related services",
            "licences granted and refused for intrusion capabilities", "the ownership and customers of each vendor",
            "known misuse of intrusion tools against civil society", "the export of hacking-for-hire services",
            "contracts with foreign government end users", "vulnerabilities acquired for offensive use",
            "the training and maintenance services that accompany a sale"};
    private static final String[] QUALIFIERS = {"before any acquisition proceeds", "within thirty days of a request",
            "in line with international human rights law", "and make the results available to oversight bodies",
            "where there is a clear risk of use against journalists or human rights defenders",
            "in a manner that is lawful, necessary and proportionate", "subject to exemptions defined by law",
            "in cooperation with civil society, industry and academia", "at least once a year"};
    private static final String[] ADVERBS = {"promptly", "independently", "publicly", "systematically", "transparently",
            "effectively", "regularly", "in good faith", "without delay", "as far as possible", "consistently"};
    private static final String[] REASONS = {"Outcome of the round's discussion", "Clarifies the scope as several delegations asked",
            "Aligns the wording with the export control provisions", "Editorial: consistent terminology",
            "Reflects the compromise reached in the informal consultations", "Merges overlapping proposals"};
    private static final String[] REMARKS = {"We support the intent but the wording is too broad.",
            "This should apply to brokers as well as vendors.", "The thirty-day deadline is not workable for smaller authorities.",
            "Could the drafters clarify how this interacts with national security exemptions?",
            "We would prefer 'should' to 'may' here.", "Civil society must be consulted before any such assessment.",
            "This duplicates provision 3; we suggest merging them.", "Strongly support; this is the core of the Code."};

    private final Random random;

    GuidelineWording(Random random) {
        this.random = random;
    }

    /** One provision: one or two sentences, 15 to 55 words. */
    String provision() {
        String text = sentence();
        return random.nextInt(3) == 0 ? text + " " + sentence() : text;
    }

    /** The wording with one to three words replaced, added or removed, as most amendments change a provision. */
    String reword(String text) {
        List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
        int edits = 1 + random.nextInt(3);
        for (int edit = 0; edit < edits; edit++) {
            // the last word carries the full stop; leave it be
            int at = random.nextInt(Math.max(1, words.size() - 1));
            int kind = random.nextInt(4);
            if (kind < 2) {
                words.set(at, random.nextBoolean() ? pick(ADVERBS) : pick(VERBS));
            } else if (kind == 2 || words.size() < 12) {
                words.add(at, pick(ADVERBS));
            } else {
                words.remove(at);
            }
        }
        String reworded = String.join(" ", words);
        return reworded.equals(text) ? text + " " + pick(ADVERBS) + "." : reworded;
    }

    String title() {
        return "Code of Practice on " + pick(OBJECTS);
    }

    String reason() {
        return pick(REASONS);
    }

    String remark() {
        return pick(REMARKS);
    }

    private String sentence() {
        return pick(SUBJECTS) + " " + pick(MODALS) + " " + pick(VERBS) + " " + pick(OBJECTS) + " " + pick(QUALIFIERS) + ".";
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
