package io.mrrlake.mrr.ledger;

import java.io.Serializable;

/**
 * The customer started (+1) or stopped (−1) counting as a customer (MRR above 0) at the end of
 * {@code month}; summed over customers and months this gives CUSTOMERS_END of mrr_monthly.
 */
public record CountChange(String month, int delta) implements Serializable {}
