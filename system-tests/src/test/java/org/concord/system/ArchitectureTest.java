package org.concord.system;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.spring.stereotype.Aggregate;
import org.bson.Document;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the modules' architecture (docs/architecture.md), checked on the compiled classes of every
 * module the services are made of: the event-store engine and the stored tokens are reached only through
 * event-store's ports, the domain knows no web, projections store typed records, and no two packages import
 * each other, directly or round a longer cycle. Tests are left out: a test may reach into what it checks.
 */
class ArchitectureTest {

    static final JavaClasses CONCORD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.concord");

    /** Aggregates, command handlers and projections: the classes that decide and the classes that record. */
    static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>("aggregates, command handlers and projections") {
        @Override
        public boolean test(JavaClass type) {
            return type.isAnnotatedWith(Aggregate.class) || type.isAnnotatedWith(ProcessingGroup.class)
                    || type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(CommandHandler.class)
                    || method.isAnnotatedWith(EventHandler.class));
        }
    };

    static final ArchRule ENGINE_BEHIND_PORTS = noClasses()
            .that().resideOutsideOfPackage("org.concord.eventstore..")
            .should().dependOnClassesThat().areAssignableTo(SequencedMongoEventStorageEngine.class)
            .as("only event-store knows its storage engine; the services use its ports (SafeEventLog, IdempotentCommitLookup)");

    static final ArchRule TOKENS_BEHIND_PORTS = noClasses()
            .that().resideOutsideOfPackage("org.concord.eventstore..")
            .should().callMethod(MongoTemplate.class, "trackingTokensCollection")
            .as("only event-store reads Axon's token collection; the services read progress through StoredTokens");

    static final ArchRule DOMAIN_WITHOUT_WEB = noClasses()
            .that(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..dispatch..", "org.springframework.http..")
            .as("aggregates, command handlers and projections know no web: no HTTP, no request mapping, no problem+json");

    /** Classes that handle events into a store of their own: the projections. */
    static final DescribedPredicate<JavaClass> PROJECTIONS = new DescribedPredicate<>("projections") {
        @Override
        public boolean test(JavaClass type) {
            return type.isAnnotatedWith(ProcessingGroup.class)
                    || type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(EventHandler.class));
        }
    };

    static final ArchRule PROJECTIONS_STORE_RECORDS = noClasses()
            .that(PROJECTIONS)
            .should().dependOnClassesThat().areAssignableTo(Document.class)
            .as("projections store typed records (the driver's record codec), not documents spelt out by hand");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.concord.(**)").namingSlices("$1")
            .should().beFreeOfCycles()
            .as("no import cycle between packages");

    @Test
    void the_event_store_engine_is_used_only_through_its_ports() {
        ENGINE_BEHIND_PORTS.check(CONCORD);
    }

    @Test
    void the_stored_tokens_are_read_only_through_their_port() {
        TOKENS_BEHIND_PORTS.check(CONCORD);
    }

    @Test
    void the_domain_knows_no_web() {
        DOMAIN_WITHOUT_WEB.check(CONCORD);
    }

    @Test
    void projections_store_records_not_hand_built_documents() {
        PROJECTIONS_STORE_RECORDS.check(CONCORD);
    }

    @Test
    void no_package_imports_another_that_imports_it_back() {
        NO_PACKAGE_CYCLES.check(CONCORD);
    }
}
