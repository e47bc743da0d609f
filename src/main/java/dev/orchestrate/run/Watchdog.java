package dev.orchestrate.run;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small bash process that outlives this JVM (SPEC §5.7): it reads, over a pipe from the JVM,
 * the run ids and the process groups of the attempts under way; when the pipe closes (the JVM
 * ended, also by {@code kill -9}) it stops those groups and every process whose environment
 * carries one of the run ids (TERM, up to 2 s, then KILL), and exits. It ignores the signals a
 * terminal or a CI sends, and leads its own session, so that stopping orchestrate's process group
 * does not stop it first. One per JVM, started with the first run; none where bash or /proc is
 * missing.
 */
final class Watchdog {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM QUIT PIPE",
            "declare -A groups; runs=()",
            "while IFS= read -r line; do",
            "  case $line in",
            "    'run '*) runs+=(\"${line#run }\");;",
            "    'group '*) groups[${line#group }]=1;;",
            "    'done '*) unset \"groups[${line#done }]\";;",
            "  esac",
            "done",
            // the JVM is gone: stop what its runs left
            "tagged() { local id f; for id in \"${runs[@]}\"; do",
            "  for f in $(grep -lzxF \"ORCHESTRATE_RUN_ID=$id\" /proc/[0-9]*/environ 2>/dev/null); do",
            "    f=${f#/proc/}; f=${f%/environ}; [[ $f != $$ && $f != $BASHPID ]] && echo \"$f\"; done; done; }",
            "sweep() { local g p; for g in \"${!groups[@]}\"; do kill -s \"$1\" -- \"-$g\" 2>/dev/null || unset \"groups[$g]\"; done",
            "  for p in $(tagged); do kill -s \"$1\" \"$p\" 2>/dev/null; done; }",
            "left() { local g; for g in \"${!groups[@]}\"; do kill -0 -- \"-$g\" 2>/dev/null && return 0; done",
            "  [[ -n $(tagged) ]]; }",
            "left || exit 0",
            "sweep TERM",
            "for i in $(seq 20); do sleep 0.1; left || exit 0; done",
            "sweep KILL; sleep 0.2; sweep KILL",
            "");

    private static Optional<Watchdog> shared;

    private final Process process;
    private final OutputStream pipe;
    private boolean broken;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /** The JVM's watchdog, started on first use; empty where it cannot run. */
    static synchronized Optional<Watchdog> shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static Optional<Watchdog> start() {
        Optional<Path> bash = ShellExecutor.findOnPath("bash");
        if (bash.isEmpty() || !java.nio.file.Files.isDirectory(Path.of("/proc"))) {
            LOG.debug("no watchdog: bash or /proc is missing");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        ShellExecutor.findOnPath("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(bash.get().toString(), "-c", SCRIPT, "orchestrate-watchdog"));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            LOG.debug("watchdog pid {}", process.pid());
            return Optional.of(new Watchdog(process));
        } catch (IOException e) {
            LOG.warn("cannot start the watchdog: {}", e.toString());
            return Optional.empty();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Processes whose environment holds {@code ORCHESTRATE_RUN_ID=runId} are stopped when the JVM ends. */
    void watchRun(String runId) {
        send("run " + runId);
    }

    /** Process group {@code group} (an attempt's) is stopped if the JVM ends while it runs. */
    void started(long group) {
        send("group " + group);
    }

    /** The attempt leading {@code group} has ended and was stopped. */
    void ended(long group) {
        send("done " + group);
    }

    private synchronized void send(String line) {
        if (broken) {
            return;
        }
        try {
            pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            pipe.flush();
        } catch (IOException e) {
            broken = true;
            LOG.warn("the watchdog is gone ({}); processes left by a killed JVM will not be stopped", e.toString());
        }
    }
}
