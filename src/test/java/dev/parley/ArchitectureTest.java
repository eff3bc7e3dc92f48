package dev.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of the package layout (docs: shared STYLE.md), checked on the compiled classes. */
class ArchitectureTest {

    private static final List<String> FEATURES =
            List.of("accounts", "presence", "rooms", "files", "messages", "profile", "people", "search", "webhooks");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    @Test
    void features_have_no_cycles() {
        slices().matching("dev.parley.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void views_and_controllers_never_touch_repositories_or_the_entity_manager() {
        noClasses()
                .that()
                .resideInAnyPackage("..ui..", "..api..", "dev.parley.shell..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..internal..", "org.springframework.data..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .check(classes);
    }

    @Test
    void a_features_internals_are_its_own() {
        for (String feature : FEATURES) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.parley." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.parley." + feature + ".internal..")
                    .check(classes);
        }
    }

    @Test
    void realtime_and_base_know_no_feature() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.parley.realtime..", "dev.parley.base..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(Stream.concat(FEATURES.stream(), Stream.of("shell"))
                        .map(f -> "dev.parley." + f + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @Test
    void features_use_no_other_features_views() {
        for (String feature : FEATURES) {
            for (String other : FEATURES) {
                if (other.equals(feature)) {
                    continue;
                }
                GivenClassesConjunction users = noClasses().that().resideInAPackage("dev.parley." + feature + "..");
                if (feature.equals("messages") && other.equals("rooms")) {
                    // The one exception: the room page shows the rooms feature's members sidebar and room management.
                    users = users.and().resideOutsideOfPackage("dev.parley.messages.ui..");
                }
                users.should()
                        .dependOnClassesThat()
                        .resideInAPackage("dev.parley." + other + ".ui..")
                        .check(classes);
            }
        }
    }
}
