package dev.obo.onbehalf.token;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claims request that declares the API's client capabilities, alone or merged into other claims. */
class ClientCapabilitiesTest {

    @Test
    void claimsWhenCp1AloneThenTheXmsCcRequestMicrosoftDocuments() {
        assertThat(ClientCapabilities.claims(List.of("cp1"), null)).isEqualTo("{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}");
    }

    @Test
    void claimsWhenOtherClaimsAskedThenCapabilitiesMergedIntoTheirAccessToken() {
        String merged = ClientCapabilities.claims(List.of("cp1"),
                "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}},\"id_token\":{\"auth_time\":{\"essential\":true}}}");

        assertThat(merged).isEqualTo("{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"},"
                + "\"xms_cc\":{\"values\":[\"cp1\"]}},\"id_token\":{\"auth_time\":{\"essential\":true}}}");
    }

    @Test
    void claimsWhenNoCapabilitiesThenOnlyWhatWasAskedOrNothing() {
        assertThat(ClientCapabilities.claims(List.of(), null)).isNull();
        assertThat(ClientCapabilities.claims(List.of(), "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"))
                .isEqualTo("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
    }

    @Test
    void claimsWhenAskedClaimsAreNotAnObjectThenRefused() {
        assertThatThrownBy(() -> ClientCapabilities.claims(List.of("cp1"), "[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientCapabilities.claims(List.of("cp1"), "{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
