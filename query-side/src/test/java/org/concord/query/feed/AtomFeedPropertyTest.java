package org.concord.query.feed;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.web.xml.XmlCharacters;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a consultation's texts hold (every UTF-16 unit, control characters, U+FFFE, lone surrogate
 * halves, markup), its Atom feed is well-formed XML for a strict parser, and each text reads back as
 * stored, but for the characters XML cannot carry.
 */
class AtomFeedPropertyTest {

    @Property(tries = 300)
    void every_atom_feed_is_well_formed_xml_whatever_the_texts_hold(@ForAll("texts") String title, @ForAll("texts") String summary,
                                                                    @ForAll("texts") String organisation, @ForAll("texts") String reason)
            throws Exception {
        Actor author = new Actor("p-1", organisation, StakeholderType.NGO);
        Instant created = Instant.parse("2026-12-04T10:00:00Z");
        ConsultationDetail consultation = new ConsultationDetail("c-1", title, summary, ConsultationStatus.OPEN, Visibility.PUBLIC,
                2, author, null, List.of(), null, created, 7L, Map.of());
        List<VersionSummary> versions = List.of(
                new VersionSummary(1, created, new Cause("CREATION", null, author, null, null)),
                new VersionSummary(2, created.plusSeconds(60), new Cause("AMENDMENT", "a-1", author, author, reason)));

        Document feed = strictParser().parse(new InputSource(new StringReader(
                AtomFeedController.render("http://localhost:8080", consultation, versions,
                        new FeedCheckpoints.Checkpoint(3, "ab12", "2026-12-04T10:01:00Z", reason)))));

        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent())
                .isEqualTo(asParsed(title));
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "subtitle").item(0).getTextContent())
                .isEqualTo(asParsed(summary));
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0).getTextContent())
                .endsWith("Reason: " + asParsed(reason));
        assertThat(feed.getElementsByTagNameNS(AtomFeedController.LOG_NAMESPACE, "signature").item(0).getTextContent())
                .isEqualTo(asParsed(reason));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anyUnit = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u001F')
                .withChars('\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '<', '&', ']', '>', '"').ofMaxLength(20);
        Arbitrary<String> pasted = Arbitraries.of("First line\u000Bsecond line", "Page\u000Cbreak", "NUL\u0000here",
                "Ceci n’est pas une pipe ]]> <b>&amp;</b>", "عربي\u200F نص", "中文文本", "👩🏽‍💻 emoji", "CR\r\nLF\rend");
        return Combinators.combine(Arbitraries.oneOf(anyUnit, controls, pasted), Arbitraries.oneOf(anyUnit, controls, pasted))
                .as(String::concat);
    }

    /** What a conforming parser gives back for a text Concord wrote: XML-illegal characters replaced, line ends normalised. */
    private static String asParsed(String text) {
        return XmlCharacters.legal(text).replace("\r\n", "\n").replace('\r', '\n');
    }

    private static DocumentBuilder strictParser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder parser = factory.newDocumentBuilder();
        parser.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return parser;
    }
}
