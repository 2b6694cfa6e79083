package dev.obo.api;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.obo.devenv.SettingNames;
import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.redis.L2Properties;
import dev.obo.onbehalf.problem.ProblemTypes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md documents every setting of {@link ApiProperties} and every problem type the API answers with, and
 * docs/starter.md every setting and problem type of the starter, so none can drift.
 */
class ApiDocsTest {

    static Stream<String> settings() {
        return Stream.of(SettingNames.of("onbehalf", OnBehalfOfProperties.class), SettingNames.of("onbehalf.cache.l2", L2Properties.class),
                SettingNames.of("obo.api", ApiProperties.class)).flatMap(List::stream);
    }

    static Stream<String> starterSettings() {
        return Stream.of(SettingNames.of("onbehalf", OnBehalfOfProperties.class), SettingNames.of("onbehalf.cache.l2", L2Properties.class))
                .flatMap(List::stream);
    }

    static Stream<String> problemTypes() throws Exception {
        return typesIn(ProblemDetailsAdvice.class, ProblemTypes.class);
    }

    static Stream<String> starterProblemTypes() throws Exception {
        return typesIn(ProblemTypes.class);
    }

    private static Stream<String> typesIn(Class<?>... holders) throws Exception {
        List<String> types = new ArrayList<>();
        for (Class<?> type : holders) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == URI.class) {
                    field.setAccessible(true);
                    types.add(field.get(null).toString());
                }
            }
        }
        return types.stream().distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void docsWhenReadThenEverySettingIsDocumented(String setting) throws IOException {
        assertThat(docs()).contains("`" + setting + "`");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemTypes")
    void docsWhenReadThenEveryProblemTypeIsDocumented(String type) throws IOException {
        assertThat(docs()).contains(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starterSettings")
    void starterDocsWhenReadThenEverySettingIsDocumented(String setting) throws IOException {
        assertThat(starterDocs()).contains("`" + setting + "`");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starterProblemTypes")
    void starterDocsWhenReadThenEveryProblemTypeIsDocumented(String type) throws IOException {
        assertThat(starterDocs()).contains(type);
    }

    private static String docs() throws IOException {
        return Files.readString(Path.of("..", "docs", "api.md"));
    }

    private static String starterDocs() throws IOException {
        return Files.readString(Path.of("..", "docs", "starter.md"));
    }
}
