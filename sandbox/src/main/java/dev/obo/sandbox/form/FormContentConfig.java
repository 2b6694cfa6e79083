package dev.obo.sandbox.form;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

/**
 * Replaces Boot's form content filter, which backs off for any {@link FormContentFilter}
 * bean, with one that answers an undecodable form body as the client's mistake.
 */
@Configuration(proxyBeanMethods = false)
class FormContentConfig {

    @Bean
    FormContentFilter formContentFilter(List<MalformedRequestAnswer> answers, JsonMapper json) {
        return new RefusingFormContentFilter(answers, json);
    }
}
