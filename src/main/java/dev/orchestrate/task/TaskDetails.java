package dev.orchestrate.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Everything read from one task's text: its body, and any details sections about it added in. */
final class TaskDetails {

    final LinkedHashSet<Integer> dependsOn = new LinkedHashSet<>();
    boolean declaresDependencies;
    boolean inlineDependencies;
    Priority priority;
    String command;
    Duration timeout;
    String verify;
    double estimate = 1;
    boolean statusDone;
    int steps;
    int stepsTicked;
    String body = "";
    List<FileRef> files = List.of();

    /** Adds what a details section of the same task says (SPEC §5.1: one id is one task). */
    void add(TaskDetails more) {
        dependsOn.addAll(more.dependsOn);
        declaresDependencies |= more.declaresDependencies;
        inlineDependencies |= more.inlineDependencies;
        priority = priority != null ? priority : more.priority;
        command = command != null ? command : more.command;
        verify = verify != null ? verify : more.verify;
        timeout = timeout != null ? timeout : more.timeout;
        estimate = estimate != 1 ? estimate : more.estimate;
        statusDone |= more.statusDone;
        steps += more.steps;
        stepsTicked += more.stepsTicked;
        body = body.isEmpty() ? more.body : more.body.isEmpty() ? body : body + "\n\n" + more.body;
        Map<String, FileRef> merged = FileMentions.newMap();
        FileMentions.merge(merged, files);
        FileMentions.merge(merged, more.files);
        files = new ArrayList<>(merged.values());
    }
}
