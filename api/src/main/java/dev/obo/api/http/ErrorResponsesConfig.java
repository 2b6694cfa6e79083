package dev.obo.api.http;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

/**
 * Errors that happen before a request reaches an endpoint answer in the API's format too
 * (RFC 9457 problem details): Tomcat's own error report ({@link ProblemErrorReportValve}), the
 * form parser ({@link UndecodableFormFilter}, in place of Spring Boot's), and {@code /error}
 * ({@link ProblemErrorController}).
 */
@Configuration(proxyBeanMethods = false)
class ErrorResponsesConfig {

    @Bean
    FormContentFilter formContentFilter() {
        return new UndecodableFormFilter();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
