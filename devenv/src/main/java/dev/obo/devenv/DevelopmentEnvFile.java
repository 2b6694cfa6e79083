package dev.obo.devenv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code development.env} from the working directory (or {@code DEVELOPMENT_ENV}), in
 * the seed's format ({@code KEY = "value"} per line, {@code #} comments), as settings that
 * real environment variables and system properties override.
 */
public class DevelopmentEnvFile implements EnvironmentPostProcessor {

    static final String SOURCE = "development.env";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Path.of(environment.getProperty("DEVELOPMENT_ENV", SOURCE));
        if (!Files.isRegularFile(file)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, parse(file)));
    }

    public static Map<String, Object> parse(Path file) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalStateException(file + " line " + number + " is not KEY = \"value\"");
                }
                values.put(trimmed.substring(0, equals).trim(), unquote(trimmed.substring(equals + 1).trim()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
