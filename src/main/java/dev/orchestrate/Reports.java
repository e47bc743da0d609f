package dev.orchestrate;

import dev.orchestrate.event.ConsolePrinter;
import dev.orchestrate.event.FailureDetail;
import dev.orchestrate.event.Held;
import dev.orchestrate.event.JsonLinesPrinter;
import dev.orchestrate.event.ProgressFile;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.report.GithubActions;
import dev.orchestrate.report.JUnitReport;
import dev.orchestrate.report.MarkDone;
import dev.orchestrate.report.SelectionReport;
import dev.orchestrate.report.SummaryReport;
import dev.orchestrate.report.Timeline;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.select.Decision;
import dev.orchestrate.select.Selection;
import dev.orchestrate.session.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who hears the events of a run and what it leaves behind, as the user asked for them. */
final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final ExecutionPlan plan;
    private final Session session;
    private final Selection selection;
    private final RunRequest.Results asked;
    private final Terminal terminal;
    private final Clock clock;
    private final Map<String, String> env;

    /** @param asked what the user asked to be shown and written */
    Reports(ExecutionPlan plan, Session session, Selection selection, RunRequest.Results asked, Invocation invocation) {
        this.plan = plan;
        this.session = session;
        this.selection = selection;
        this.asked = asked;
        this.terminal = invocation.terminal();
        this.clock = invocation.clock();
        this.env = invocation.environment();
    }

    /** The console view (or JSON lines) first, so the user sees an event before any file mirrors it. */
    EventListener listeners() {
        Held held = SelectionReport.held(selection);
        List<EventListener> listeners = new ArrayList<>();
        if (terminal.json()) {
            listeners.add(new JsonLinesPrinter(terminal, plan).holding(held));
            if (GithubActions.active(env)) {
                // stdout holds JSON only: the annotations go to stderr, where the runner reads workflow commands too
                GithubActions github = new GithubActions(plan, env);
                listeners.add(event -> {
                    if (event instanceof Event.TaskFailed failed && failed.givingUp()) {
                        terminal.error(github.annotation(failed.task(), failed.error()));
                    }
                });
            }
        } else {
            FailureDetail detail = GithubActions.active(env) ? new GithubActions(plan, env) : FailureDetail.indented();
            listeners.add(new ConsolePrinter(plan, terminal, clock, detail)
                    .output(asked.output().mode(), session::log).holding(held).startTicker());
        }
        listeners.add(new ProgressFile(plan, session.file("progress.txt"), clock).holding(held).startTicker());
        return EventListener.all(listeners);
    }

    /**
     * Writes summary.json, timeline.html and what the options ask for.
     *
     * @return the exit code: the run's, or 3 when summary.json could not be written
     */
    int write(RunResult result) {
        int exitCode = result.exitCode();
        try {
            SelectionReport.write(SummaryReport.of(plan, result, session.dir()), selection, session.file("summary.json"));
        } catch (RuntimeException e) {
            LOG.error("summary.json", e);
            terminal.error("orchestrate: cannot write " + session.file("summary.json") + ": " + e.getMessage());
            exitCode = exitCode == ExitCode.OK.code() || exitCode == ExitCode.TASK_FAILED.code() ? ExitCode.CRITICAL.code() : exitCode;
        }
        boolean written = attempt("timeline.html", () -> new Timeline(plan, result, SelectionReport.held(selection)).write(session.file("timeline.html")));
        if (asked.junit().isPresent()) {
            Path file = asked.junit().get();
            written &= attempt(file.toString(), () -> new JUnitReport(plan, result, session::log)
                    .noting(SelectionReport.resumedNotes(selection), SelectionReport.notSelectedNotes(selection)).write(file));
        }
        if (GithubActions.active(env)) {
            written &= attempt("$GITHUB_STEP_SUMMARY", () -> new GithubActions(plan, env)
                    .appendStepSummary(result, SelectionReport.held(selection)));
        }
        if (asked.markDone()) {
            written &= attempt(plan.taskFile().toString(), () -> {
                MarkDone.Result ticked = MarkDone.completed(plan, result, selection.ids(Decision.Kind.RESUMED));
                if (!ticked.ticked().isEmpty()) {
                    terminal.line("Marked done in " + plan.taskFile().getFileName() + ": " + String.join(", ", ticked.ticked()));
                }
                if (!ticked.withoutCheckbox().isEmpty()) {
                    terminal.detail("No checkbox to tick for: " + String.join(", ", ticked.withoutCheckbox()));
                }
                if (!ticked.changed().isEmpty()) {
                    terminal.error("warning: not marked done, their line in " + plan.taskFile().getFileName()
                            + " changed or vanished during the run: " + String.join(", ", ticked.changed()));
                }
            });
        }
        // a report the user asked for that could not be written is a critical failure (an interruption stays 130)
        return written || exitCode > ExitCode.CRITICAL.code() ? exitCode : ExitCode.CRITICAL.code();
    }

    /** @return whether {@code write} succeeded; a failure is one line on stderr */
    private boolean attempt(String what, Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            LOG.error("cannot write {}", what, e);
            String message = String.valueOf(e.getMessage());
            terminal.error("orchestrate: " + (message.startsWith("cannot ") ? message : "cannot write " + what + ": " + message));
            return false;
        }
    }
}
