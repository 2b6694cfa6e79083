package dev.obo.sandbox.form;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

/**
 * Replaces Boot's form content filter, which backs off for any {@link FormContentFilter}
 * bean, with one that answers undecodable parameters as the client's mistake.
 */
@Configuration(proxyBeanMethods = false)
class FormContentConfig {

    @Bean
    FormContentFilter formContentFilter(List<MalformedRequestAnswer> answers) {
        return new RefusingFormContentFilter(answers);
    }
}
