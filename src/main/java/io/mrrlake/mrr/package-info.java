/**
 * The MRR engine: source datasets in, the five calculated datasets out. Where each section of
 * docs/MRR.md is decided, and the test that holds it:
 * <table>
 * <caption>docs/MRR.md, section by section</caption>
 * <tr><th>docs/MRR.md</th><th>decided in</th><th>tested by</th></tr>
 * <tr><td>The steps</td><td>{@link io.mrrlake.mrr.MrrEngine} (step 1 {@link io.mrrlake.mrr.ItemFacts} and
 *     {@link io.mrrlake.mrr.CancellationFacts}, step 2 {@link io.mrrlake.mrr.LedgerStage}, step 3
 *     {@link io.mrrlake.mrr.LedgerOutputs})</td><td>WorkedExamplesTest, LedgerStageTest</td></tr>
 * <tr><td>As-of: nothing after it; excluded invoice statuses; one_time items</td>
 *     <td>{@link io.mrrlake.mrr.ItemFacts}, {@link io.mrrlake.mrr.CancellationFacts} (the source
 *     datasets' own records: {@link io.mrrlake.source.SourceStage})</td>
 *     <td>SettingsEffectTest (excludeInvoiceStatuses), AsOfAndUnreadableTest
 *     (recordsAfterTheAsOfInstantAreLeftOutAndAreNoRejects)</td></tr>
 * <tr><td>Paid by the as-of (an invoice's successful payments minus refunds)</td>
 *     <td>{@link io.mrrlake.mrr.InvoicePayments}</td><td>WorkedExamplesTest (example 8)</td></tr>
 * <tr><td>A subscription over time: one customer holds a subscription ({@code duplicate_key} items of
 *     another customer's invoice)</td><td>{@link io.mrrlake.mrr.SubscriptionOwners}, used by
 *     {@link io.mrrlake.mrr.ItemFacts}</td><td>SubscriptionOwnersTest</td></tr>
 * <tr><td>Rates of an item's start day, {@code mrr.max_rate_age_days}, {@code missing_rate}</td>
 *     <td>{@link io.mrrlake.mrr.RateTable}, {@link io.mrrlake.mrr.MrrEngine}</td>
 *     <td>SettingsEffectTest (maxRateAgeDays)</td></tr>
 * <tr><td>Currency: conversions that would leave 64 bits ({@code bad_number:amount_in_cents} of line
 *     items and transactions)</td><td>{@link io.mrrlake.mrr.ConversionBound}, used by
 *     {@link io.mrrlake.mrr.ItemFacts} and {@link io.mrrlake.mrr.NetPayments}</td>
 *     <td>ConversionLimitTest</td></tr>
 * <tr><td>MRR of one item; A subscription over time; Currency; Movements; Customer status</td>
 *     <td>package {@link io.mrrlake.mrr.ledger} (its own table)</td><td>CustomerLedgerTest, ItemMrrTest,
 *     CurrencyConversionTest, MixedCurrencyInstantTest (two currencies at one instant), CurrencyScenariosTest
 *     (slow: USD, JPY and KWD accounts)</td></tr>
 * <tr><td>Invariants</td><td>{@link io.mrrlake.mrr.MrrInvariants}</td><td>GeneratedDataInvariantsTest
 *     (slow), SettingsEffectTest (invariantsCheckerNamesTheCustomerAndMonthOfADroppedMovement)</td></tr>
 * <tr><td>Worked examples</td><td>all of the above</td><td>WorkedExamplesTest (the engine),
 *     WorkedExamplesJobTest (the whole job)</td></tr>
 * <tr><td>One customer explained</td><td>{@link io.mrrlake.mrr.CustomerWalks}</td><td>ExplainTest,
 *     ExplainEdgesTest</td></tr>
 * <tr><td>Monthly roll-forward</td><td>{@link io.mrrlake.mrr.MonthlyRollForward}</td><td>CheckedSumsTest
 *     (theMonthlyRollForwardFailsInsteadOfWrapping), GeneratedDataInvariantsTest (slow)</td></tr>
 * <tr><td>Calculated customers (merging)</td><td>{@link io.mrrlake.customers.CustomerMerging},
 *     {@link io.mrrlake.mrr.CalculatedCustomers}</td><td>CustomerMergingTest</td></tr>
 * <tr><td>NET_PAYMENTS; payments it cannot count ({@code missing_rate}, an amount past the limit)</td>
 *     <td>{@link io.mrrlake.mrr.NetPayments}</td><td>WorkedExamplesTest, PaymentRejectsTest</td></tr>
 * <tr><td>Sums that fail instead of wrapping</td><td>{@link io.mrrlake.mrr.CheckedSums}</td>
 *     <td>CheckedSumsTest</td></tr>
 * </table>
 * Every configuration key of docs/MRR.md also has its own case in SettingsEffectTest.
 */
package io.mrrlake.mrr;
