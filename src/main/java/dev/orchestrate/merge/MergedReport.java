package dev.orchestrate.merge;

import dev.orchestrate.plan.PlanDocument;
import dev.orchestrate.report.GithubActions;
import dev.orchestrate.report.JUnitReport;
import dev.orchestrate.report.SummaryReport;
import dev.orchestrate.report.Timeline;
import dev.orchestrate.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code orchestrate merge -o DIR}: the merged run written as a session folder of its own, with the
 * same report writers a run uses: summary.json, junit.xml, timeline.html, execution-plan.json, and
 * the log of every task that ran (copied from its job's folder), so failures keep their logs.
 */
public final class MergedReport {

    public static final String JUNIT = "junit.xml";

    private MergedReport() {
    }

    /**
     * Writes the reports into {@code dir}; an earlier session or merge there is renamed first, as a
     * run does. Appends the step summary under GitHub Actions.
     *
     * @return the exit code of the merged run (SPEC §1)
     * @throws IllegalArgumentException when {@code dir} is a file or a folder that holds something else
     */
    public static int write(SessionMerge merge, Path dir, Clock clock, Map<String, String> env) {
        Path target = dir.toAbsolutePath().normalize();
        refuseForeign(target);
        try (Session session = Session.open(target, clock)) {
            for (String id : merge.result().tasks().keySet()) {
                Optional<Path> log = merge.log(id);
                if (log.isPresent()) {
                    Files.copy(log.get(), session.log(id), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            session.writeJson("execution-plan.json", PlanDocument.of(merge.plan()));
            SummaryReport.of(merge.plan(), merge.result(), session.dir()).write(session.file("summary.json"));
            new JUnitReport(merge.plan(), merge.result(), session::log).write(session.file(JUNIT));
            new Timeline(merge.plan(), merge.result()).write(session.file("timeline.html"));
            if (GithubActions.active(env)) {
                new GithubActions(merge.plan(), env).appendStepSummary(merge.result());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return merge.result().exitCode();
    }

    /** A run never moves what it did not make: only a missing folder, an empty one, or an earlier session may be the target. */
    private static void refuseForeign(Path target) {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + ": exists and is not a folder");
        }
        if (SavedSession.isSession(target) || Files.isDirectory(target.resolve("messages"))) {
            return;
        }
        try (Stream<Path> children = Files.list(target)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException(target + ": a folder that is not a session folder; name a new or empty one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }
}
