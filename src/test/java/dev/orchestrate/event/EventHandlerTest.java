package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.run.Event;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A new event cannot be dropped silently: every type {@link Event} permits has its handler method, and reaches it. */
class EventHandlerTest {

    @Test
    void everyEventTypeHasAMethodOfItsOwnAndIsDispatchedToIt() throws Exception {
        Class<?>[] types = Event.class.getPermittedSubclasses();
        assertThat(types).isNotEmpty();
        List<Method> methods = Arrays.stream(EventHandler.class.getMethods()).filter(m -> !m.isDefault()
                && !java.lang.reflect.Modifier.isStatic(m.getModifiers())).toList();
        assertThat(methods).hasSameSizeAs(types);
        for (Class<?> type : types) {
            List<Method> own = methods.stream().filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == type).toList();
            assertThat(own).as("the handler method of %s", type.getSimpleName()).hasSize(1);

            AtomicReference<Method> called = new AtomicReference<>();
            @SuppressWarnings("unchecked")
            EventHandler<Object> recorder = (EventHandler<Object>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {EventHandler.class}, (proxy, method, args) -> {
                        called.set(method);
                        return "handled";
                    });
            assertThat(EventHandler.dispatch(sample(type), recorder)).isEqualTo("handled");
            assertThat(called.get()).as("what %s is dispatched to", type.getSimpleName()).isEqualTo(own.get(0));
        }
    }

    /** An instance of an event record, every component a plain value of its type. */
    private static Event sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        List<Object> values = new ArrayList<>();
        for (Class<?> c : parameterTypes) {
            values.add(c == Instant.class ? Instant.EPOCH : c == String.class ? "T001" : c == int.class ? 1
                    : c == boolean.class ? Boolean.TRUE : c == Duration.class ? Duration.ZERO : c == Optional.class ? Optional.empty()
                    : c == OptionalInt.class ? OptionalInt.empty() : c == List.class ? List.of() : c == Path.class ? Path.of("x.log")
                    : null);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
        return (Event) canonical.newInstance(values.toArray());
    }
}
