package dev.obo.sandbox;

import java.util.regex.Pattern;

/**
 * GUIDs as Microsoft writes them ({@code 8-4-4-4-12} hexadecimal digits): correlation and
 * request ids, subscription ids. An id a caller sends in another form is not taken.
 */
public final class Guids {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }
}
