/**
 * One customer's ledger, in plain Java (step 2 of docs/MRR.md "The steps"). Where each rule is
 * decided, and the test that holds it:
 * <table>
 * <caption>docs/MRR.md, rule by rule</caption>
 * <tr><th>docs/MRR.md</th><th>decided in</th><th>tested by</th></tr>
 * <tr><td>MRR of one item (net, interval months, proration, rounding)</td>
 *     <td>{@link io.mrrlake.mrr.ledger.ItemMrr}, {@link io.mrrlake.mrr.ledger.Money}</td><td>ItemMrrTest</td></tr>
 * <tr><td>A subscription over time: item order, set and adding items, adding to nothing, paid before
 *     counted, renewals, no renewal (past due, {@code mrr.auto_churn_days}), free plan</td>
 *     <td>{@link io.mrrlake.mrr.ledger.SubscriptionTimeline}</td><td>CustomerLedgerTest</td></tr>
 * <tr><td>Cancellation ({@code at_cancellation}, {@code end_of_service_period}, withdrawn cancellations)</td>
 *     <td>{@link io.mrrlake.mrr.ledger.Cancellations}</td><td>CustomerLedgerTest</td></tr>
 * <tr><td>The last (service) period; a credit renews nothing; the plan after a change</td>
 *     <td>{@link io.mrrlake.mrr.ledger.Cancellations}, {@link io.mrrlake.mrr.ledger.SubscriptionTimeline}
 *     ({@code planAfter}), {@link io.mrrlake.mrr.ledger.ItemMrr#credit}</td><td>LastPeriodAndCreditsTest</td></tr>
 * <tr><td>Currency: the factor, one rounding per change, exchange-rate impact</td>
 *     <td>{@link io.mrrlake.mrr.ledger.SubscriptionTimeline}, {@link io.mrrlake.mrr.ledger.Money},
 *     {@link io.mrrlake.mrr.ledger.FxImpact}</td><td>CurrencyConversionTest, CustomerLedgerTest,
 *     MixedCurrencyInstantTest (rule 11, two currencies at one instant: {@code SubscriptionTimeline.mrrIn}),
 *     CurrencyScenariosTest (slow)</td></tr>
 * <tr><td>Movements: order at one instant, grouping (across a month's end too), linked subscriptions,
 *     the type of a group's rows (new_biz, reactivation, churn, expansion, contraction)</td>
 *     <td>{@link io.mrrlake.mrr.ledger.CustomerLedger} ({@code fitsGroup} groups, {@code applyGroup}
 *     decides the type)</td><td>CustomerLedgerTest, WorkedExamplesTest, MrrRulesAuditTest (slow)</td></tr>
 * <tr><td>Fields of a row: DATE, RANK, UUID, DESCRIPTION</td><td>{@link io.mrrlake.mrr.ledger.CustomerLedger},
 *     {@link io.mrrlake.mrr.ledger.Descriptions}</td><td>CustomerLedgerTest</td></tr>
 * <tr><td>Customers counted at each month end (CUSTOMERS_END)</td>
 *     <td>{@link io.mrrlake.mrr.ledger.MonthEndCounter}</td><td>CustomerLedgerTest</td></tr>
 * <tr><td>Customer status (Past Due, Active, Cancelled, lead)</td>
 *     <td>{@link io.mrrlake.mrr.ledger.CustomerSummary}, {@link io.mrrlake.mrr.ledger.SubscriptionTimeline}</td>
 *     <td>CustomerLedgerTest</td></tr>
 * <tr><td>Sums outside 64 bits fail the run</td><td>{@link io.mrrlake.mrr.ledger.LedgerOverflow}</td>
 *     <td>CurrencyConversionTest</td></tr>
 * </table>
 */
package io.mrrlake.mrr.ledger;
