package dev.obo.onbehalf.problem;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * Errors that happen before a request reaches an endpoint answer in the API's format too
 * (RFC 9457 problem details): Tomcat's own error report ({@link ProblemErrorReportValve}), the
 * form parser ({@link UndecodableFormFilter}, in place of Spring Boot's), and {@code /error}
 * ({@link ProblemErrorController}); and the On-Behalf-Of failures of every endpoint
 * ({@link OnBehalfOfProblemAdvice}). Each backs off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorResponsesConfiguration {

    @Bean
    @ConditionalOnMissingBean(FormContentFilter.class)
    FormContentFilter formContentFilter() {
        return new UndecodableFormFilter();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    @ConditionalOnMissingBean(OnBehalfOfProblemAdvice.class)
    OnBehalfOfProblemAdvice onBehalfOfProblemAdvice(OnBehalfOfProperties properties) {
        return new OnBehalfOfProblemAdvice(properties);
    }

    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.core.StandardHost")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
