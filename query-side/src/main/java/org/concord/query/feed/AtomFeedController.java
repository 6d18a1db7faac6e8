package org.concord.query.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.xml.XmlCharacters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An Atom 1.0 feed of a consultation's versions, newest first, for feed readers: each entry says what
 * made the version (creation, an amendment, a revision), who decided and why, and links to the text.
 * Texts go through {@link XmlCharacters}, so that the feed is XML whatever they hold. The feed carries the
 * log's latest signed checkpoint too, in {@value #LOG_NAMESPACE}, with where to find the key that checks it.
 */
@Tag(name = "Feeds")
@RestController
class AtomFeedController {

    static final String ATOM = "application/atom+xml";
    static final String LOG_NAMESPACE = "urn:concord:log";
    private static final String NAMESPACE = "http://www.w3.org/2005/Atom";

    private final ConsultationAccess access;
    private final QueryRunner queries;
    private final FeedCheckpoints checkpoints;
    private final String base;

    AtomFeedController(ConsultationAccess access, QueryRunner queries, FeedCheckpoints checkpoints, FeedProperties properties) {
        this.access = access;
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.base = properties.publicBaseUrl().replaceFirst("/+$", "");
    }

    @Operation(operationId = "consultationAtomFeed", summary = "An Atom feed of the consultation's versions")
    @GetMapping(path = "/api/consultations/{consultationId}/feed.atom", produces = ATOM)
    Mono<String> atom(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .zipWhen(consultation -> queries.query(new FindVersionsQuery(consultationId), ResponseTypes.multipleInstancesOf(VersionSummary.class)))
                .map(found -> render(base, found.getT1(), found.getT2(), checkpoints.latest()));
    }

    /** The feed; {@code checkpoint} null while the log has none, and then the feed has no checkpoint element. */
    static String render(String base, ConsultationDetail consultation, List<VersionSummary> versions, FeedCheckpoints.Checkpoint checkpoint) {
        String self = base + "/api/consultations/" + consultation.consultationId();
        StringWriter xml = new StringWriter();
        try {
            XMLStreamWriter atom = XMLOutputFactory.newFactory().createXMLStreamWriter(xml);
            atom.writeStartDocument("UTF-8", "1.0");
            atom.writeStartElement("feed");
            atom.writeDefaultNamespace(NAMESPACE);
            atom.writeNamespace("log", LOG_NAMESPACE);
            element(atom, "id", "urn:concord:consultation:" + consultation.consultationId());
            element(atom, "title", consultation.title());
            element(atom, "subtitle", consultation.summary());
            element(atom, "updated", (versions.isEmpty() ? consultation.createdAt() : versions.get(versions.size() - 1).createdAt()).toString());
            link(atom, "self", self + "/feed.atom");
            link(atom, "alternate", self);
            atom.writeStartElement("author");
            element(atom, "name", consultation.proposer() == null ? "Concord" : consultation.proposer().organisation());
            atom.writeEndElement();
            if (checkpoint != null) {
                checkpoint(atom, base, checkpoint);
            }
            for (int i = versions.size() - 1; i >= 0; i--) {
                entry(atom, self, consultation.consultationId(), versions.get(i));
            }
            atom.writeEndElement();
            atom.writeEndDocument();
            atom.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException("Could not write the Atom feed", e));
        }
        return xml.toString();
    }

    private static void entry(XMLStreamWriter atom, String self, String consultationId, VersionSummary version) throws XMLStreamException {
        atom.writeStartElement("entry");
        element(atom, "id", "urn:concord:consultation:" + consultationId + ":version:" + version.version());
        String made = switch (version.cause().type()) {
            case "CREATION" -> "created";
            case "AMENDMENT" -> "amendment accepted";
            case "BRACKET" -> "bracket " + version.cause().bracketId() + " resolved";
            case "COMPROMISE" -> "compromise " + version.cause().compromiseId() + " accepted";
            default -> "revised by the drafters";
        };
        element(atom, "title", "Version " + version.version() + ": " + made);
        element(atom, "updated", version.createdAt().toString());
        link(atom, "alternate", self + "/versions/" + version.version());
        if (version.version() > 1) {
            link(atom, "related", self + "/diff?from=" + (version.version() - 1) + "&to=" + version.version());
        }
        String by = version.cause().decidedBy() != null ? version.cause().decidedBy().organisation()
                : version.cause().author() != null ? version.cause().author().organisation() : "Concord";
        atom.writeStartElement("author");
        element(atom, "name", by);
        atom.writeEndElement();
        StringBuilder summary = new StringBuilder("Version ").append(version.version()).append(", ").append(made);
        if (version.cause().author() != null && "AMENDMENT".equals(version.cause().type())) {
            summary.append(", proposed by ").append(version.cause().author().organisation());
        }
        if (version.cause().reason() != null) {
            summary.append(". Reason: ").append(version.cause().reason());
        }
        element(atom, "summary", summary.toString());
        atom.writeEndElement();
    }

    private static void checkpoint(XMLStreamWriter atom, String base, FeedCheckpoints.Checkpoint checkpoint) throws XMLStreamException {
        atom.writeStartElement("log", "checkpoint", LOG_NAMESPACE);
        logElement(atom, "treeSize", Long.toString(checkpoint.treeSize()));
        logElement(atom, "rootHash", checkpoint.rootHash());
        logElement(atom, "timestamp", checkpoint.timestamp());
        logElement(atom, "signature", checkpoint.signature());
        atom.writeEmptyElement("log", "key", LOG_NAMESPACE);
        atom.writeAttribute("href", XmlCharacters.legal(base + "/api/log/key"));
        atom.writeEndElement();
    }

    private static void logElement(XMLStreamWriter atom, String name, String text) throws XMLStreamException {
        atom.writeStartElement("log", name, LOG_NAMESPACE);
        atom.writeCharacters(XmlCharacters.legal(text));
        atom.writeEndElement();
    }

    private static void element(XMLStreamWriter atom, String name, String text) throws XMLStreamException {
        atom.writeStartElement(name);
        atom.writeCharacters(text == null ? "" : XmlCharacters.legal(text));
        atom.writeEndElement();
    }

    private static void link(XMLStreamWriter atom, String rel, String href) throws XMLStreamException {
        atom.writeEmptyElement("link");
        atom.writeAttribute("rel", rel);
        atom.writeAttribute("href", XmlCharacters.legal(href));
    }
}
