package io.mrrlake.webhook;

import java.time.Instant;

/**
 * What one run did for one endpoint.
 *
 * @param sent                      movements delivered (2xx) in this run
 * @param failed                    movements that failed every attempt in this run (kept in the ledger as failed)
 * @param deferred                  movements not attempted because an earlier movement of the same customer
 *                                  failed in this run (kept as blocked, tried next run in order)
 * @param skippedAlreadyDelivered   movements of this run's window that the ledger shows delivered before
 * @param watermarkBefore           the window's lower bound (exclusive)
 * @param watermarkAfter            the watermark stored for the next run (unchanged when the run did not finish)
 * @param ok                        the pass finished and nothing failed or was deferred
 * @param error                     why the pass did not finish, or null
 */
public record WebhookOutcome(String endpoint, long sent, long failed, long deferred, long skippedAlreadyDelivered,
                             Instant watermarkBefore, Instant watermarkAfter, boolean ok, String error) {
}
