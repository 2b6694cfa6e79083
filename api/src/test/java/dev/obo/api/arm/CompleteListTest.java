package dev.obo.api.arm;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pages of ARM's list go back as they came: exactly {@code value} and a matching {@code count}, nothing else. */
class CompleteListTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ONE = "{\"id\":\"/subscriptions/5a1c0001-0000-4000-8000-00000000a001\",\"displayName\":\"Alice\","
            + "\"subscriptionPolicies\":{\"spendingLimit\":\"Off\"},\"managedByTenants\":[]}";

    private static int count(String page) {
        return CompleteList.count(JSON, page.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countWhenValueAndMatchingCountThenTheSubscriptions() {
        assertThat(count("{\"value\":[" + ONE + "," + ONE + "],\"count\":{\"type\":\"Total\",\"value\":2}}")).isEqualTo(2);
        assertThat(count(" {\"count\":{\"value\":1,\"type\":\"Total\"},\n \"value\":[" + ONE + "]} ")).isEqualTo(1);
        assertThat(count("{\"value\":[],\"count\":{\"type\":\"Total\",\"value\":0}}")).isZero();
    }

    @Test
    void countWhenASubscriptionsTextNamesNextLinkThenStillComplete() {
        assertThat(count("{\"value\":[{\"displayName\":\"\\\"nextLink\\\": see page 2\"}],\"count\":{\"type\":\"Total\",\"value\":1}}"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"value\":[{}],\"nextLink\":\"https://management.azure.com/subscriptions?$skiptoken=2\",\"count\":{\"type\":\"Total\",\"value\":1}}",
        "{\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":1},\"@odata.context\":\"x\"}",
        "{\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":3}}",
        "{\"value\":[{}],\"count\":{\"type\":\"Partial\",\"value\":1}}",
        "{\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":1,\"more\":true}}",
        "{\"value\":[{}],\"count\":{\"value\":1}}",
        "{\"value\":[{}]}",
        "{\"count\":{\"type\":\"Total\",\"value\":0}}",
        "{\"value\":[{}],\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":2}}",
        "{\"value\":[\"not a subscription\"],\"count\":{\"type\":\"Total\",\"value\":1}}",
        "{\"value\":{},\"count\":{\"type\":\"Total\",\"value\":1}}",
        "{\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":1}} {}",
        "{\"value\":[{}],\"count\":{\"type\":\"Total\",\"value\":1}",
        "{\"value\":[{},",
        "[{}]",
        "null",
        "",
        "<html>Bad gateway</html>"
    })
    void countWhenAnythingElseThenNotComplete(String page) {
        assertThat(count(page)).isEqualTo(CompleteList.NO);
    }
}
