package dev.obo.api.arm;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether one page of ARM's subscription list is already the API's answer, so that its bytes go
 * back as they came instead of being parsed into maps and written again (which was most of the
 * API's JSON work per request): a JSON object with exactly the members {@code value} (an array)
 * and {@code count} ({@code {"type":"Total","value":<that array's length>}}), and no
 * {@code nextLink}. Read with Jackson's streaming parser, which builds nothing; any other page,
 * malformed JSON included, goes the long way ({@link ArmClient#subscriptions()}).
 */
final class CompleteList {

    /** Not a complete list. */
    static final int NO = -1;

    private CompleteList() {
    }

    /** The number of subscriptions in {@code page} when it is a complete list, else {@link #NO}. */
    static int count(JsonMapper json, byte[] page) {
        try (JsonParser parser = json.createParser(page)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NO;
            }
            int items = NO;
            long counted = NO;
            boolean total = false;
            for (JsonToken member = parser.nextToken(); member == JsonToken.PROPERTY_NAME; member = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("value".equals(name) && value == JsonToken.START_ARRAY && items == NO) {
                    items = items(parser);
                    if (items == NO) {
                        return NO;
                    }
                } else if ("count".equals(name) && value == JsonToken.START_OBJECT && counted == NO) {
                    for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
                        String countName = parser.currentName();
                        JsonToken countValue = parser.nextToken();
                        if ("type".equals(countName) && countValue == JsonToken.VALUE_STRING) {
                            total = "Total".equals(parser.getString());
                        } else if ("value".equals(countName) && countValue == JsonToken.VALUE_NUMBER_INT) {
                            counted = parser.getLongValue();
                        } else {
                            return NO;
                        }
                    }
                } else {
                    return NO; // nextLink, or any member the API does not pass on
                }
            }
            boolean ended = parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
            return ended && total && items != NO && counted == items ? items : NO;
        } catch (JacksonException malformed) {
            return NO;
        }
    }

    private static int items(JsonParser parser) {
        int items = 0;
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.START_OBJECT) {
                return NO; // a subscription is an object
            }
            parser.skipChildren();
            items++;
        }
        return items;
    }
}
