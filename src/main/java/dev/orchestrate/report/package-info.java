/**
 * What a run leaves behind: summary.json, the JUnit XML, GitHub Actions output, timeline.html,
 * and the ticks of {@code --mark-done}. Each is a function of the {@code ExecutionPlan} and the
 * {@code RunResult}, written after the coordinator returns, on every exit path that can write:
 * <pre>{@code
 * SummaryReport.of(plan, result, session.dir()).write(session.file("summary.json"));
 * new Timeline(plan, result).write(session.file("timeline.html"));
 * if (junit != null) new JUnitReport(plan, result, session::log).write(junit);
 * if (GithubActions.active(env)) new GithubActions(plan, env).appendStepSummary(result);
 * if (markDone) MarkDone.completed(plan, result, resumedIds);   // result.ticked() / withoutCheckbox() for a note
 * }</pre>
 * A run that stopped after planning but before execution writes
 * {@code SummaryReport.beforeExecution(plan, dir, startedAt, endedAt, exitCode, reason)}; one that
 * stopped before it had a plan, {@code SummaryReport.withoutPlan(taskFile, dir, ...)}.
 */
package dev.orchestrate.report;
