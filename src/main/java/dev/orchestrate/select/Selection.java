package dev.orchestrate.select;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.select.Decision.Kind;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which tasks of a plan this session runs, task by task with the reason: all of them, those
 * {@code --only} or {@code --from} choose, less those an earlier session completed and that are
 * unchanged since ({@code --resume}). A task completed there runs again when its {@link TaskHash}
 * differs, or when a task it depends on runs again; failed, skipped, stopped, not run and new
 * tasks run. Sits between the plan and the run: the run gets a plan in which every task that does
 * not run is already done.
 */
public final class Selection {

    private final SelectionRequest request;
    private final Map<String, Decision> decisions;
    private final Optional<EarlierSession> resumedFrom;
    private final Optional<String> note;

    private Selection(SelectionRequest request, Map<String, Decision> decisions, Optional<EarlierSession> resumedFrom,
                      Optional<String> note) {
        this.request = request;
        this.decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
        this.resumedFrom = resumedFrom;
        this.note = note;
    }

    /**
     * The selection for a run whose session folder is {@code sessionDir}: with {@code --resume}, the
     * earlier session is {@code --resume DIR} or the newest one beside it.
     *
     * @param taskFileText   the task file's text, for phase names
     * @param includeCurrent whether {@code sessionDir} itself is an earlier session (nothing has renamed it yet: {@code --list})
     */
    public static Selection forRun(ExecutionPlan plan, SelectionRequest request, Path sessionDir, String taskFileText,
                                   boolean includeCurrent) {
        Optional<EarlierSession> earlier = Optional.empty();
        Optional<String> note = Optional.empty();
        if (request.resume().isPresent()) {
            Optional<Path> dir = request.resume().get();
            if (dir.isPresent()) {
                earlier = Optional.of(EarlierSession.of(dir.get()));
            } else {
                earlier = EarlierSession.newest(sessionDir, plan.taskFile(), includeCurrent);
                if (earlier.isEmpty()) {
                    note = Optional.of("no earlier session of " + plan.taskFile().getFileName() + " beside "
                            + sessionDir.getFileName() + " in which a task ran: every task runs");
                }
            }
        }
        if (earlier.isPresent()) {
            EarlierSession e = earlier.get();
            if (e.source().equals(EarlierSession.OUTBOXES)) {
                note = Optional.of(e.dir().getFileName() + " has no summary.json (the run did not end): resuming from its "
                        + EarlierSession.OUTBOXES
                        + (e.tasks().values().stream().anyMatch(t -> t.hash().isPresent()) ? ""
                                : ", which carry no task hashes: every task runs"));
            }
        }
        return choose(plan, request, earlier, note, new Sections(taskFileText));
    }

    static Selection choose(ExecutionPlan plan, SelectionRequest request, Optional<EarlierSession> earlier,
                            Optional<String> note, Sections sections) {
        Chosen names = new Chosen(plan, sections);
        Set<String> chosen;
        if (!request.only().isEmpty()) {
            chosen = names.only(request.only());
        } else if (request.from().isPresent()) {
            chosen = names.from(request.from().get());
        } else {
            chosen = new LinkedHashSet<>(plan.tasks().keySet());
        }
        Map<String, String> addedFor = new HashMap<>();
        List<String> order = topological(plan);
        Map<String, String> hashes = new HashMap<>();
        plan.tasks().values().forEach(t -> hashes.put(t.id(), TaskHash.of(t.task())));
        while (true) {
            Map<String, Decision> decided = decide(plan, request, earlier, chosen, addedFor, order, hashes);
            Map<String, List<String>> missing = missingDependencies(plan, decided);
            if (missing.isEmpty() || request.deps() == SelectionRequest.Dependencies.ASSUMED_DONE || !request.chooses()) {
                return new Selection(request, inFileOrder(plan, decided), earlier, note);
            }
            if (request.deps() == SelectionRequest.Dependencies.REQUIRED) {
                throw missingError(request, missing);
            }
            missing.forEach((dependency, neededBy) -> {
                chosen.add(dependency);
                addedFor.putIfAbsent(dependency, neededBy.get(0));
            });
        }
    }

    private static Map<String, Decision> decide(ExecutionPlan plan, SelectionRequest request, Optional<EarlierSession> earlier,
                                                Set<String> chosen, Map<String, String> addedFor, List<String> order,
                                                Map<String, String> hashes) {
        Map<String, Decision> decided = new HashMap<>();
        for (String id : order) {
            PlannedTask task = plan.task(id);
            String hash = hashes.get(id);
            if (task.alreadyDone()) {
                decided.put(id, new Decision(id, Kind.DONE, "done in the file", hash, Optional.empty(), Optional.empty()));
                continue;
            }
            String runsBecause = null;
            Optional<EarlierSession.Recorded> recorded = earlier.flatMap(e -> e.task(id));
            if (earlier.isPresent()) {
                String there = earlier.get().name();
                if (recorded.isEmpty()) {
                    runsBecause = "new since " + there;
                } else if (!recorded.get().completed()) {
                    runsBecause = recorded.get().status().replace('_', ' ') + " in " + there;
                } else if (recorded.get().hash().isEmpty()) {
                    runsBecause = "completed in " + recorded.get().completedIn().get() + ", which recorded no task hash";
                } else if (!recorded.get().hash().get().equals(hash)) {
                    runsBecause = "changed since " + recorded.get().completedIn().get();
                } else {
                    Optional<String> rerun = task.allDependencies().stream()
                            .filter(d -> decided.containsKey(d) && decided.get(d).runs()).findFirst();
                    if (rerun.isPresent()) {
                        runsBecause = "depends on " + rerun.get() + ", which runs again";
                    } else {
                        EarlierSession.Recorded r = recorded.get();
                        decided.put(id, new Decision(id, Kind.RESUMED, "completed in " + r.completedIn().get() + ", unchanged",
                                hash, r.completedIn(), r.log()));
                        continue;
                    }
                }
            }
            if (chosen.contains(id)) {
                String why = runsBecause != null ? runsBecause
                        : addedFor.containsKey(id) ? "needed by " + addedFor.get(id) + " (--with-deps)"
                        : !request.only().isEmpty() ? "chosen by --only"
                        : request.from().isPresent() ? "from " + request.from().get().strip() + " on (--from)"
                        : "runs";
                decided.put(id, new Decision(id, Kind.RUN, why, hash, Optional.empty(), Optional.empty()));
            } else {
                String why = !request.only().isEmpty() ? "not chosen by --only"
                        : "before " + request.from().orElse("").strip() + " in plan order (--from)";
                decided.put(id, new Decision(id, Kind.NOT_SELECTED, why, hash, Optional.empty(), Optional.empty()));
            }
        }
        return decided;
    }

    /** dependency → the running tasks that need it, for every dependency that neither runs nor is done. */
    private static Map<String, List<String>> missingDependencies(ExecutionPlan plan, Map<String, Decision> decided) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks().values()) {
            if (!decided.get(task.id()).runs()) {
                continue;
            }
            for (String dependency : task.allDependencies()) {
                Decision d = decided.get(dependency);
                if (d != null && d.kind() == Kind.NOT_SELECTED) {
                    missing.computeIfAbsent(dependency, k -> new ArrayList<>()).add(task.id());
                }
            }
        }
        return missing;
    }

    private static SelectionException missingError(SelectionRequest request, Map<String, List<String>> missing) {
        Set<String> neededBy = new TreeSet<>();
        missing.values().forEach(neededBy::addAll);
        String option = request.only().isEmpty() ? "--from " + request.from().orElse("") : "--only " + String.join(",", request.only());
        return new SelectionException(option + ": " + String.join(", ", missing.keySet())
                + (missing.size() == 1 ? " is" : " are") + " neither done nor chosen, and "
                + String.join(", ", neededBy) + (neededBy.size() == 1 ? " depends" : " depend") + " on "
                + (missing.size() == 1 ? "it" : "them")
                + "; choose " + (missing.size() == 1 ? "it" : "them") + " too, add --with-deps, or --no-deps if "
                + (missing.size() == 1 ? "it ran" : "they ran") + " elsewhere");
    }

    /** Dependencies before dependents, file order otherwise (the plan has no cycle: the planner refused it). */
    private static List<String> topological(ExecutionPlan plan) {
        Map<String, Integer> unmet = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (PlannedTask task : plan.tasks().values()) {
            int count = 0;
            for (String d : new LinkedHashSet<>(task.allDependencies())) {
                if (plan.tasks().containsKey(d) && !d.equals(task.id())) {
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(task.id());
                    count++;
                }
            }
            unmet.put(task.id(), count);
        }
        Deque<String> ready = new ArrayDeque<>();
        plan.tasks().keySet().stream().filter(id -> unmet.get(id) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String dependent : dependents.getOrDefault(id, List.of())) {
                if (unmet.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        plan.tasks().keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
        return order;
    }

    private static Map<String, Decision> inFileOrder(ExecutionPlan plan, Map<String, Decision> decided) {
        Map<String, Decision> ordered = new LinkedHashMap<>();
        plan.tasks().keySet().forEach(id -> ordered.put(id, decided.get(id)));
        return ordered;
    }

    /** The plan the run executes: every task that does not run here is already done there. */
    public ExecutionPlan apply(ExecutionPlan plan) {
        Map<String, PlannedTask> tasks = new LinkedHashMap<>();
        for (PlannedTask t : plan.tasks().values()) {
            Decision d = decisions.get(t.id());
            boolean held = d != null && (d.kind() == Kind.RESUMED || d.kind() == Kind.NOT_SELECTED);
            tasks.put(t.id(), held ? new PlannedTask(t.task(), t.priority(), t.implicitDependsOn(), t.files(), t.executor(),
                    t.timeout(), t.group(), true) : t);
        }
        return new ExecutionPlan(plan.generatedAt(), plan.taskFile(), plan.groups(), tasks, plan.conflictMap(),
                plan.criticalPath(), plan.parallelismScore(), plan.workers());
    }

    /**
     * execution-plan.json with each task's {@code task_hash} and, when tasks were chosen or resumed,
     * its {@code selection} ({@code decision}, {@code why}, {@code completed_in}, {@code log}) and the
     * run's own {@code selection} (where it resumed from, what was asked).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> annotate(Map<String, Object> planDocument) {
        Object tasks = planDocument.get("tasks");
        if (tasks instanceof Map<?, ?> byId) {
            for (Map.Entry<?, ?> entry : byId.entrySet()) {
                Decision d = decisions.get(String.valueOf(entry.getKey()));
                if (d != null && entry.getValue() instanceof Map<?, ?> task) {
                    Map<String, Object> doc = (Map<String, Object>) task;
                    doc.put("task_hash", d.hash());
                    if (active()) {
                        doc.put("selection", entry(d));
                    }
                }
            }
        }
        if (active()) {
            planDocument.put("selection", summary());
        }
        return planDocument;
    }

    /** One task's decision as JSON: {@code decision}, {@code why}, and for a resumed task {@code completed_in} and {@code log}. */
    public static Map<String, Object> entry(Decision d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("decision", d.kind().jsonName());
        doc.put("why", d.why());
        d.completedIn().ifPresent(c -> doc.put("completed_in", c));
        d.log().ifPresent(l -> doc.put("log", l.toString()));
        return doc;
    }

    /** The run's selection as JSON: where it resumed from, what was chosen, how many tasks of each kind. */
    public Map<String, Object> summary() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resumed_from", resumedFrom.map(e -> e.dir().toString()).orElse(null));
        doc.put("resumed_from_source", resumedFrom.map(EarlierSession::source).orElse(null));
        doc.put("only", request.only().isEmpty() ? null : request.only());
        doc.put("from", request.from().orElse(null));
        doc.put("deps", request.deps().name().toLowerCase(java.util.Locale.ROOT));
        note.ifPresent(n -> doc.put("note", n));
        for (Kind kind : Kind.values()) {
            doc.put(kind.jsonName(), ids(kind).size());
        }
        return doc;
    }

    public boolean active() {
        return request.active();
    }

    public SelectionRequest request() {
        return request;
    }

    public Map<String, Decision> decisions() {
        return decisions;
    }

    public Optional<Decision> decision(String id) {
        return Optional.ofNullable(decisions.get(id));
    }

    public Optional<EarlierSession> resumedFrom() {
        return resumedFrom;
    }

    /** Something the user should know about the resume: nothing found to resume, or a session that did not end. */
    public Optional<String> note() {
        return note;
    }

    public List<String> ids(Kind kind) {
        return decisions.values().stream().filter(d -> d.kind() == kind).map(Decision::id).collect(Collectors.toList());
    }
}
