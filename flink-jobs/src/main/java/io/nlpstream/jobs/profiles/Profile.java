package io.nlpstream.jobs.profiles;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The jobs users come for, each a profile of the one pipeline. */
public enum Profile {
    NONE("none"),
    OPINION_SPIKES("opinion-spikes"),
    TICKET_ROUTING("ticket-routing"),
    FINANCIAL_SENTIMENT("financial-sentiment");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The profile named {@code id}, as the command line and the options spell it. */
    public static Profile of(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown profile '"
                        + id
                        + "'; known: "
                        + Arrays.stream(values())
                                .map(Profile::id)
                                .collect(Collectors.joining(", ")));
    }

    /** The profile's default options, a flat YAML file on the class path. */
    public String optionsResource() {
        return "/profiles/" + id + "/options.yaml";
    }

    /** The profile's starter rules, JSON lines on the class path. */
    public String rulesResource() {
        return this == NONE ? "/rules/starter-rules.jsonl" : "/profiles/" + id + "/rules.jsonl";
    }
}
