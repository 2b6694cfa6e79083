package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.junit.AuthorizationRequest;
import dev.obo.sandbox.junit.BrowserlessUser;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.WEB;
import static dev.obo.sandbox.TestSeed.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint after a critical event: a refresh token, an authorization code or an
 * On-Behalf-Of assertion from before the user's tokens-valid-from is AADSTS50173 (the OBO answer with
 * an nbf claims challenge), a disabled account AADSTS50057 at every grant; a sign-in after the event
 * gets tokens again. Each test has a user of its own (test seed).
 */
class RevokedGrantsIT extends RunningSandbox {

    private static final DateTimeFormatter ENTRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DESCRIPTION = Pattern.compile("^AADSTS50173: The provided grant has expired due to it being revoked, "
            + "a fresh auth token is needed\\. The user might have changed or reset their password\\. The grant was issued on "
            + "'(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z)' and the TokensValidFrom date \\(before which tokens are not valid\\) "
            + "for this user is '([^']+)'\\. ");

    @Test
    void refreshWhenSessionsRevokedSinceTheSignInThenAadsts50173BadTokenEveryTimeAndASignInAgainRefreshes() {
        String user = "sam@onbehalf.test";
        Result signIn = password(user, "offline_access " + API_SCOPE);
        Instant signedIn = signIn.accessTokenClaims().getIssueTime().toInstant();
        clock.advance(Duration.ofSeconds(1));

        Instant validFrom = revokeSessions(user);

        for (int attempt = 0; attempt < 2; attempt++) {
            Result refused = refresh(signIn);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_grant");
            assertThat(refused.errorCode()).as("the token is not spent: 50173 again, not a reuse").isEqualTo(50173);
            assertThat(refused.body()).containsEntry("suberror", "bad_token").doesNotContainKey("claims");
            Matcher description = DESCRIPTION.matcher(refused.description());
            assertThat(description.find()).as(refused.description()).isTrue();
            assertThat(Instant.from(ENTRA_TIME.parse(description.group(1)))).as("the sign-in, to the 100 ns")
                    .isBetween(signedIn.minusSeconds(1), signedIn.plusSeconds(1));
            assertThat(description.group(2)).isEqualTo(ENTRA_TIME.format(validFrom));
        }
        Result again = password(user, "offline_access " + API_SCOPE);
        assertThat(refresh(again).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenAccountDisabledThenAadsts50057AndOnceEnabledStillRevoked() {
        String user = "tina@onbehalf.test";
        Result signIn = password(user, "offline_access " + API_SCOPE);
        clock.advance(Duration.ofSeconds(1));

        userAdmin(user, "disable");

        Result refused = refresh(signIn);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorCode()).isEqualTo(50057);
        assertThat(refused.description()).startsWith("AADSTS50057: The user account is disabled. The user object in Active Directory "
                + "backing this account has been disabled. An admin can re-enable this account through PowerShell");
        userAdmin(user, "enable");
        assertThat(refresh(signIn).errorCode()).isEqualTo(50173);
        assertThat(refresh(password(user, "offline_access " + API_SCOPE)).status()).isEqualTo(200);
    }

    @Test
    void oboWhenTheAssertionWasIssuedBeforeTheRevocationThenAadsts50173WithAnNbfClaimsChallenge() throws Exception {
        String user = "uma@onbehalf.test";
        String assertion = userToken(user, API_SCOPE);
        clock.advance(Duration.ofSeconds(1));

        Instant validFrom = revokeSessions(user);

        String nbf = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + validFrom.getEpochSecond() + "\"}}}";
        Result refused = obo(assertion, ARM_SCOPE);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorCode()).isEqualTo(50173);
        assertThat(refused.body()).containsEntry("suberror", "bad_token").containsEntry("claims", nbf);
        Result exchanged = token(api(), new TokenExchangeGrant(new BearerAccessToken(assertion), TokenTypeURI.ACCESS_TOKEN), ARM_SCOPE, Map.of());
        assertThat(exchanged.errorCode()).isEqualTo(50173);
        assertThat(exchanged.body()).containsEntry("claims", nbf);
        assertThat(obo(userToken(user, API_SCOPE), ARM_SCOPE).status()).as("an assertion issued after the revocation").isEqualTo(200);
    }

    @Test
    void oboWhenAccountDisabledThenAadsts50057WithoutClaims() throws Exception {
        String user = "vic@onbehalf.test";
        String assertion = userToken(user, API_SCOPE);

        userAdmin(user, "disable");

        Result refused = token(api(), new JWTBearerGrant(SignedJWT.parse(assertion)), ARM_SCOPE, Map.of("requested_token_use", "on_behalf_of"));
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorCode()).isEqualTo(50057);
        assertThat(refused.body()).doesNotContainKeys("claims", "suberror");
    }

    @Test
    void codeWhenItsSignInPredatesTheRevocationThenAadsts50173() {
        String user = "walt@onbehalf.test";
        AuthorizationRequest request = new AuthorizationRequest(authorizeEndpoint(), WEB, WEB_REDIRECT, "openid " + API_SCOPE);
        BrowserlessUser browser = BrowserlessUser.within(base());
        String code = browser.signIn(browser.open(request.uri()), user).answer().get("code");
        clock.advance(Duration.ofSeconds(1));

        revokeSessions(user);

        Result refused = token(web(), new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(WEB_REDIRECT),
                new CodeVerifier(request.codeVerifier)), null, Map.of());
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorCode()).isEqualTo(50173);
        assertThat(refused.body()).containsEntry("suberror", "bad_token");
    }

    @Test
    void passwordWhenAccountDisabledThenAadsts50057AndAWrongPasswordTheUsualAadsts50126() {
        String user = "xena@onbehalf.test";

        userAdmin(user, "disable");

        assertThat(password(user, API_SCOPE).errorCode()).isEqualTo(50057);
        Result wrong = token(web(), new ResourceOwnerPasswordCredentialsGrant(user, new Secret("not-the-password")), API_SCOPE, Map.of());
        assertThat(wrong.errorCode()).as("no word of the account to who does not know the password").isEqualTo(50126);
        userAdmin(user, "enable");
        assertThat(password(user, API_SCOPE).status()).isEqualTo(200);
    }

    private Result password(String user, String scope) {
        return token(web(), new ResourceOwnerPasswordCredentialsGrant(user, new Secret("sandbox")), scope, Map.of());
    }

    private Result refresh(Result tokens) {
        return token(web(), new RefreshTokenGrant(new RefreshToken((String) tokens.body().get("refresh_token"))), null, Map.of());
    }
}
