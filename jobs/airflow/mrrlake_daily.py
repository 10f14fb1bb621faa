"""mrrlake, daily, on a Spark cluster through Airflow's SparkSubmitOperator.

Needs apache-airflow>=2.4 and apache-airflow-providers-apache-spark; the `spark_default` connection
names the cluster (host `yarn`, `spark://host:7077` or `k8s://...`, extra {"deploy-mode": "client"}).
Copy this file into the DAGs folder and set the paths below (or the MRRLAKE_* environment variables
of the scheduler and workers).

Each run calculates as of the end of the day its data interval covers: the run for 2025-03-14
starts just after midnight on the 15th and passes `--as-of 2025-03-14`. The job is idempotent (the
same as-of gives the same rows), so a retry or a cleared task simply writes the same output again.

catchup=True backfills every missed day in order (max_active_runs=1, depends_on_past=True), which
keeps the webhook watermarks moving forward day by day; see docs/OPERATIONS.md for backfills
(`airflow dags backfill -s 2025-01-01 -e 2025-01-31 mrrlake_daily`) and for exit codes.
"""

import os
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = os.environ.get("MRRLAKE_JAR", "/opt/mrrlake/mrrlake-0.1.0.jar")
LANDING = os.environ.get("MRRLAKE_INPUT", "s3a://billing-landing/chartmogul")
OUTPUT = os.environ.get("MRRLAKE_OUTPUT_URI", "s3a://analytics/mrrlake")
CONF = os.environ.get("MRRLAKE_CONF", "/opt/mrrlake/conf/s3.conf")
# The cluster's Hadoop is 3.3.4 for Spark 3.5; leave empty when the cluster brings its own S3A.
PACKAGES = os.environ.get("MRRLAKE_PACKAGES", "org.apache.hadoop:hadoop-aws:3.3.4")

# Java 17 needs these on the driver and executors (the same list as pom.xml's spark.java17.flags).
JAVA17_FLAGS = " ".join(
    [
        f"--add-opens={module}=ALL-UNNAMED"
        for module in [
            "java.base/java.lang",
            "java.base/java.lang.invoke",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.net",
            "java.base/java.nio",
            "java.base/java.util",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref",
            "java.base/sun.nio.ch",
            "java.base/sun.nio.cs",
            "java.base/sun.security.action",
            "java.base/sun.util.calendar",
            "java.security.jgss/sun.security.krb5",
        ]
    ]
    + ["-Djdk.reflect.useDirectMethodHandle=false"]
)

# The last day of the data interval: a daily run covers [day, day + 1).
AS_OF = "{{ data_interval_start | ds }}"

with DAG(
    dag_id="mrrlake_daily",
    description="MRR movements and calculated customers from the billing landing zone",
    schedule="@daily",
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=True,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "depends_on_past": True,
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(hours=4),
    },
    tags=["mrrlake", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="mrrlake_run",
        conn_id="spark_default",
        application=JAR,
        java_class="io.mrrlake.cli.Main",
        name="mrrlake-{{ ds }}",
        packages=PACKAGES or None,
        files=CONF,
        conf={
            "spark.driver.extraJavaOptions": JAVA17_FLAGS,
            "spark.executor.extraJavaOptions": JAVA17_FLAGS,
        },
        application_args=[
            "run",
            "--input", LANDING,
            "--output", OUTPUT,
            "--conf", CONF,
            "--as-of", AS_OF,
            "--max-reject-ratio", "0.05",
        ],
        verbose=False,
    )
