package dev.obo.web.apiclient;

import java.util.List;
import java.util.Map;

/** The API's answer: the subscriptions (ARM's JSON objects), its {@code Server-Timing}, and how long the whole call took here. */
public record Subscriptions(List<Map<String, Object>> value, ServerTiming timing, double totalMillis) {}
