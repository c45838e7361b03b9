#!/usr/bin/env bash
# HTTP load benchmark (org.bayan.bench.LoadBenchmark) on embedded H2 and on PostgreSQL.
#
#   src/bench/load.sh                 small scale: 10 s per step, both databases (about 4 minutes after the builds)
#   src/bench/load.sh --full          60 s per step
#   src/bench/load.sh --no-build ...  reuse target/bench/app-<db> from an earlier run
#   BENCH_DBS=h2 src/bench/load.sh    one database only
#
# Other arguments go to LoadBenchmark (e.g. --seconds 20, --senders 64, --env BAYAN_PROCESSING_BATCH_SIZE=500).
# The datasource kind is fixed when Quarkus builds the jar, so each database gets its own package, kept under
# target/bench/app-<db>. The H2 package is built last so target/quarkus-app stays the default build.
# Results: target/bench/load-<db>.md and target/bench/profile-<db>.txt (JFR of the max-throughput step).
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD=true
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then BUILD=false; else ARGS+=("$arg"); fi
done

PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
DBS=${BENCH_DBS:-"postgresql h2"}
if [[ " $DBS " == *" postgresql "* ]] && ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "== No PostgreSQL at 127.0.0.1:5432: the PostgreSQL pass is skipped"
  DBS=${DBS/postgresql/}
fi

mkdir -p target/bench
for db in $DBS; do
  if [ "$BUILD" = true ] || [ ! -f "target/bench/app-$db/quarkus-run.jar" ]; then
    echo "== Packaging the service for $db"
    ./mvnw -B -ntp -q package -DskipTests -Dquarkus.datasource.db-kind="$db"
    rm -rf "target/bench/app-$db"
    cp -r target/quarkus-app "target/bench/app-$db"
  fi
done

./mvnw -B -ntp -q test-compile
for db in $DBS; do
  echo "== Load benchmark on $db"
  ./mvnw -B -ntp -q exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
    -Dexec.args="-cp %classpath org.bayan.bench.LoadBenchmark --db $db --app target/bench/app-$db --pg-url $PG_URL ${ARGS[*]:-}"
done
