package dev.obo.onbehalf.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error} as problem+json, in place of Spring Boot's JSON: what a filter or the request
 * firewall refused with {@code sendError} (the firewall's 400 for a malformed URL, the form
 * parser's 400) reaches the caller in the same format as every other error of the API.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), GenericProblems.detail(status));
        problem.setTitle(GenericProblems.title(status));
        problem.setInstance(null); // not "/error", and not the refused request's own URL either
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
