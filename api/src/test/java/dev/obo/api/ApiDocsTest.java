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
import dev.obo.onbehalf.problem.ProblemTypes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md documents every setting of {@link ApiProperties} and every problem type the API answers with, so neither can drift. */
class ApiDocsTest {

    static Stream<String> settings() {
        return Stream.of(SettingNames.of("onbehalf", OnBehalfOfProperties.class), SettingNames.of("obo.api", ApiProperties.class))
                .flatMap(List::stream);
    }

    static Stream<String> problemTypes() throws Exception {
        List<String> types = new ArrayList<>();
        for (Class<?> type : List.of(ProblemDetailsAdvice.class, ProblemTypes.class)) {
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

    private static String docs() throws IOException {
        return Files.readString(Path.of("..", "docs", "api.md"));
    }
}
