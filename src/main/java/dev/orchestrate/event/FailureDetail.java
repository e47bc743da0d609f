package dev.orchestrate.event;

import dev.orchestrate.run.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console prints under a failure line, given the last lines of the task's log. The default
 * indents them; under GitHub Actions the report package folds them into a log group and adds an
 * annotation.
 */
@FunctionalInterface
public interface FailureDetail {

    /**
     * @param failure the failed attempt
     * @param logTail the last lines of its log, already cleaned of escape sequences
     * @return the lines to print, in order, after the failure line
     */
    List<String> lines(Event.TaskFailed failure, List<String> logTail);

    /**
     * What {@code --output full} prints after a task's line: its attempt's output, indented by
     * default (under GitHub Actions folded in a {@code ::group::}).
     *
     * @param task   the task's id
     * @param output the lines its attempt wrote, cleaned of escape sequences
     */
    default List<String> output(String task, List<String> output) {
        List<String> lines = new ArrayList<>(output.size());
        output.forEach(line -> lines.add("    " + line));
        return lines;
    }

    /** The log tail indented by four spaces. */
    static FailureDetail indented() {
        return (failure, logTail) -> {
            List<String> lines = new ArrayList<>(logTail.size());
            logTail.forEach(line -> lines.add("    " + line));
            return lines;
        };
    }
}
