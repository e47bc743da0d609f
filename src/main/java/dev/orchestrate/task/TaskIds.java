package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The ids of a file's tasks, settled before anything refers to them. */
final class TaskIds {

    private TaskIds() {
    }

    /** Ids as written, the missing ones assigned {@code T001}…, duplicates renamed {@code T007-2}. */
    static List<String> settle(List<RawTask> raws, Warnings warnings, List<String> written) {
        List<String> ids = new ArrayList<>(raws.size());
        Set<String> taken = new HashSet<>();
        for (RawTask raw : raws) {
            if (raw.id != null) {
                taken.add(raw.id.toUpperCase(Locale.ROOT));
            }
        }
        Map<String, Integer> firstLine = new HashMap<>();
        int assigned = 0;
        for (RawTask raw : raws) {
            String id = raw.id;
            if (id == null) {
                do {
                    assigned++;
                    id = String.format(Locale.ROOT, "T%03d", assigned);
                } while (taken.contains(id));
                taken.add(id);
            }
            written.add(id);
            String key = id.toUpperCase(Locale.ROOT);
            Integer first = firstLine.putIfAbsent(key, raw.startLine + 1);
            if (first != null) {
                String renamed;
                int copy = 1;
                do {
                    copy++;
                    renamed = id + "-" + copy;
                } while (taken.contains(renamed.toUpperCase(Locale.ROOT)));
                taken.add(renamed.toUpperCase(Locale.ROOT));
                warnings.add(raw.startLine + 1, String.format("duplicate id %s (first at line %d) renamed to %s", id, first, renamed));
                id = renamed;
            }
            ids.add(id);
        }
        return ids;
    }
}
