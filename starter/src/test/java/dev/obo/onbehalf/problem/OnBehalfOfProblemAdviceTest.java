package dev.obo.onbehalf.problem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import dev.obo.onbehalf.token.AssertionRefusedException;
import dev.obo.onbehalf.token.ClaimsChallengeException;
import dev.obo.onbehalf.token.ConsentRequiredException;
import dev.obo.onbehalf.token.DownstreamClaimsChallengeException;
import dev.obo.onbehalf.token.IdentityProviderUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The starter's policy and problem answers for an application on it, as a slice (MockMvc, no
 * server, no identity provider: Spring Security's {@code jwt()} stands for a verified token):
 * open health, a required scope, and each On-Behalf-Of failure as its RFC 9457 problem with the
 * RFC 6750 challenge the client acts on.
 */
@SpringBootTest(classes = OnBehalfOfProblemAdviceTest.App.class, properties = {"onbehalf.client-id=api-client",
        "onbehalf.credential.secret=secret", "onbehalf.issuer=https://login.example/tenant/v2.0",
        "onbehalf.downstream.graph.scopes=https://graph.microsoft.com/User.Read"})
class OnBehalfOfProblemAdviceTest {

    private static final String NBF = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void getWhenTokenWithTheRequiredScopeThenTheEndpointAnswers() throws Exception {
        mvc.perform(get("/hello").with(user())).andExpect(status().isOk());
    }

    @Test
    void getWhenNoTokenThen401InvalidTokenProblem() throws Exception {
        mvc.perform(get("/hello")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:invalid-token"));
    }

    @Test
    void getWhenTokenWithoutTheRequiredScopeThen403InsufficientScopeProblem() throws Exception {
        mvc.perform(get("/hello").with(jwt().jwt(j -> j.claim("scp", "something_else"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_something_else"))))
                .andExpect(status().isForbidden())
                .andExpect(header().string("WWW-Authenticate", containsString("insufficient_scope")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:insufficient-scope"));
    }

    @Test
    void getHealthWhenNoTokenThenOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(result -> assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
    }

    @Test
    void getWhenConsentRequiredThen403ConsentChallengeNamingTheScope() throws Exception {
        mvc.perform(get("/consent").with(user())).andExpect(status().isForbidden())
                .andExpect(header().string("WWW-Authenticate", containsString("error_description=\"consent_required\", scope=\"api://api-client/.default\"")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:consent-required"))
                .andExpect(jsonPath("$.scope").value("api://api-client/.default"));
    }

    @Test
    void getWhenClaimsChallengeThen401InsufficientClaimsWithTheClaims() throws Exception {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        mvc.perform(get("/claims").with(user())).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_claims\", claims=\""
                        + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"")))
                .andExpect(header().string("WWW-Authenticate", containsString("authorization_uri=\"https://login.example/tenant/oauth2/v2.0/authorize\"")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:claims-challenge"))
                .andExpect(jsonPath("$.claims").value(claims));
    }

    @Test
    void getWhenTheAssertionIsRefusedThen401InvalidToken() throws Exception {
        mvc.perform(get("/refused").with(user())).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:invalid-token"))
                .andExpect(jsonPath("$.detail").value(containsString("AADSTS500133")));
    }

    @Test
    void getWhenTheAssertionIsRefusedAsRevokedWithClaimsThen401InvalidTokenCarryingTheClaims() throws Exception {
        mvc.perform(get("/revoked").with(user())).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")))
                .andExpect(header().string("WWW-Authenticate", containsString("claims=\"" + base64(NBF) + "\"")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:invalid-token"))
                .andExpect(jsonPath("$.detail").value(containsString("AADSTS50173: the token was issued before the user's sessions were revoked")))
                .andExpect(jsonPath("$.claims").value(NBF));
    }

    @Test
    void getWhenADownstreamApiAnswersAClaimsChallengeThen401OfItsOwnTypeWithTheDownstreamsClaims() throws Exception {
        mvc.perform(get("/downstream-challenge").with(user())).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_claims\", claims=\"" + base64(NBF) + "\"")))
                .andExpect(header().string("WWW-Authenticate", containsString("client_id=\"api-client\"")))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:downstream-claims-challenge"))
                .andExpect(jsonPath("$.downstream").value("arm"))
                .andExpect(jsonPath("$.claims").value(NBF))
                .andExpect(jsonPath("$.detail").value(containsString("continuous access evaluation")));
    }

    @Test
    void getWhenTheIdentityProviderIsUnavailableThen503WithRetryAfter() throws Exception {
        mvc.perform(get("/unavailable").with(user())).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("urn:onbehalf:problem:identity-provider-unavailable"));
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestPostProcessor user() {
        return jwt().jwt(j -> j.claim("scp", "access_as_user").claim("oid", "00000000-0000-4000-8000-0000000000a1"))
                .authorities(new SimpleGrantedAuthority("SCOPE_access_as_user"));
    }

    /** An application on the starter whose endpoints fail as On-Behalf-Of can. */
    @SpringBootApplication
    @RestController
    static class App {

        @GetMapping("/hello")
        String hello(JwtAuthenticationToken caller) {
            return "hello " + caller.getName();
        }

        @GetMapping("/consent")
        String consent() {
            throw new ConsentRequiredException("AADSTS65001: The user or administrator has not consented");
        }

        @GetMapping("/claims")
        String claims() {
            throw new ClaimsChallengeException("AADSTS50076: MFA", "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        }

        @GetMapping("/refused")
        String refused() {
            throw new AssertionRefusedException("AADSTS500133: Assertion is not within its valid time range.");
        }

        @GetMapping("/revoked")
        String revoked() {
            throw new AssertionRefusedException("AADSTS50173: The provided grant has expired due to it being revoked.", NBF);
        }

        @GetMapping("/downstream-challenge")
        String downstreamChallenge() {
            throw new DownstreamClaimsChallengeException("arm", NBF);
        }

        @GetMapping("/unavailable")
        String unavailable() {
            throw new IdentityProviderUnavailableException("the identity provider answered 503", null);
        }
    }
}
