package dev.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What tests read off the JSON documents they check: an object's field names, an array's texts, in order. */
public final class JsonNodes {

    private JsonNodes() {
    }

    /** The field names of an object, in document order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The elements of an array as text. */
    public static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
