package dev.obo.devenv;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The full names of the settings a {@code @ConfigurationProperties} record binds, as they are set: {@code obo.api.obo.cache.maximum-size}. */
public final class SettingNames {

    private SettingNames() {
    }

    public static List<String> of(String prefix, Class<?> record) {
        List<String> names = new ArrayList<>();
        collect(prefix, record, names);
        return names;
    }

    private static void collect(String prefix, Class<?> type, List<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + SettingsFailureAnalyzer.kebab(component.getName());
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else if (Map.class.isAssignableFrom(component.getType())
                    && component.getGenericType() instanceof ParameterizedType map
                    && map.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()) {
                // A map of records by name: onbehalf.downstream.<name>.scopes
                collect(name + ".<name>", value, names);
            } else {
                names.add(name);
            }
        }
    }
}
