package dev.orchestrate.select;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tasks {@code --only} or {@code --from} name, read against a plan: ids, ranges in file order
 * ({@code T004-T009}, {@code 2.1-2.4}, with a hyphen or an en dash), a parent number of a Kiro-style
 * list ({@code 2} for {@code 2.1}, {@code 2.2} …) and phase or section names ({@code Phase 2},
 * {@code Foundational}, {@code P1}).
 */
final class Chosen {

    private final ExecutionPlan plan;
    private final List<String> ids;
    private final Sections sections;

    Chosen(ExecutionPlan plan, Sections sections) {
        this.plan = plan;
        this.ids = List.copyOf(plan.tasks().keySet());
        this.sections = sections;
    }

    /** The tasks the {@code --only} words name, in file order. */
    Set<String> only(List<String> words) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String list : words) {
            for (String word : list.split(",")) {
                String name = word.strip();
                if (!name.isEmpty()) {
                    chosen.addAll(named(name));
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new SelectionException("--only names no task");
        }
        Set<String> inFileOrder = new LinkedHashSet<>(ids);
        inFileOrder.retainAll(chosen);
        return inFileOrder;
    }

    /** {@code --from ID}: that task and every task after it in plan order (the groups, first to last). */
    Set<String> from(String id) {
        String start = exactId(id.strip());
        if (start == null) {
            throw new SelectionException("--from " + id + ": no task " + id + " in " + fileName());
        }
        List<String> order = planOrder();
        int at = order.indexOf(start);
        if (at < 0) {
            throw new SelectionException("--from " + id + ": " + start + " is marked done in " + fileName()
                    + " (--include-done runs it)");
        }
        return new LinkedHashSet<>(order.subList(at, order.size()));
    }

    /** Every task that runs, as the groups list them. */
    List<String> planOrder() {
        List<String> order = new ArrayList<>();
        for (Group group : plan.groups()) {
            for (String id : group.tasks()) {
                if (plan.tasks().containsKey(id) && !plan.task(id).alreadyDone() && !order.contains(id)) {
                    order.add(id);
                }
            }
        }
        for (PlannedTask task : plan.tasks().values()) {
            if (!task.alreadyDone() && !order.contains(task.id())) {
                order.add(task.id()); // a task in no group still runs, last
            }
        }
        return order;
    }

    private List<String> named(String name) {
        String id = exactId(name);
        if (id != null) {
            return List.of(id);
        }
        List<String> range = range(name);
        if (!range.isEmpty()) {
            return range;
        }
        List<String> children = ids.stream().filter(i -> i.startsWith(name + ".")).toList();
        if (!children.isEmpty()) {
            return children;
        }
        List<String> inSection = new ArrayList<>();
        for (PlannedTask task : plan.tasks().values()) {
            if (sections.above(task.task().line()).stream().anyMatch(h -> Sections.names(h, name))) {
                inSection.add(task.id());
            }
        }
        if (!inSection.isEmpty()) {
            return inSection;
        }
        throw new SelectionException("--only " + name + ": no task, range or phase named '" + name + "' in " + fileName());
    }

    /** {@code A-B} or {@code A–B} where A and B are tasks: A, B and every task between them in the file. */
    private List<String> range(String name) {
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '–' && c != '—') {
                continue;
            }
            String first = exactId(name.substring(0, i).strip());
            String last = exactId(name.substring(i + 1).strip());
            if (first == null || last == null) {
                continue;
            }
            int a = ids.indexOf(first);
            int b = ids.indexOf(last);
            if (a > b) {
                throw new SelectionException("--only " + name + ": " + first + " comes after " + last + " in " + fileName());
            }
            return ids.subList(a, b + 1);
        }
        return List.of();
    }

    /** The id as written, else the one id that matches it ignoring case. */
    private String exactId(String name) {
        if (plan.tasks().containsKey(name)) {
            return name;
        }
        List<String> matches = ids.stream().filter(i -> i.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private String fileName() {
        return plan.taskFile() == null ? "the task file" : String.valueOf(plan.taskFile().getFileName());
    }
}
