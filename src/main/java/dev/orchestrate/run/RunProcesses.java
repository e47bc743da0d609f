package dev.orchestrate.run;

import java.util.List;

/** The processes of one run, found by the run id each carries in its environment (Linux {@code /proc}). */
public final class RunProcesses {

    /** The variable every attempt's process (and what it starts) carries: a value unique to one run. */
    public static final String RUN_ID = Worker.RUN_ID;

    private RunProcesses() {
    }

    /** The pids of the live processes of run {@code runId}. */
    public static List<Long> alive(String runId) {
        return ProcessTree.withEnvironment(RUN_ID, runId).stream().map(ProcessHandle::pid).sorted().toList();
    }
}
