package dev.obo.sandbox.identity.token;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few hundred malformed token requests, made from a fixed seed so a failure can be
 * replayed: missing, duplicated and unknown parameters, wrong types, huge values, garbage
 * JWTs, odd content types and Authorization headers. Every answer must be a 4xx with
 * Entra's error JSON, never a 500 and never a token.
 */
class MalformedTokenRequestFuzzTest extends SandboxTest {

    private static final int REQUESTS = 300;
    private static final List<String> GRANTS = List.of("authorization_code", "refresh_token", "client_credentials", "password",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:token-exchange", "implicit", "", "%00");
    private static final List<String> NAMES = List.of("grant_type", "client_id", "client_secret", "scope", "assertion",
            "requested_token_use", "code", "code_verifier", "redirect_uri", "refresh_token", "username", "password",
            "subject_token", "subject_token_type", "client_assertion", "client_assertion_type", "audience", "x");

    @Test
    void tokenWhenMalformedThenAlwaysA4xxEntraErrorAndNeverAToken() {
        Random random = new Random(20261125L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = body(random);
            String contentType = random.nextInt(10) == 0 ? pick(random, List.of("application/json", "text/plain", "multipart/form-data"))
                    : "application/x-www-form-urlencoded";
            Map<String, String> headers = random.nextInt(6) == 0 ? Map.of("Authorization", authorization(random)) : Map.of();
            Result result;
            try {
                result = raw("POST", body, contentType, headers);
            } catch (AssertionError e) {
                failures.add("#" + i + " not JSON: " + e.getMessage());
                continue;
            }
            boolean entraError = result.status() >= 400 && result.status() < 500 && result.body() != null
                    && result.body().get("error") != null && result.body().get("error_codes") instanceof List<?> codes && !codes.isEmpty()
                    && String.valueOf(result.body().get("error_description")).startsWith("AADSTS")
                    && result.body().get("access_token") == null;
            if (!entraError) {
                failures.add("#" + i + " status=" + result.status() + " body=" + result.body() + " request=" + abbreviate(body));
            }
        }
        assertThat(failures).as("requests not answered with a 4xx Entra error").isEmpty();
    }

    private String body(Random random) {
        StringBuilder body = new StringBuilder();
        int parameters = random.nextInt(8);
        for (int p = 0; p < parameters; p++) {
            String name = pick(random, NAMES);
            String value = switch (name) {
                case "grant_type" -> pick(random, GRANTS);
                case "client_id" -> pick(random, List.of(TestSeed.WEB, TestSeed.API, TestSeed.CLI, "not-a-guid", ""));
                default -> value(random);
            };
            body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                    .append(random.nextInt(8) == 0 ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
            if (random.nextInt(10) == 0) {
                body.append('&').append(name).append("=again");
            }
        }
        if (random.nextInt(12) == 0) {
            body.append("&%zz=%%%");
        }
        return body.toString();
    }

    private static String value(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "x".repeat(20_000 + random.nextInt(60_000));
            case 2 -> "eyJhbGciOiJSUzI1NiJ9." + b64(random, 40) + "." + b64(random, 80);
            case 3 -> "eyJhbGciOiJub25lIn0." + b64(random, 30) + ".";
            case 4 -> "{\"grant_type\":[1,2]}";
            case 5 -> "\u0000\u202e<script>" + random.nextLong();
            case 6 -> "api://" + TestSeed.API + "/access_as_user https://management.azure.com/user_impersonation";
            case 7 -> String.valueOf(random.nextDouble());
            default -> b64(random, random.nextInt(200));
        };
    }

    private static String authorization(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "Basic " + b64(random, 12);
            case 1 -> "Basic !!!";
            case 2 -> "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8));
            default -> "Bearer " + b64(random, 30);
        };
    }

    private static String b64(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
