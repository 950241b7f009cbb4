#!/usr/bin/env bash
# A local Neo4j 5.26 (LTS) Community server on 127.0.0.1 for the test suite and CI.
#
#   scripts/neo4j-server.sh start    # install if needed, start, wait for Bolt, print env lines
#   scripts/neo4j-server.sh stop     # stop it (exit 0 if it was not running)
#   scripts/neo4j-server.sh status   # exit 0 if Bolt answers (and accepts the password), else 1
#   scripts/neo4j-server.sh env      # export lines: eval "$(scripts/neo4j-server.sh env)"
#   scripts/neo4j-server.sh install  # only download/lay out the server (e.g. to warm a CI cache)
#   scripts/neo4j-server.sh reset    # stop and delete the local database (data/ only)
#
# Messages go to stderr; only the `export ...` lines go to stdout, so
# `eval "$(scripts/neo4j-server.sh start)"` works too.
#
# Everything comes from Maven Central (see scripts/README-neo4j.md):
#   route "tarball": org.neo4j.assembly:neo4j-community:<v>:tar.gz:unix (tried first;
#                    Maven Central does not serve it for 5.x at the time of writing)
#   route "maven":   the server's jars (org.neo4j:neo4j and its runtime dependencies,
#                    listed in scripts/neo4j-launcher/pom.xml) copied into <home>/lib,
#                    started with the real bootloader org.neo4j.server.startup.Neo4jCommand,
#                    exactly as the tarball's bin/neo4j starts it.
#
# Environment (all optional):
#   NEO4J_BOLT_PORT (7687)  NEO4J_HTTP_PORT (7474; "off" or 0 disables HTTP)
#   NEO4J_PASSWORD (samverkan-test; >= 8 characters)   NEO4J_VERSION (5.26.30)
#   NEO4J_HEAP_INITIAL (1g)  NEO4J_HEAP_MAX (2g)  NEO4J_PAGECACHE (512m)
#   NEO4J_START_TIMEOUT (120 seconds)
#   SAMVERKAN_NEO4J_HOME (cache dir, ~/.cache/samverkan/neo4j)
#   SAMVERKAN_NEO4J_ROUTE (auto | tarball | maven)
#   NEO4J_JAVA_HOME (a Java 17 or 21 to use; else JAVA_HOME, java on PATH, /usr/lib/jvm/*)
#   NEO4J_PYTHON (python used for the Bolt check; python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAUNCHER_POM="$SCRIPT_DIR/neo4j-launcher/pom.xml"

NEO4J_VERSION="${NEO4J_VERSION:-5.26.30}"
BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
PASSWORD="${NEO4J_PASSWORD:-samverkan-test}"
HEAP_INITIAL="${NEO4J_HEAP_INITIAL:-1g}"
HEAP_MAX="${NEO4J_HEAP_MAX:-2g}"
PAGECACHE="${NEO4J_PAGECACHE:-512m}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
ROUTE="${SAMVERKAN_NEO4J_ROUTE:-auto}"
CACHE_ROOT="${SAMVERKAN_NEO4J_HOME:-${HOME:-/root}/.cache/samverkan/neo4j}"
PYTHON="${NEO4J_PYTHON:-python3}"

N4J_HOME="$CACHE_ROOT/neo4j-community-$NEO4J_VERSION"
INSTALLED_MARK="$N4J_HOME/.samverkan-installed"
PW_MARK="$N4J_HOME/data/.samverkan-password.sha256"
PID_FILE="$N4J_HOME/run/neo4j.pid"
USER_LOG="$N4J_HOME/logs/neo4j.log"
DEBUG_LOG="$N4J_HOME/logs/debug.log"
INSTALL_LOG="$CACHE_ROOT/install.log"

say() { printf 'neo4j-server: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

case "$HTTP_PORT" in off | none | disabled | false | 0 | "") HTTP_PORT="" ;; esac
for p in "$BOLT_PORT" ${HTTP_PORT:+"$HTTP_PORT"}; do
  [[ "$p" =~ ^[0-9]+$ ]] || die "port '$p' is not a number"
done

# ---------------------------------------------------------------- env lines
print_env() {
  printf 'export NEO4J_URI=%q\n' "bolt://127.0.0.1:$BOLT_PORT"
  printf 'export NEO4J_USERNAME=%q\n' "neo4j"
  printf 'export NEO4J_PASSWORD=%q\n' "$PASSWORD"
  printf 'export NEO4J_DATABASE=%q\n' "neo4j"
}

# ---------------------------------------------------------------- java
java_major() { # $1 = java binary; prints the major version or nothing
  local v
  v="$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')" || return 0
  case "$v" in
    1.*) v="${v#1.}"; echo "${v%%.*}" ;;
    *) v="${v%%[.+-]*}"; echo "$v" ;;
  esac
}

find_java() {
  # Neo4j 5.26 runs on Java 17 or 21.
  local cand major
  local -a cands=()
  [ -n "${NEO4J_JAVA_HOME:-}" ] && cands+=("$NEO4J_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
  for cand in /usr/lib/jvm/java-17-openjdk*/bin/java /usr/lib/jvm/java-21-openjdk*/bin/java \
    /usr/lib/jvm/*-17*/bin/java /usr/lib/jvm/*-21*/bin/java /usr/lib/jvm/*17*/bin/java \
    /usr/lib/jvm/*21*/bin/java; do
    [ -x "$cand" ] && cands+=("$cand")
  done
  for cand in "${cands[@]}"; do
    [ -x "$cand" ] || continue
    major="$(java_major "$cand")"
    if [ "$major" = 17 ] || [ "$major" = 21 ]; then
      cand="$(readlink -f "$cand")"
      JAVA_HOME="$(dirname "$(dirname "$cand")")"
      JAVA_BIN="$cand"
      export JAVA_HOME
      return 0
    fi
  done
  return 1
}

need_java() {
  find_java || die "no Java 17 or 21 found (Neo4j $NEO4J_VERSION needs one; set NEO4J_JAVA_HOME or JAVA_HOME, or apt-get install openjdk-17-jre-headless)"
}

# ---------------------------------------------------------------- install
lock() { # serialise start/stop/install between concurrent callers
  mkdir -p "$CACHE_ROOT"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_ROOT/.lock"
    flock -w 600 9 || die "could not take the lock $CACHE_ROOT/.lock"
  fi
}

install_tarball() { # $1 = staging home; returns non-zero if the artifact is not served
  local dl="$CACHE_ROOT/downloads" tgz
  tgz="$dl/neo4j-community-$NEO4J_VERSION-unix.tar.gz"
  mkdir -p "$dl"
  if [ ! -s "$tgz" ]; then
    say "trying org.neo4j.assembly:neo4j-community:$NEO4J_VERSION:tar.gz:unix ..."
    mvn -q -B -f "$LAUNCHER_POM" dependency:copy \
      "-Dartifact=org.neo4j.assembly:neo4j-community:$NEO4J_VERSION:tar.gz:unix" \
      "-DoutputDirectory=$dl" >>"$INSTALL_LOG" 2>&1 || return 1
  fi
  [ -s "$tgz" ] || return 1
  mkdir -p "$1"
  tar -xzf "$tgz" -C "$1" --strip-components=1 || return 1
  [ -d "$1/lib" ]
}

install_maven() { # $1 = staging home
  say "assembling Neo4j $NEO4J_VERSION from Maven Central (org.neo4j:neo4j + runtime deps, ~125 MB) ..."
  mvn -q -B -f "$LAUNCHER_POM" dependency:copy-dependencies \
    "-Dneo4j.version=$NEO4J_VERSION" -DincludeScope=runtime \
    "-DoutputDirectory=$1/lib" >>"$INSTALL_LOG" 2>&1 || return 1
  [ -f "$1/lib/neo4j-$NEO4J_VERSION.jar" ]
}

ensure_installed() {
  [ -f "$INSTALLED_MARK" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch Neo4j from Maven Central; apt-get install maven)"
  [ -f "$LAUNCHER_POM" ] || die "missing $LAUNCHER_POM"
  mkdir -p "$CACHE_ROOT"
  : >"$INSTALL_LOG"
  local stage="$CACHE_ROOT/.staging-$NEO4J_VERSION" route=""
  rm -rf "$stage"
  if [ "$ROUTE" = auto ] || [ "$ROUTE" = tarball ]; then
    if install_tarball "$stage"; then
      route=tarball
    else
      rm -rf "$stage"
      [ "$ROUTE" = tarball ] && die "artifact org.neo4j.assembly:neo4j-community:$NEO4J_VERSION:tar.gz:unix unavailable (see $INSTALL_LOG)"
      say "the tarball is not served; falling back to the Maven-assembled server"
    fi
  fi
  if [ -z "$route" ]; then
    [ "$ROUTE" = auto ] || [ "$ROUTE" = maven ] || die "SAMVERKAN_NEO4J_ROUTE must be auto, tarball or maven (got '$ROUTE')"
    if install_maven "$stage"; then
      route=maven
    else
      rm -rf "$stage"
      tail -n 15 "$INSTALL_LOG" >&2 || true
      die "could not fetch org.neo4j:neo4j:$NEO4J_VERSION and its dependencies from Maven Central (log: $INSTALL_LOG)"
    fi
  fi
  mkdir -p "$stage"/{conf,data,logs,run,import,plugins}
  # Keep a data dir from an earlier (interrupted) install of the same version.
  if [ -d "$N4J_HOME" ]; then
    [ -d "$N4J_HOME/data" ] && rm -rf "$stage/data" && mv "$N4J_HOME/data" "$stage/data"
    rm -rf "$N4J_HOME"
  fi
  echo "route=$route version=$NEO4J_VERSION installed=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$stage/.samverkan-installed"
  mv "$stage" "$N4J_HOME"
  say "installed Neo4j $NEO4J_VERSION ($route route) in $N4J_HOME"
}

# ---------------------------------------------------------------- config
write_config() {
  local http_enabled=false
  [ -n "$HTTP_PORT" ] && http_enabled=true
  # conf/neo4j.conf is regenerated on every start from the environment.
  cat >"$N4J_HOME/conf/neo4j.conf" <<EOF
# Generated by scripts/neo4j-server.sh on every start; edits are overwritten.
server.directories.data=data
server.directories.logs=logs
server.directories.run=run
server.directories.import=import
server.directories.plugins=plugins

# Listen on this machine only: Bolt, and HTTP unless NEO4J_HTTP_PORT=off. No HTTPS.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$BOLT_PORT
server.bolt.advertised_address=127.0.0.1:$BOLT_PORT
server.bolt.tls_level=DISABLED
server.http.enabled=$http_enabled
server.http.listen_address=127.0.0.1:${HTTP_PORT:-7474}
server.http.advertised_address=127.0.0.1:${HTTP_PORT:-7474}
server.https.enabled=false

dbms.security.auth_enabled=true
# Neo4j locks a user for 5 s after 3 failed logins (AuthenticationRateLimit, even for
# the right password afterwards); a test of wrong-password handling would then break
# the next test. 0 switches the lock off on this loopback-only test server.
dbms.security.auth_max_failed_attempts=0
# The network is closed: no usage data reporting.
dbms.usage_report.enabled=false

# Modest memory for a 2-core CI machine.
server.memory.heap.initial_size=$HEAP_INITIAL
server.memory.heap.max_size=$HEAP_MAX
server.memory.pagecache.size=$PAGECACHE

# Small transaction logs for a throw-away test database.
db.tx_log.rotation.size=32m
db.tx_log.rotation.retention_policy=2 files
db.tx_log.preallocate=false

# JVM flags of the official 5.26 neo4j.conf (minus AlwaysPreTouch, which would
# make the whole heap resident at once). Without the --add-opens the page cache
# and transaction logs run in a degraded fallback mode.
server.jvm.additional=-XX:+UseG1GC
server.jvm.additional=-XX:-OmitStackTraceInFastThrow
server.jvm.additional=-XX:+UnlockExperimentalVMOptions
server.jvm.additional=-XX:+TrustFinalNonStaticFields
server.jvm.additional=-XX:+DisableExplicitGC
server.jvm.additional=-XX:+ExitOnOutOfMemoryError
server.jvm.additional=-Djdk.nio.maxCachedBufferSize=1024
server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true
server.jvm.additional=-Djdk.tls.ephemeralDHKeySize=2048
server.jvm.additional=-Djdk.tls.rejectClientInitiatedRenegotiation=true
server.jvm.additional=-XX:FlightRecorderOptions=stackdepth=256
server.jvm.additional=-XX:+UnlockDiagnosticVMOptions
server.jvm.additional=-XX:+DebugNonSafepoints
server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
server.jvm.additional=--enable-native-access=ALL-UNNAMED
server.jvm.additional=-Dlog4j2.disable.jmx=true
server.jvm.additional=-Dlog4j.layout.jsonTemplate.maxStringLength=32768
EOF
}

# ---------------------------------------------------------------- bootloader
# Runs the real Neo4j bootloader (what the tarball's bin/neo4j and
# bin/neo4j-admin run) with a small heap of its own.
bootloader() { # $1 = Neo4jCommand | Neo4jAdminCommand, rest = arguments; BOOT_TIMEOUT=s limits it
  local main="org.neo4j.server.startup.$1"
  shift
  local -a pre=()
  # --foreground: on expiry kill only the bootloader, not its process group (which
  # the freshly started server shares).
  [ -n "${BOOT_TIMEOUT:-}" ] && pre=(timeout --foreground "$BOOT_TIMEOUT")
  ${pre[@]+"${pre[@]}"} env NEO4J_HOME="$N4J_HOME" NEO4J_CONF="$N4J_HOME/conf" JAVA_HOME="$JAVA_HOME" \
    "$JAVA_BIN" -Xms16m -Xmx128m -XX:+UseSerialGC -cp "$N4J_HOME/lib/*" \
    "-Dbasedir=$N4J_HOME" "$main" "$@" 9>&- # the server must not inherit the lock fd
}

server_pid() { # prints the pid if the server process is alive
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# ---------------------------------------------------------------- Bolt check
# probe: 0 = Bolt answers (and, with the neo4j driver, accepts the password
# and runs RETURN 1), 2 = Bolt answers but rejects the credentials,
# 1 = nothing usable answers. PROBE_MSG holds a one-line explanation.
PROBE_MSG=""
probe() {
  local out rc
  if command -v "$PYTHON" >/dev/null 2>&1; then
    set +e
    out="$(NEO4J_PROBE_PORT="$BOLT_PORT" NEO4J_PROBE_PASSWORD="$PASSWORD" "$PYTHON" - 2>&1 <<'PY'
import os, socket, sys
port = int(os.environ["NEO4J_PROBE_PORT"])
password = os.environ["NEO4J_PROBE_PASSWORD"]
try:
    import neo4j
    from neo4j import GraphDatabase
except Exception:
    neo4j = None
if neo4j is not None:
    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", password),
                                  connection_timeout=3, connection_acquisition_timeout=5) as d:
            # session.run, not execute_query: the latter retries for 30 s on
            # "connection refused", which would stall every poll.
            with d.session(database="neo4j") as s:
                assert s.run("RETURN 1 AS ok").single()["ok"] == 1
        print(f"Bolt answers RETURN 1 (neo4j driver {neo4j.__version__})")
        sys.exit(0)
    except neo4j.exceptions.AuthError as e:
        print(f"Bolt answers but rejects user neo4j with NEO4J_PASSWORD: {e.message}")
        sys.exit(2)
    except Exception as e:
        print(f"not answering yet ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})")
        sys.exit(1)
# No driver: a raw Bolt handshake (magic + proposals 5.0-5.8, 4.4, 3).
try:
    with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
        s.sendall(bytes.fromhex("6060b017" "00080805" "00000404" "00000003" "00000000"))
        s.settimeout(3)
        got = b""
        while len(got) < 4:
            chunk = s.recv(4 - len(got))
            if not chunk:
                break
            got += chunk
    if len(got) == 4 and got != b"\0\0\0\0":
        print(f"Bolt handshake answered (version bytes {got.hex()}; "
              "pip install neo4j for a full check)")
        sys.exit(0)
    print("port open but no Bolt handshake")
    sys.exit(1)
except OSError as e:
    print(f"not answering yet ({e.__class__.__name__})")
    sys.exit(1)
PY
)"
    rc=$?
    set -e
    PROBE_MSG="$(printf '%s' "$out" | tail -n 1)"
    return "$rc"
  fi
  # No python at all: the same handshake from bash.
  local reply
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x03\x00\x00\x00\x00" >&3
    head -c 4 <&3 | od -An -tx1 | tr -d " \n"' _ "$BOLT_PORT" 2>/dev/null)" || true
  if [ -n "$reply" ] && [ "$reply" != 00000000 ]; then
    PROBE_MSG="Bolt handshake answered (version bytes $reply)"
    return 0
  fi
  PROBE_MSG="not answering"
  return 1
}

port_in_use() { # $1 = port; true if something accepts TCP connections on it
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Byte offsets of the logs before a launch, so a failure shows only this launch's lines.
USER_LOG_OFF=0
DEBUG_LOG_OFF=0
mark_logs() {
  USER_LOG_OFF="$(stat -c %s "$USER_LOG" 2>/dev/null || echo 0)"
  DEBUG_LOG_OFF="$(stat -c %s "$DEBUG_LOG" 2>/dev/null || echo 0)"
}

show_logs() {
  say "log: $USER_LOG (details: $DEBUG_LOG)"
  if [ -f "$USER_LOG" ]; then
    tail -c "+$((USER_LOG_OFF + 1))" "$USER_LOG" | tail -n 20 | sed 's/^/    /' >&2
  fi
  if [ -f "$DEBUG_LOG" ]; then
    tail -c "+$((DEBUG_LOG_OFF + 1))" "$DEBUG_LOG" | grep -E ' (ERROR|WARN) ' |
      grep -v 'Unknown channel option' | tail -n 5 | cut -c1-400 | sed 's/^/    /' >&2 || true
  fi
}

# ---------------------------------------------------------------- commands
cmd_status() {
  local rc=0
  probe || rc=$?
  local pid=""
  [ -f "$PID_FILE" ] && pid="$(server_pid || true)"
  case "$rc" in
    0)
      if [ -n "$pid" ]; then
        say "running (pid $pid) on bolt://127.0.0.1:$BOLT_PORT: $PROBE_MSG"
      else
        say "something not started by this script answers on bolt://127.0.0.1:$BOLT_PORT: $PROBE_MSG"
      fi
      return 0 ;;
    2) say "$PROBE_MSG (bolt://127.0.0.1:$BOLT_PORT)"; return 1 ;;
    *)
      if [ -n "$pid" ]; then
        say "process $pid is up but Bolt on 127.0.0.1:$BOLT_PORT does not answer: $PROBE_MSG"
      else
        say "not running (bolt://127.0.0.1:$BOLT_PORT: $PROBE_MSG)"
      fi
      return 1 ;;
  esac
}

password_hash() { printf '%s' "$PASSWORD" | sha256sum | cut -d' ' -f1; }

cmd_start() {
  [ "${#PASSWORD}" -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)"
  need_java
  lock
  ensure_installed

  local rc=0
  probe || rc=$?
  if [ "$rc" = 0 ]; then
    say "already running and answering on bolt://127.0.0.1:$BOLT_PORT ($PROBE_MSG)"
    print_env
    return 0
  fi
  [ "$rc" = 2 ] && die "$PROBE_MSG; is another Neo4j on port $BOLT_PORT? (NEO4J_BOLT_PORT picks another port; 'reset' wipes this script's database)"

  local pid t0=$SECONDS
  local deadline=$((t0 + START_TIMEOUT))
  pid="$(server_pid || true)"
  if [ -z "$pid" ]; then
    port_in_use "$BOLT_PORT" && die "port 127.0.0.1:$BOLT_PORT is already in use by another program (set NEO4J_BOLT_PORT)"
    [ -n "$HTTP_PORT" ] && port_in_use "$HTTP_PORT" &&
      die "port 127.0.0.1:$HTTP_PORT is already in use by another program (set NEO4J_HTTP_PORT, or NEO4J_HTTP_PORT=off)"

    mkdir -p "$N4J_HOME"/{conf,data,logs,run,import,plugins}
    write_config

    if [ ! -d "$N4J_HOME/data/databases/system" ]; then
      # First start: the initial password has to be set before the system database exists.
      local out
      if ! out="$(bootloader Neo4jAdminCommand dbms set-initial-password "$PASSWORD" 2>&1)"; then
        printf '%s\n' "$out" | tail -n 5 >&2
        die "neo4j-admin dbms set-initial-password failed"
      fi
      password_hash >"$PW_MARK"
    elif [ -f "$PW_MARK" ] && [ "$(cat "$PW_MARK")" != "$(password_hash)" ]; then
      die "the database in $N4J_HOME/data was created with another NEO4J_PASSWORD; use that one, or run '$0 reset' to wipe the local test database"
    fi

    # Neo4j warns below 40000 open files; raise the soft limit when allowed.
    if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 40000 ]; then
      ulimit -n 40000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    fi

    say "starting Neo4j $NEO4J_VERSION (Java $(java_major "$JAVA_BIN"), $JAVA_HOME) on bolt://127.0.0.1:$BOLT_PORT${HTTP_PORT:+ and http://127.0.0.1:$HTTP_PORT} ..."
    local out
    mark_logs
    t0=$SECONDS
    deadline=$((t0 + START_TIMEOUT))
    local brc=0
    out="$(BOOT_TIMEOUT=$START_TIMEOUT bootloader Neo4jCommand start 2>&1)" || brc=$?
    if [ "$brc" = 124 ]; then
      show_logs
      die "the Neo4j bootloader did not return within ${START_TIMEOUT}s (NEO4J_START_TIMEOUT); '$0 status' / '$0 stop' for the server it may have left starting"
    elif [ "$brc" != 0 ]; then
      printf '%s\n' "$out" | grep -Ev '^(home|config|logs|plugins|import|data|certificates|licenses|run):|^Directories in use|open files allowed|^ *$' | tail -n 12 | cut -c1-300 >&2 || true
      show_logs
      die "the Neo4j bootloader could not start the server"
    fi
  else
    local running_on
    running_on="$(sed -n 's/^server\.bolt\.listen_address=//p' "$N4J_HOME/conf/neo4j.conf" 2>/dev/null || true)"
    if [ -n "$running_on" ] && [ "$running_on" != "127.0.0.1:$BOLT_PORT" ]; then
      die "this cache dir's server (pid $pid) already runs on $running_on, not 127.0.0.1:$BOLT_PORT; '$0 stop' it first (or use another SAMVERKAN_NEO4J_HOME)"
    fi
    say "server process $pid exists but Bolt does not answer yet; waiting for it"
  fi

  while :; do
    rc=0
    probe || rc=$?
    if [ "$rc" = 0 ]; then
      say "ready $((SECONDS - t0))s after launch: $PROBE_MSG (pid $(server_pid || echo '?'))"
      print_env
      return 0
    fi
    if [ "$rc" = 2 ]; then
      show_logs
      die "$PROBE_MSG"
    fi
    if ! server_pid >/dev/null; then
      show_logs
      die "the Neo4j process exited during start-up"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      show_logs
      die "Bolt did not answer on 127.0.0.1:$BOLT_PORT within ${START_TIMEOUT}s (last check: $PROBE_MSG); the server is left running, '$0 stop' stops it"
    fi
    sleep 1
  done
}

cmd_stop() {
  lock
  local pid
  pid="$(server_pid || true)"
  if [ -z "$pid" ]; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping Neo4j (pid $pid) ..."
  if [ -d "$N4J_HOME/lib" ] && find_java; then
    bootloader Neo4jCommand stop >/dev/null 2>&1 || true
  fi
  # Fallback (or if the bootloader gave up): TERM, then KILL.
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    if [ "$i" = 1 ]; then kill -TERM "$pid" 2>/dev/null || true; fi
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "did not stop within 60s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_reset() {
  cmd_stop
  rm -rf "$N4J_HOME/data" "$N4J_HOME/logs"
  say "deleted the local database and logs under $N4J_HOME"
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) print_env ;;
  install) need_java; lock; ensure_installed ;;
  reset) cmd_reset ;;
  -h | --help | help) usage ;;
  *) usage ;;
esac
