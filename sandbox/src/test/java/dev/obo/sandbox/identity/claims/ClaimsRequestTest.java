package dev.obo.sandbox.identity.claims;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code claims} parameter as the sandbox reads it at the authorize and token endpoints. */
class ClaimsRequestTest {

    @Test
    void parseWhenAbsentOrBlankThenNone() {
        assertThat(ClaimsRequest.parse(null)).isEqualTo(ClaimsRequest.NONE);
        assertThat(ClaimsRequest.parse("  ")).isEqualTo(ClaimsRequest.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}                       | true  | cp1",
            "{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}                       | true  | CP1",
            "{\"access_token\":{\"xms_cc\":{\"values\":[\"foo\",\"Cp1\",\"cp1\"]}}}       | true  | foo;Cp1",
            "{\"access_token\":{\"xms_cc\":{\"values\":[\"foo\"]}}}                       | false | foo",
            "{\"id_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}                           | false | ''",
            "{\"access_token\":{\"xms_cc\":{\"values\":\"cp1\"}}}                         | false | ''",
            "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]},\"acrs\":{\"essential\":true,\"value\":\"c1\"}}} | true | cp1",
    })
    void parseWhenCapabilitiesDeclaredThenKeptAsAskedAndCp1InAnyCaseDeclaresCae(String claims, boolean cae, String asked) {
        ClaimsRequest request = ClaimsRequest.parse(claims);

        assertThat(request.declaresCae()).isEqualTo(cae);
        assertThat(request.clientCapabilities()).isEqualTo(asked.isEmpty() ? List.of() : List.of(asked.split(";")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}                  | true",
            "{\"id_token\":{\"amr\":{\"essential\":true,\"values\":[\"mfa\"]}}}                   | true",
            "{\"access_token\":{\"amr\":{\"values\":[\"pwd\"]},\"xms_cc\":{\"values\":[\"cp1\"]}}} | false",
            "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}             | false",
    })
    void parseWhenMfaAskedWithOtherMembersThenTheAskStillCounts(String claims, boolean mfa) {
        assertThat(ClaimsRequest.parse(claims).asksForMfa()).isEqualTo(mfa);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}",
            "{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\" 1604106651 \"}},\"xms_cc\":{\"values\":[\"cp1\"]}}",
            "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":1604106651}}}",
    })
    void parseWhenNbfAskedAsStringOrNumberThenThatInstant(String claims) {
        assertThat(ClaimsRequest.parse(claims).notBefore()).isEqualTo(Instant.ofEpochSecond(1604106651));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[\"cp1\"]", "\"cp1\"", "42", "{\"access_token\":{\"nbf\":{\"value\":\"yesterday\"}}}",
            "{\"access_token\":{\"nbf\":{\"value\":true}}}", "{\"access_token\":{\"nbf\":{\"value\":\"99999999999999999999\"}}}"})
    void parseWhenMalformedOrNotAnObjectThenAadsts9002313(String claims) {
        assertThatThrownBy(() -> ClaimsRequest.parse(claims)).isInstanceOfSatisfying(EntraException.class,
                e -> assertThat(e.error()).isEqualTo(EntraError.MALFORMED_REQUEST));
    }

    @Test
    void plusWhenAuthorizeAndTokenRequestsBothDeclareThenEachCapabilityOnceEarlierSpellingFirst() {
        ClaimsRequest authorize = new ClaimsRequest(List.of("CP1"), true, Instant.ofEpochSecond(10));
        ClaimsRequest token = new ClaimsRequest(List.of("cp1", "foo"), false, Instant.ofEpochSecond(20));

        ClaimsRequest both = authorize.plus(token);

        assertThat(both.clientCapabilities()).containsExactly("CP1", "foo");
        assertThat(both.asksForMfa()).isTrue();
        assertThat(both.notBefore()).isEqualTo(Instant.ofEpochSecond(20));
        assertThat(ClaimsRequest.NONE.plus(token).declaresCae()).isTrue();
        assertThat(authorize.plus(ClaimsRequest.NONE).declaresCae()).isTrue();
    }
}
