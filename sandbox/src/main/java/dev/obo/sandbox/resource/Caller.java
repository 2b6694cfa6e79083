package dev.obo.sandbox.resource;

import java.util.List;

/**
 * The caller of one request to a resource stand-in, from its verified token: the {@code oid}
 * of the user or app (null when the token has none), the delegated scopes ({@code scp}), and
 * whether the token is app-only ({@code idtyp} {@code app}, or no {@code scp}).
 */
public record Caller(String oid, List<String> scopes, boolean appOnly) {
}
