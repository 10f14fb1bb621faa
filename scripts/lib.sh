# Shared by the launchers. Expects $root to be the project folder.

mrrlake_version() {
  # The project's own <version>: the first one after <artifactId>mrrlake</artifactId>.
  sed -n '/<artifactId>mrrlake<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q}' "$root/pom.xml"
}

mrrlake_jar() {
  echo "$root/target/mrrlake-$(mrrlake_version).jar"
}

# The --add-opens list lives once, in pom.xml's spark.java17.flags property.
mrrlake_java17_flags() {
  sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' "$root/pom.xml"
}

# JVM flags for a short run on a small input (pom.xml's short.run.jvm.flags says why).
mrrlake_short_run_jvm_flags() {
  sed -n 's:.*<short.run.jvm.flags>\([^$]*\)</short.run.jvm.flags>.*:\1:p' "$root/pom.xml"
}

mrrlake_ensure_jar() {
  local jar
  jar="$(mrrlake_jar)"
  if [[ ! -f "$jar" || ! -f "$root/target/spark-classpath.txt" ]] \
     || [[ -n "$(find "$root/src/main" "$root/pom.xml" "$root/conf/application.conf" -newer "$jar" -print -quit)" ]]; then
    echo "mrrlake: building the jar (mvn package, tests skipped) ..." >&2
    (cd "$root" && mvn -q -B -DskipTests package) >&2
  fi
}
