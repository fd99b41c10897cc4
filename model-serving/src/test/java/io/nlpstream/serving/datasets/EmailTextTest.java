package io.nlpstream.serving.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTextTest {

    @Test
    void keepsSubjectAndReadableBody() {
        String raw =
                "From a@b.example  Thu Aug 22 13:17:22 2002\n"
                        + "Subject: Cheap\n  meds\n"
                        + "Content-Transfer-Encoding: quoted-printable\n"
                        + "\n"
                        + "<html><body><p>Buy n=\now &amp; save=20=3D</p><style>p{}</style>\u0007</body></html>\n";
        assertThat(EmailText.readable(raw)).isEqualTo("Subject: Cheap meds\nBuy now save =");
    }

    @Test
    void envelopeDateBecomesEventTime() {
        assertThat(Datasets.envelopeTime("From x@y  Thu Aug 22 13:17:22 2002\nSubject: a"))
                .isEqualTo(1030022242000L);
        assertThat(Datasets.envelopeTime("Subject: no envelope")).isZero();
    }
}
