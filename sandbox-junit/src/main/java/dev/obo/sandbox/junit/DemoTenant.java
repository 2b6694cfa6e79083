package dev.obo.sandbox.junit;

/**
 * The ids of the sandbox's default seed ({@code sandbox.yml}), written out once for every test:
 * the tenant, its apps, their secrets and scopes, and the demo users' password.
 */
public final class DemoTenant {

    public static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    public static final String DOMAIN = "onbehalf.test";
    /** The web app (a confidential client, {@code client_secret} {@link #WEB_SECRET}). */
    public static final String WEB = "4a5b6c7d-0000-4000-8000-000000000002";
    public static final String WEB_SECRET = "web-secret";
    /** The middle-tier API (a confidential client, {@code client_secret} {@link #API_SECRET}). */
    public static final String API = "4a5b6c7d-0000-4000-8000-000000000003";
    public static final String API_SECRET = "api-secret";
    public static final String API_SCOPE = "api://" + API + "/access_as_user";
    /** Azure Resource Manager's app id, and the scope the API asks On-Behalf-Of. */
    public static final String ARM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
    public static final String ARM_SCOPE = "https://management.azure.com/user_impersonation";
    /** Microsoft Graph's app id, and the scope the API asks On-Behalf-Of. */
    public static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/User.Read";
    /**
     * The API's managed identity ({@code api-identity}): its client id and its principal (object) id, the
     * subject of the API's federated credential {@code api-managed-identity}.
     */
    public static final String API_IDENTITY = "api-identity";
    public static final String API_IDENTITY_CLIENT_ID = "4a5b6c7d-0000-4000-8000-000000000004";
    public static final String API_IDENTITY_PRINCIPAL_ID = "4a5b6c7d-0000-4000-8000-000000000005";
    /** How a seed names this tenant's own v2.0 issuer in a federated credential, as Microsoft asks for a managed identity. */
    public static final String ENTRA_ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    /** The sandbox's Kubernetes cluster whose service account {@code obo/api} the API trusts ({@code api-kubernetes}). */
    public static final String KUBERNETES_CLUSTER = "demo";
    public static final String API_NAMESPACE = "obo";
    public static final String API_SERVICE_ACCOUNT = "api";
    /** Every demo user's password. */
    public static final String PASSWORD = "sandbox";
    public static final String ALICE = "alice@onbehalf.test";
    public static final String BOB = "bob@onbehalf.test";
    public static final String CAROL = "carol@onbehalf.test";
    public static final String DAVE = "dave@onbehalf.test";
    public static final String ERIN = "erin@onbehalf.test";

    private DemoTenant() {
    }
}
