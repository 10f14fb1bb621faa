package io.mrrlake.cli;

/** Where the job runs: the local launcher, spark-submit, or a managed runtime. */
public final class Runtime {
    private Runtime() {}

    /** Databricks sets this in every job's environment. */
    public static boolean isManaged() {
        String v = System.getenv("DATABRICKS_RUNTIME_VERSION");
        return v != null && !v.isBlank();
    }

    /** scripts/mrrlake sets mrrlake.local=true; spark-submit sets spark.master. */
    public static boolean isLocalLauncher() {
        return Boolean.getBoolean("mrrlake.local") && System.getProperty("spark.master") == null;
    }
}
