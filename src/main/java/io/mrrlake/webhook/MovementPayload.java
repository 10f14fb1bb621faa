package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;

/**
 * The JSON body of one movement, field for field as ChartMogul sends it (docs/WEBHOOKS.md), built from a
 * candidate row: the movement's columns and its calculated customer's columns prefixed
 * {@link WebhookColumns#CUSTOMER_PREFIX}. Nothing else goes in the body.
 */
final class MovementPayload {
    static final String TYPE = "mrr_movement";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private MovementPayload() {}

    static String json(Row r) {
        try {
            return MAPPER.writeValueAsString(tree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise movement " + r.getAs(M_UUID), e);
        }
    }

    static ObjectNode tree(Row r) {
        String movementType = r.getAs(M_MOVEMENT_TYPE);
        String accountCurrency = firstNonNull(str(r, customer(C_CURRENCY)), str(r, M_CURRENCY_CODE));
        String invoiceCurrency = str(r, M_INVOICE_CURRENCY);
        Long mrr = lng(r, M_MRR);
        Long movement = signed(movementType, lng(r, M_MRR_MOVEMENT));
        Long movementInvoice = signed(movementType, lng(r, M_MRR_MOVEMENT_IN_INVOICE_CURRENCY));

        ObjectNode root = MAPPER.createObjectNode();
        root.put("date", date(r.getAs(M_DATE)));
        root.put("type", TYPE);

        ObjectNode customer = root.putObject("customer");
        customer.put("name", firstNonNull(str(r, customer(C_NAME)), str(r, M_CUSTOMER_NAME)));
        customer.put("uuid", str(r, M_CUSTOMER_UUID));
        customer.put("email", str(r, customer(C_EMAIL)));
        customer.put("status", status(str(r, customer(C_STATUS))));
        customer.put("company", str(r, customer(C_COMPANY)));
        customer.put("currency", accountCurrency);
        customer.put("current_arr", mrr == null ? null : mrr * 12);
        customer.put("current_mrr", mrr);
        String externalId = firstNonNull(str(r, customer(C_EXTERNAL_ID)), str(r, M_CUSTOMER_EXTERNAL_ID));
        customer.put("external_id", externalId);
        ArrayNode ids = customer.putArray("external_ids");
        List<String> externalIds = externalIds(r);
        if (externalIds != null) {
            externalIds.forEach(ids::add);
        } else if (externalId != null) {
            ids.add(externalId);
        }
        customer.put("currency_symbol", CurrencySymbols.of(accountCurrency));
        customer.put("data_source_uuid", str(r, customer(C_DATA_SOURCE_UUID)));

        root.put("description", str(r, M_DESCRIPTION));
        root.putObject("subscription").put("external_id", str(r, M_SUBSCRIPTION_EXTERNAL_ID));
        root.put("movement_type", movementType);
        root.put("account_currency", accountCurrency);
        root.put("invoice_currency", invoiceCurrency);
        root.put("account_currency_symbol", CurrencySymbols.of(accountCurrency));
        root.put("invoice_currency_symbol", CurrencySymbols.of(invoiceCurrency));
        root.put("movement_amount_in_cent", movement);
        root.put("mrr_movement_in_account_currency", movement);
        root.put("mrr_movement_in_invoice_currency", movementInvoice);
        return root;
    }

    /** "Past Due" → "past_due", "New Lead" → "new_lead". */
    static String status(String status) {
        if (status == null) {
            return null;
        }
        return status.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    static String date(Object value) {
        Instant instant = value instanceof Timestamp t ? t.toInstant() : (Instant) value;
        return DATE.format(instant);
    }

    /** Contraction and churn are negative whatever sign the input carries; the others keep theirs. */
    static Long signed(String movementType, Long amount) {
        if (amount == null) {
            return null;
        }
        boolean down = "contraction".equals(movementType) || "churn".equals(movementType);
        return down ? -Math.abs(amount) : amount;
    }

    private static List<String> externalIds(Row r) {
        int i = r.fieldIndex(customer(C_EXTERNAL_IDS));
        if (r.isNullAt(i)) {
            return null;
        }
        return r.getList(i);
    }

    private static String str(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.get(i).toString();
    }

    private static Long lng(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).longValue();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
