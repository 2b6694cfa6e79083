package dev.obo.web.apiclient;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What a middle tier said when it refused or failed, read from the shapes such APIs answer in. */
class ApiProblemTest {

    private static final JsonMapper JSON = new JsonMapper();

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', textBlock = """
            403 | {"type": "urn:onbehalf:problem:insufficient-scope", "title": "Insufficient scope", "detail": "Needs access_as_user."} | Insufficient scope                      | Needs access_as_user.           | RFC 9457 problem details
            404 | {"code": "invalid_header", "description": "Unable to find appropriate key."}                                        | The API answered 404 (invalid_header)   | Unable to find appropriate key. | the seed's Flask API
            401 | {"error": "invalid_token", "error_description": "The token has expired."}                                           | The API answered 401 (invalid_token)    | The token has expired.          | an OAuth 2.0 resource server
            403 | {"error": {"code": "AuthorizationFailed", "message": "No access to ARM."}}                                          | The API answered 403 (AuthorizationFailed) | No access to ARM.            | ARM and Graph
            400 | {"message": "Bad request from the web app."}                                                                        | The API answered 400                    | Bad request from the web app.   | a bare message
            500 | {"title": " ", "detail": ""}                                                                                        | The API answered 500                    | ''                              | blank members: as if absent
            502 | {}                                                                                                                  | The API answered 502                    | ''                              | no body it could read
            """)
    void ofWhenShapeThenTitleAndDetail(int status, String json, String title, String detail, String proves) {
        Map<String, Object> body = JSON.readValue(json, Map.class);

        assertThat(ApiProblem.of(status, body)).as(proves).isEqualTo(new ApiProblem(title, detail));
    }
}
