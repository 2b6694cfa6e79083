package dev.obo.sandbox.identity.authorize;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import dev.obo.sandbox.identity.authorize.AuthorizationRequests.Target;
import dev.obo.sandbox.identity.authorize.AuthorizationRequests.Unredirectable;
import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;
import dev.obo.sandbox.identity.conditionalaccess.ContinuousAccess;
import dev.obo.sandbox.identity.consent.DelegatedPermissions;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The authorize endpoint, {@code /{tenant}/oauth2/v2.0/authorize}, and the pages a person
 * goes through: sign-in (with {@code login_hint}; again when the session was revoked or a CAE
 * {@code claims} challenge asks for a later sign-in), a second factor when conditional access
 * or a {@code claims} challenge asks for one, and consent. {@code prompt=login|none|consent|select_account}
 * are honoured. The answer goes to the redirect URI as a query or a form post; a disabled account
 * is sent back there with {@code access_denied} (AADSTS50057).
 */
@Controller
class AuthorizeController {

    static final String AUTHORIZE = "/{tenant}/oauth2/v2.0/authorize";
    static final String LOGIN = "/{tenant}/login";
    static final String MFA = "/{tenant}/mfa";
    static final String CONSENT = "/{tenant}/consent";

    private static final Logger log = LoggerFactory.getLogger(AuthorizeController.class);
    private static final String SIGN_IN = "sandbox.signIn";
    private static final String FLOWS = "sandbox.flows";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthorizationRequests requests;
    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedPermissions permissions;
    private final ConditionalAccess conditionalAccess;
    private final ContinuousAccess continuousAccess;
    private final AuthorizationCodes codes;
    private final AuthorizeResponses responses;
    private final Clock clock;

    AuthorizeController(AuthorizationRequests requests, Directory directory, Scopes scopes, DelegatedPermissions permissions,
                        ConditionalAccess conditionalAccess, ContinuousAccess continuousAccess, AuthorizationCodes codes,
                        AuthorizeResponses responses, Clock clock) {
        this.requests = requests;
        this.directory = directory;
        this.scopes = scopes;
        this.permissions = permissions;
        this.conditionalAccess = conditionalAccess;
        this.continuousAccess = continuousAccess;
        this.codes = codes;
        this.responses = responses;
        this.clock = clock;
    }

    @RequestMapping(path = AUTHORIZE, method = {RequestMethod.GET, RequestMethod.POST})
    String authorize(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response, Model model) {
        Target target = requests.target(tenant, request.getParameterMap());
        PageSecurityHeaders.allowFormsTo(response, target.redirectUri());
        PendingAuthorization flow;
        try {
            flow = requests.read(target, request.getParameterMap());
        } catch (EntraException e) {
            return responses.error(target.redirectUri(), target.responseMode(), target.state(), e, response, model);
        }
        String flowId = UUID.randomUUID().toString();
        flows(request.getSession()).put(flowId, flow);
        return next(flowId, flow, request, response, model);
    }

    @PostMapping(LOGIN)
    String login(@PathVariable String tenant, @RequestParam String flow, @RequestParam(defaultValue = "") String username,
                 @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        PendingAuthorization pending = pending(tenant, request, flow);
        PageSecurityHeaders.allowFormsTo(response, pending.redirectUri());
        User user = directory.userWithPassword(username.trim(), password).orElse(null);
        if (user == null) {
            log.info("event=sign_in_failed code=AADSTS{}", EntraError.INVALID_CREDENTIALS.code());
            return loginPage(flow, pending, username, EntraError.INVALID_CREDENTIALS.describe(), model);
        }
        // After the password, so that a wrong one says no more for a disabled account than for any other.
        if (continuousAccess.isDisabled(user)) {
            log.info("event=sign_in_failed code=AADSTS{} user={}", EntraError.USER_DISABLED_AT_SIGN_IN.code(), user.oid());
            flows(request.getSession()).remove(flow);
            return responses.error(pending.redirectUri(), pending.responseMode(), pending.state(),
                    new EntraException(EntraError.USER_DISABLED_AT_SIGN_IN), response, model);
        }
        request.changeSessionId();
        request.getSession().setAttribute(SIGN_IN, new SignIn(user.username(), List.of(SignIn.PASSWORD), clock.instant(),
                UUID.randomUUID().toString()));
        log.info("event=signed_in user={}", user.oid());
        pending = pending.signedIn();
        flows(request.getSession()).put(flow, pending);
        return next(flow, pending, request, response, model);
    }

    @PostMapping(MFA)
    String mfa(@PathVariable String tenant, @RequestParam String flow, @RequestParam(defaultValue = "") String code,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingAuthorization pending = pending(tenant, request, flow);
        PageSecurityHeaders.allowFormsTo(response, pending.redirectUri());
        SignIn signIn = (SignIn) request.getSession().getAttribute(SIGN_IN);
        if (signIn == null || pending.oneTimeCode() == null || !pending.oneTimeCode().equals(code.trim())) {
            return mfaPage(flow, pending, "That code is not right. Enter the code shown on this page.", model);
        }
        request.getSession().setAttribute(SIGN_IN, signIn.withMfa());
        log.info("event=second_factor_passed user={}", signIn.username());
        return next(flow, pending, request, response, model);
    }

    @PostMapping(CONSENT)
    String consent(@PathVariable String tenant, @RequestParam String flow, @RequestParam(defaultValue = "") String decision,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingAuthorization pending = pending(tenant, request, flow);
        PageSecurityHeaders.allowFormsTo(response, pending.redirectUri());
        if (!"accept".equals(decision)) {
            flows(request.getSession()).remove(flow);
            return responses.error(pending.redirectUri(), pending.responseMode(), pending.state(),
                    new EntraException(EntraError.CONSENT_DECLINED), response, model);
        }
        User user = signedInUser(request);
        App client = directory.app(pending.clientId()).orElseThrow();
        permissions.grant(user, permissions.toConsent(user, client, scopes.parse(pending.scope()).resource(), pending.prompts("consent")));
        log.info("event=consent_granted user={} client={}", user.oid(), client.clientId());
        pending = pending.consented();
        flows(request.getSession()).put(flow, pending);
        return next(flow, pending, request, response, model);
    }

    /** Decides what the flow needs next: sign-in, a second factor, consent, or the authorization code. */
    private String next(String flowId, PendingAuthorization flow, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        try {
            SignIn signIn = (SignIn) request.getSession().getAttribute(SIGN_IN);
            if (sessionOfADisabledAccount(flow, signIn)) {
                throw new EntraException(EntraError.USER_DISABLED_AT_SIGN_IN);
            }
            if (needsSignIn(flow, signIn)) {
                if (flow.prompts("none")) {
                    throw new EntraException(EntraError.LOGIN_REQUIRED);
                }
                return loginPage(flowId, flow, flow.loginHint(), null, model);
            }
            User user = directory.userByName(signIn.username()).orElseThrow();
            App client = directory.app(flow.clientId()).orElseThrow();
            ResourceScopes resource = scopes.parse(flow.scope()).resource();
            if ((flow.claims().asksForMfa() || conditionalAccess.requiresMfa(user, resource.resource())) && !signIn.hasMfa()) {
                if (flow.prompts("none")) {
                    throw ConditionalAccess.mfaRequired(resource.requestedIdentifier());
                }
                PendingAuthorization withCode = flow.oneTimeCode() != null ? flow : flow.withOneTimeCode(oneTimeCode());
                flows(request.getSession()).put(flowId, withCode);
                return mfaPage(flowId, withCode, null, model);
            }
            Map<DelegatedPermissions.Pair, List<String>> asks = permissions.toConsent(user, client, resource,
                    flow.prompts("consent") && !flow.consentShown());
            if (!asks.isEmpty()) {
                if (flow.prompts("none")) {
                    throw new EntraException(EntraError.CONSENT_REQUIRED, client.clientId(), client.displayName());
                }
                return consentPage(flowId, client, user, asks, model);
            }
            flows(request.getSession()).remove(flowId);
            String code = codes.issue(flow, signIn);
            log.info("event=code_issued user={} client={}", user.oid(), client.clientId());
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("code", code);
            return responses.send(flow.redirectUri(), flow.responseMode(), flow.state(), answer, response, model);
        } catch (EntraException e) {
            flows(request.getSession()).remove(flowId);
            return responses.error(flow.redirectUri(), flow.responseMode(), flow.state(), e, response, model);
        }
    }

    /**
     * The browser's session is of the account the flow is for (no other {@code login_hint}, no
     * {@code prompt=login|select_account}) and that account is disabled: the flow ends with
     * AADSTS50057 at once, though disabling also made the session stale, since a sign-in page could
     * only lead there. NOTE: Entra shows this on its own page; the sandbox's choice, so the client can.
     */
    private boolean sessionOfADisabledAccount(PendingAuthorization flow, SignIn signIn) {
        if (signIn == null || flow.prompts("login") || flow.prompts("select_account")
                || (flow.loginHint() != null && !flow.loginHint().equalsIgnoreCase(signIn.username()))) {
            return false;
        }
        return directory.userByName(signIn.username()).map(continuousAccess::isDisabled).orElse(false);
    }

    private boolean needsSignIn(PendingAuthorization flow, SignIn signIn) {
        if (signIn == null) {
            return true;
        }
        if (flow.signedInHere()) {
            return false;
        }
        return flow.prompts("login") || flow.prompts("select_account")
                || (flow.loginHint() != null && !flow.loginHint().equalsIgnoreCase(signIn.username()))
                || isStale(signIn, flow.claims().notBefore());
    }

    /**
     * A session from before the user's tokens-valid-from (sessions revoked, password reset, account disabled),
     * or from before the {@code nbf} a CAE claims challenge asks for, signs no one in silently.
     * NOTE: whether Entra lets a valid session satisfy an {@code nbf} ask is not documented; this is the sandbox's choice.
     */
    private boolean isStale(SignIn signIn, Instant notBefore) {
        boolean revoked = directory.userByName(signIn.username()).map(u -> continuousAccess.sessionRevoked(u, signIn.authTime())).orElse(true);
        return revoked || (notBefore != null && signIn.authTime().getEpochSecond() < notBefore.getEpochSecond());
    }

    private String loginPage(String flowId, PendingAuthorization flow, String username, String error, Model model) {
        page(model, flowId, flow);
        model.addAttribute("username", username);
        model.addAttribute("error", error);
        return "sandbox/login";
    }

    private String mfaPage(String flowId, PendingAuthorization flow, String error, Model model) {
        page(model, flowId, flow);
        model.addAttribute("oneTimeCode", flow.oneTimeCode());
        model.addAttribute("error", error);
        return "sandbox/mfa";
    }

    private String consentPage(String flowId, App client, User user, Map<DelegatedPermissions.Pair, List<String>> asks, Model model) {
        model.addAttribute("flow", flowId);
        model.addAttribute("org", directory.tenant());
        model.addAttribute("clientName", client.displayName());
        model.addAttribute("username", user.username());
        model.addAttribute("asks", asks.entrySet().stream().map(e -> new ConsentLine(e.getKey().client().displayName(),
                e.getKey().resource().displayName(), e.getValue())).toList());
        return "sandbox/consent";
    }

    private void page(Model model, String flowId, PendingAuthorization flow) {
        model.addAttribute("flow", flowId);
        model.addAttribute("org", directory.tenant());
        model.addAttribute("clientName", directory.app(flow.clientId()).map(App::displayName).orElse(flow.clientId()));
    }

    private PendingAuthorization pending(String tenant, HttpServletRequest request, String flowId) {
        if (!directory.isTenant(tenant)) {
            throw new Unredirectable(new EntraException(EntraError.UNKNOWN_TENANT, tenant));
        }
        HttpSession session = request.getSession(false);
        PendingAuthorization pending = session == null ? null : flows(session).get(flowId);
        if (pending == null) {
            throw new Unredirectable(new EntraException(EntraError.MALFORMED_REQUEST,
                    "This sign-in page has expired or was opened in another browser. Start again from the application."));
        }
        return pending;
    }

    private User signedInUser(HttpServletRequest request) {
        SignIn signIn = (SignIn) request.getSession().getAttribute(SIGN_IN);
        return Optional.ofNullable(signIn).flatMap(s -> directory.userByName(s.username()))
                .orElseThrow(() -> new Unredirectable(new EntraException(EntraError.LOGIN_REQUIRED)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingAuthorization> flows(HttpSession session) {
        Map<String, PendingAuthorization> flows = (Map<String, PendingAuthorization>) session.getAttribute(FLOWS);
        if (flows == null) {
            flows = new HashMap<>();
            session.setAttribute(FLOWS, flows);
        }
        return flows;
    }

    private static String oneTimeCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    @ExceptionHandler(Unredirectable.class)
    String unredirectable(Unredirectable e, HttpServletResponse response, Model model) {
        return responses.errorPage(e.entra(), response, model);
    }

    /** One line of the consent page: {@code client} may use {@code scopes} of {@code resource}. */
    record ConsentLine(String client, String resource, List<String> scopes) {}
}
