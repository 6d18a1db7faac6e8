package org.concord.workspace.layout;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundle of the workspace says the same things in English and French, and every message is a
 * pattern MessageFormat reads as meant (the bundles are always read as patterns: a lone ASCII quote would
 * swallow the text after it).
 */
class BundlesTest {

    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    @Test
    void every_bundle_has_the_same_keys_in_english_and_french() throws IOException {
        List<String> differences = new ArrayList<>();
        for (String bundle : bundles()) {
            Set<String> english = load("i18n/" + bundle + ".properties").stringPropertyNames();
            Set<String> french = load("i18n/" + bundle + "_fr.properties").stringPropertyNames();
            Set<String> onlyEnglish = new TreeSet<>(english);
            onlyEnglish.removeAll(french);
            Set<String> onlyFrench = new TreeSet<>(french);
            onlyFrench.removeAll(english);
            onlyEnglish.forEach(key -> differences.add(bundle + ": " + key + " has no French"));
            onlyFrench.forEach(key -> differences.add(bundle + ": " + key + " has no English"));
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void no_message_has_a_lone_ascii_quote_and_every_one_is_a_valid_pattern() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String bundle : bundles()) {
            for (String file : List.of(bundle + ".properties", bundle + "_fr.properties")) {
                Properties messages = load("i18n/" + file);
                for (String key : messages.stringPropertyNames()) {
                    String message = messages.getProperty(key);
                    if (LONE_QUOTE.matcher(message).find()) {
                        wrong.add(file + ": " + key + " has a lone ' (write '' or ’)");
                    }
                    try {
                        new MessageFormat(message, file.contains("_fr") ? Locale.FRENCH : Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        wrong.add(file + ": " + key + " is not a valid pattern: " + e.getMessage());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The bundles application.yml names in spring.messages.basename. */
    static List<String> bundles() throws IOException {
        String yaml;
        try (InputStream in = BundlesTest.class.getClassLoader().getResourceAsStream("application.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher basename = Pattern.compile("basename: (\\S+)").matcher(yaml);
        assertThat(basename.find()).as("spring.messages.basename in application.yml").isTrue();
        return List.of(basename.group(1).split(",")).stream().map(name -> name.replaceFirst("^i18n/", "")).toList();
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
