package io.lockscope.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package plan of docs/ARCHITECTURE.md, pinned: data flows from readers through the model to
 * analysis, rules and reports, and nothing downstream is imported upstream.
 */
@AnalyzeClasses(packages = "io.lockscope", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchRule modelImportsNothingOfOurs = noClasses().that().resideInAPackage("io.lockscope.model..")
            .should().dependOnClassesThat(resideInAPackage("io.lockscope..").and(resideOutsideOfPackage("io.lockscope.model..")))
            .because("the model sits between readers and rules and knows neither");

    @ArchTest
    static final ArchRule formatKnowsOnlyTheModel = noClasses().that().resideInAPackage("io.lockscope.format..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lockscope.ingest..", "io.lockscope.export..",
                    "io.lockscope.analysis..", "io.lockscope.rules..", "io.lockscope.report..", "io.lockscope.cli..")
            .because("format tables are shared by readers and writers");

    @ArchTest
    static final ArchRule ingestNeverAnalyses = noClasses().that().resideInAPackage("io.lockscope.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lockscope.analysis..", "io.lockscope.rules..",
                    "io.lockscope.report..", "io.lockscope.export..")
            .because("readers only produce events");

    @ArchTest
    static final ArchRule exportNeverReads = noClasses().that().resideInAPackage("io.lockscope.export..")
            .should().dependOnClassesThat().resideInAPackage("io.lockscope.ingest..")
            .because("writers share format knowledge through io.lockscope.format, not through the readers");

    @ArchTest
    static final ArchRule reportNeverAnalyses = noClasses().that().resideInAPackage("io.lockscope.report..")
            .and().haveNameNotMatching("io\\.lockscope\\.report\\.(\\w*ReportBuilder|HolderWords)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("io.lockscope.analysis..")
            .because("renderers never compute: the report builders (and the holder wording they share) alone turn"
                    + " analysis into report models");

    @ArchTest
    static final ArchRule onlyNativeioUsesJna = noClasses().that().resideOutsideOfPackage("io.lockscope.nativeio..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("native code always has a pure-Java fallback behind io.lockscope.nativeio");

    @ArchTest
    static final ArchRule commandsNeverReachBackToMain = noClasses().that().resideInAPackage("io.lockscope.cli")
            .and().haveNameNotMatching("io\\.lockscope\\.cli\\.Main(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.lockscope.cli.Main")
            .because("commands return ExitCodes; only Main turns them and exceptions into the process's exit");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.lockscope.(*)..").should().beFreeOfCycles();
}
