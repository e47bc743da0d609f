package dev.orchestrate;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The data flows one way (STYLE.md): task file → tasks → context → plan → run → events → reports,
 * each package depending only on what comes before it. Side roads sit where their input is: the
 * selection and the CI export read a plan; locks and worktrees serve the run and know nothing of it;
 * merge reads the reports of sessions. The session folder is the common ground beneath them all; the
 * command line and {@link Orchestrator} at the top put them together.
 */
@AnalyzeClasses(packages = "dev.orchestrate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.orchestrate.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theFlowGoesOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("session").definedBy("dev.orchestrate.session..")
            .layer("tasks").definedBy("dev.orchestrate.task..")
            .layer("context").definedBy("dev.orchestrate.scout..")
            .layer("plan").definedBy("dev.orchestrate.plan..")
            .layer("selection").definedBy("dev.orchestrate.select..")
            .layer("export").definedBy("dev.orchestrate.export..")
            .layer("locks").definedBy("dev.orchestrate.lock..")
            .layer("worktrees").definedBy("dev.orchestrate.worktree..")
            .layer("run").definedBy("dev.orchestrate.run..")
            .layer("events").definedBy("dev.orchestrate.event..")
            .layer("reports").definedBy("dev.orchestrate.report..")
            .layer("merge").definedBy("dev.orchestrate.merge..")
            .layer("entry").definedBy("dev.orchestrate", "dev.orchestrate.cli..")

            .whereLayer("session").mayNotAccessAnyLayer()
            .whereLayer("tasks").mayOnlyAccessLayers("session")
            .whereLayer("context").mayOnlyAccessLayers("tasks", "session")
            .whereLayer("plan").mayOnlyAccessLayers("context", "tasks", "session")
            .whereLayer("selection").mayOnlyAccessLayers("plan", "context", "tasks", "session")
            .whereLayer("export").mayOnlyAccessLayers("plan", "context", "tasks", "session")
            .whereLayer("locks").mayOnlyAccessLayers("session")
            .whereLayer("worktrees").mayOnlyAccessLayers("session")
            .whereLayer("run").mayOnlyAccessLayers("locks", "worktrees", "selection", "plan", "context", "tasks", "session")
            .whereLayer("events").mayOnlyAccessLayers("run", "selection", "plan", "context", "tasks", "session")
            .whereLayer("reports").mayOnlyAccessLayers("events", "run", "selection", "plan", "context", "tasks", "session")
            .whereLayer("merge").mayOnlyAccessLayers("reports", "events", "run", "selection", "plan", "context", "tasks",
                    "session");

    @ArchTest
    static final ArchRule thePlanNeverUsesTheRun = noClasses().that().resideInAPackage("dev.orchestrate.plan..")
            .should().dependOnClassesThat().resideInAPackage("dev.orchestrate.run..");
}
