package io.nlpstream.serving.datasets;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a raw RFC 822 message into the readable text a classifier sees: subject and body. */
public final class EmailText {
    private static final Pattern TAG =
            Pattern.compile("(?s)<(script|style)[^>]*>.*?</\\1>|<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(nbsp|amp|lt|gt|quot|#\\d+);");
    private static final Pattern SOFT_BREAK = Pattern.compile("=\\r?\\n");
    private static final Pattern QP_HEX = Pattern.compile("=([0-9A-F]{2})");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

    private EmailText() {}

    /** {@code Subject: ...} followed by the body with HTML tags and quoted-printable undone. */
    public static String readable(String raw) {
        String normalised = raw.replace("\r\n", "\n");
        int split = normalised.indexOf("\n\n");
        String headers = split < 0 ? normalised : normalised.substring(0, split);
        String body = split < 0 ? "" : normalised.substring(split + 2);
        String subject = header(headers, "subject");
        if (header(headers, "content-transfer-encoding")
                .toLowerCase(Locale.ROOT)
                .contains("quoted")) {
            body =
                    QP_HEX.matcher(SOFT_BREAK.matcher(body).replaceAll(""))
                            .replaceAll(m -> Matcher.quoteReplacement(hex(m.group(1))));
        }
        body = ENTITY.matcher(TAG.matcher(body).replaceAll(" ")).replaceAll(" ");
        body = CONTROL.matcher(body).replaceAll(" ");
        body = BLANK_LINES.matcher(SPACES.matcher(body).replaceAll(" ")).replaceAll("\n").strip();
        return ("Subject: " + subject + "\n" + body).strip();
    }

    /** The first value of a header (unfolded), or an empty string. */
    public static String header(String headers, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        String[] lines = headers.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                StringBuilder value =
                        new StringBuilder(lines[i].substring(prefix.length()).strip());
                while (i + 1 < lines.length
                        && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                    value.append(' ').append(lines[++i].strip());
                }
                return value.toString();
            }
        }
        return "";
    }

    private static String hex(String code) {
        return String.valueOf((char) Integer.parseInt(code, 16));
    }
}
