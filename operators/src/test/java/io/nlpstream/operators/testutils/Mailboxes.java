package io.nlpstream.operators.testutils;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.flink.streaming.api.operators.YieldingOperator;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Runs a test harness's mails, as the task thread would, until an operator has settled. */
public final class Mailboxes {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Mailboxes() {}

    /**
     * Gives an operator the harness's mailbox, as the runtime does when it creates the operator (a
     * harness built from an operator instance skips that step); call before {@code open()}.
     */
    public static <H extends AbstractStreamOperatorTestHarness<?>> H attach(
            H harness, YieldingOperator<?> operator) {
        operator.setMailboxExecutor(
                new MailboxExecutorImpl(
                        harness.getTaskMailbox(), 0, StreamTaskActionExecutor.IMMEDIATE));
        return harness;
    }

    /**
     * Runs mails on this (the harness's task) thread while {@code busy} holds, then the mails left;
     * an exception of a mail (a failed task) is thrown here.
     */
    public static void settle(AbstractStreamOperatorTestHarness<?> harness, BooleanSupplier busy)
            throws Exception {
        TaskMailbox mailbox = harness.getTaskMailbox();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (busy.getAsBoolean()) {
            Optional<Mail> mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY);
            if (mail.isPresent()) {
                mail.get().run();
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("the operator did not settle within " + LIMIT);
            } else {
                Thread.sleep(1);
            }
        }
        for (Optional<Mail> mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY);
                mail.isPresent();
                mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)) {
            mail.get().run();
        }
    }
}
