#!/usr/bin/env bash
# Hands the mrrlake jar to a cluster's spark-submit (YARN, Kubernetes, standalone, local).
#
#   scripts/spark-submit.sh [submit options] COMMAND [job options]
#
#   scripts/spark-submit.sh --master yarn --deploy-mode cluster --with s3 \
#       run --input s3a://bucket/landing --conf conf/s3.conf --as-of 2025-12-31
#
# Everything before COMMAND (run | generate | validate | demo) is for spark-submit; COMMAND and what
# follows are the job's own arguments, passed through unchanged except for one: a job `--conf FILE`
# naming a local file is shipped with --files, and in cluster deploy mode on YARN or Kubernetes the
# job is told the file's base name (the driver's working directory holds the shipped copy there).
# On a standalone master in cluster mode the driver has no such copy: the path must be readable on
# the workers (a shared mount), which is what scripts/cluster-smoke does.
#
# Submit options this script adds or understands (every other spark-submit option passes through):
#   --master URL              default: $MRRLAKE_MASTER, else spark-submit's own default
#   --deploy-mode MODE        client (default) | cluster
#   --with s3|gcs|azure       adds the connector for that store to --packages (repeatable); the
#                             versions match the Hadoop of this Spark line (hadoop.version in pom.xml)
#   --packages COORDS         passed through, merged with --with
#   --dry-run                 print the spark-submit command (one argument per line) and exit
#   The Java 17 flags go into spark.driver.extraJavaOptions and spark.executor.extraJavaOptions, with
#   $MRRLAKE_DRIVER_JAVA_OPTS / $MRRLAKE_EXECUTOR_JAVA_OPTS appended.
#
# Environment: SPARK_SUBMIT (the spark-submit to run; default $SPARK_HOME/bin/spark-submit, else
# spark-submit on PATH), MRRLAKE_JAR (the jar; default target/mrrlake-<version>.jar, built if
# missing), MRRLAKE_MASTER.
# Exit code: spark-submit's. In client mode that is the job's (0, 1, 2 as in docs/OPERATIONS.md); in cluster mode
# it is 0 when the driver finished and non-zero when it failed (YARN waits for the driver by
# default). On a standalone master in cluster mode spark-submit exits 0 however the driver ended, so
# this script waits for the driver and exits 0 when it finished, 1 when it failed, errored or was
# killed (the job's 2 shows as 1 there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

hadoop_version() {
  sed -n 's:.*<hadoop.version>\(.*\)</hadoop.version>.*:\1:p' "$root/pom.xml"
}

# Maven coordinates of the file-system connector for a store, for --packages.
connector_package() {
  case "$1" in
    s3) echo "org.apache.hadoop:hadoop-aws:$(hadoop_version)" ;;
    gcs) echo "com.google.cloud.bigdataoss:gcs-connector:hadoop3-2.2.22" ;;
    azure) echo "org.apache.hadoop:hadoop-azure:$(hadoop_version)" ;;
    *) echo "spark-submit.sh: --with takes s3, gcs or azure, not '$1'" >&2; return 2 ;;
  esac
}

master="${MRRLAKE_MASTER:-}"
deploy_mode=client
dry_run=false
packages=()
submit=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    run|generate|validate|demo) break ;;
    -h|--help) usage; exit 0 ;;
    --master) master="$2"; shift 2 ;;
    --master=*) master="${1#*=}"; shift ;;
    --deploy-mode) deploy_mode="$2"; shift 2 ;;
    --deploy-mode=*) deploy_mode="${1#*=}"; shift ;;
    --with) packages+=("$(connector_package "$2")") || exit 2; shift 2 ;;
    --with=*) packages+=("$(connector_package "${1#*=}")") || exit 2; shift ;;
    --packages) IFS=',' read -r -a more <<< "$2"; packages+=("${more[@]}"); shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --class|--class=*) echo "spark-submit.sh: the main class is always io.mrrlake.cli.Main" >&2; exit 2 ;;
    --verbose|-v|--supervise) submit+=("$1"); shift ;;
    --*=*) submit+=("$1"); shift ;;
    --*)
      [[ $# -ge 2 ]] || { echo "spark-submit.sh: $1 needs a value" >&2; exit 2; }
      submit+=("$1" "$2"); shift 2 ;;
    *) echo "spark-submit.sh: expected a command (run, generate, validate, demo), got '$1'" >&2; exit 2 ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "spark-submit.sh: name a command: run, generate, validate or demo (--help for the options)" >&2
  exit 2
fi
case "$deploy_mode" in
  client|cluster) ;;
  *) echo "spark-submit.sh: --deploy-mode is client or cluster, not '$deploy_mode'" >&2; exit 2 ;;
esac

# The job's arguments; ship each local --conf file and point the job at the copy the driver sees.
files=()
job=()
while [[ $# -gt 0 ]]; do
  arg="$1"; shift
  value=""
  if [[ "$arg" == "--conf" && $# -gt 0 ]]; then
    value="$1"; shift
  elif [[ "$arg" == --conf=* ]]; then
    value="${arg#--conf=}"
  else
    job+=("$arg"); continue
  fi
  if [[ -f "$value" ]]; then
    abs="$(cd "$(dirname "$value")" && pwd)/$(basename "$value")"
    files+=("$abs")
    if [[ "$deploy_mode" == cluster && "$master" != spark://* ]]; then
      job+=(--conf "$(basename "$value")")
    else
      job+=(--conf "$abs")
    fi
  else
    job+=(--conf "$value")
  fi
done

if [[ -n "${SPARK_SUBMIT:-}" ]]; then
  spark_submit="$SPARK_SUBMIT"
elif [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
else
  spark_submit=spark-submit
fi
if [[ -n "${MRRLAKE_JAR:-}" ]]; then
  jar="$MRRLAKE_JAR"
else
  $dry_run || mrrlake_ensure_jar
  jar="$(mrrlake_jar)"
fi

flags="$(mrrlake_java17_flags)"
cmd=("$spark_submit")
[[ -n "$master" ]] && cmd+=(--master "$master")
cmd+=(--deploy-mode "$deploy_mode" --class io.mrrlake.cli.Main --name "mrrlake-${job[0]}")
cmd+=(--conf "spark.driver.extraJavaOptions=$flags${MRRLAKE_DRIVER_JAVA_OPTS:+ $MRRLAKE_DRIVER_JAVA_OPTS}")
cmd+=(--conf "spark.executor.extraJavaOptions=$flags${MRRLAKE_EXECUTOR_JAVA_OPTS:+ $MRRLAKE_EXECUTOR_JAVA_OPTS}")
if [[ "$deploy_mode" == cluster && "$master" == spark://* ]]; then
  # Without this a standalone cluster-mode submit returns as soon as the driver is accepted.
  cmd+=(--conf spark.standalone.submit.waitAppCompletion=true)
fi
if [[ ${#packages[@]} -gt 0 ]]; then
  cmd+=(--packages "$(IFS=','; echo "${packages[*]}")")
fi
if [[ ${#files[@]} -gt 0 ]]; then
  cmd+=(--files "$(IFS=','; echo "${files[*]}")")
fi
cmd+=("${submit[@]}" "$jar" "${job[@]}")

if $dry_run; then
  printf '%s\n' "${cmd[@]}"
  exit 0
fi
if [[ "$deploy_mode" != cluster || "$master" != spark://* ]]; then
  exec "${cmd[@]}"
fi

# Standalone cluster mode: spark-submit's client exits 0 once the driver ends, failed or not; only its
# log says how it ended. Have the client log that line and turn it into the exit code.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/log4j2.properties" <<'LOG'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %-5p %c{1}: %m%n
logger.client.name = org.apache.spark.deploy.ClientEndpoint
logger.client.level = info
LOG
status=0
SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} -Dlog4j2.configurationFile=$tmp/log4j2.properties" \
  "${cmd[@]}" 2>&1 | tee "$tmp/submit.log" || true
status=${PIPESTATUS[0]}
ended="$(grep -o 'State of driver driver-[0-9-]* is [A-Z]*' "$tmp/submit.log" | tail -1 || true)"
case "${ended##* }" in
  FINISHED) exit 0 ;;
  FAILED|ERROR|KILLED)
    echo "spark-submit.sh: ${ended#State of driver } (the driver's log on its worker says why)" >&2
    exit 1 ;;
  *) [[ $status -ne 0 ]] && exit "$status"
     echo "spark-submit.sh: spark-submit did not report how the driver ended" >&2
     exit 1 ;;
esac
