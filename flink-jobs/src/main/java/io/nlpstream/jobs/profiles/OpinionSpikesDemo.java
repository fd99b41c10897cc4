package io.nlpstream.jobs.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opinion-spikes demo stream: SpamAssassin e-mails in the order of their real envelope dates
 * (15 July to October 2002, after a one-day dump of 500 spam in June), each keyed by its group
 * (ham, hard-ham, spam), with a burst of negative texts about one key injected at a known event
 * time. Replayed as fast as the rate allows, months of event time pass in a minute.
 */
public final class OpinionSpikesDemo {
    public static final String BURST_KEY = "spam";
    public static final int BURST_TEXTS = 200;
    private static final Duration BURST_SPAN = Duration.ofHours(2);
    private static final Instant FROM = Instant.parse("2002-07-15T00:00:00Z");
    private static final Instant TO = Instant.parse("2002-11-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] COMPLAINTS = {
        "This spam is awful, I am sick of these scam mails every single day.",
        "Terrible, another flood of junk mail, the filter is useless and I hate it.",
        "Worst week ever for spam, my inbox is full of fraud and garbage."
    };

    /** The options the demo runs with: daily windows over months of mail. */
    public static final Map<String, String> OPTIONS =
            Map.of(
                    ProfileOptions.WINDOW_SIZE_MS.key(),
                            String.valueOf(Duration.ofDays(1).toMillis()),
                    ProfileOptions.WARMUP_WINDOWS.key(), "14",
                    ProfileOptions.MAX_OUT_OF_ORDERNESS_MS.key(),
                            String.valueOf(Duration.ofHours(1).toMillis()),
                    ProfileOptions.ALLOWED_LATENESS_MS.key(),
                            String.valueOf(Duration.ofHours(6).toMillis()));

    /**
     * @param records the JSON input records in event-time order
     * @param burstStart event time of the burst's first text
     */
    public record Stream(List<byte[]> records, int mails, long burstStart, long from, long to) {

        /** What the run's summary says about the scenario. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mails", mails);
            m.put("event_time_from", Instant.ofEpochMilli(from).toString());
            m.put("event_time_to", Instant.ofEpochMilli(to).toString());
            m.put("burst_key", BURST_KEY);
            m.put("burst_texts", BURST_TEXTS);
            m.put("burst_started", Instant.ofEpochMilli(burstStart).toString());
            return m;
        }
    }

    private OpinionSpikesDemo() {}

    /**
     * @param mails the labelled e-mails (time = envelope date)
     * @param limit the most e-mails, the earliest first
     * @param maxChars the first characters of each e-mail that are sent
     */
    public static Stream build(List<LabelledText> mails, int limit, int maxChars) {
        List<LabelledText> dated =
                mails.stream()
                        .filter(
                                m ->
                                        m.time() >= FROM.toEpochMilli()
                                                && m.time() < TO.toEpochMilli())
                        .sorted(Comparator.comparingLong(LabelledText::time))
                        .limit(limit)
                        .toList();
        if (dated.size() < 100) {
            throw new IllegalArgumentException(
                    "the demo needs at least 100 dated e-mails, found " + dated.size());
        }
        // 10:00 on the day at 60% of the stream: a baseline of weeks before, days after
        long burstStart =
                Instant.ofEpochMilli(dated.get(dated.size() * 6 / 10).time())
                        .truncatedTo(ChronoUnit.DAYS)
                        .plus(Duration.ofHours(10))
                        .toEpochMilli();
        List<byte[]> records = new ArrayList<>(dated.size() + BURST_TEXTS);
        int burst = 0;
        for (LabelledText mail : dated) {
            while (burst < BURST_TEXTS && burstTime(burstStart, burst) <= mail.time()) {
                records.add(burstText(burstStart, burst++));
            }
            String text =
                    mail.text().length() <= maxChars
                            ? mail.text()
                            : mail.text().substring(0, maxChars);
            records.add(json(mail.id(), text, mail.time(), mail.label(), mail.source()));
        }
        while (burst < BURST_TEXTS) {
            records.add(burstText(burstStart, burst++));
        }
        return new Stream(
                records,
                dated.size(),
                burstStart,
                dated.get(0).time(),
                dated.get(dated.size() - 1).time());
    }

    private static long burstTime(long start, int i) {
        return start + i * BURST_SPAN.toMillis() / BURST_TEXTS;
    }

    private static byte[] burstText(long start, int i) {
        return json(
                "burst-" + i,
                COMPLAINTS[i % COMPLAINTS.length],
                burstTime(start, i),
                BURST_KEY,
                "injected-burst");
    }

    private static byte[] json(String id, String text, long time, String key, String source) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("source", source);
        record.put("text", text);
        record.put("time", time);
        record.put("key", key);
        try {
            return JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + id, e);
        }
    }
}
