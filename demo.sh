#!/usr/bin/env bash
# Baton's launcher: builds what is missing, starts and stops the whole cluster on 127.0.0.1
# (Redis, the Artemis broker, the manager and the workers, each its own process), runs the tests,
# the benchmark and the failure demos.  ./demo.sh help  lists the commands.
#
# Every process it starts is recorded by PID under $BATON_RUN_DIR/pids and only those are ever
# signalled.  Settings (environment variables, all optional):
#   BATON_RUN_DIR        data, logs and PIDs (default: ./run)
#   BATON_WORKERS        number of workers (default 3)
#   BATON_WORKER_SLOTS   tasks each worker runs at once (default 4)
#   BATON_MANAGER_PORT   manager HTTP port (default 8080)
#   BATON_WORKER_PORT    first worker HTTP port (default 8081, then 8082, ...)
#   BATON_REDIS_PORT     Redis port (default 6379)
#   BATON_BROKER_PORT    Artemis port (default 61616)
#   BATON_HZ_PORT        first Hazelcast (Payara data grid) port (default 6900)
#   BATON_HEAP           heap of each Payara Micro JVM (default 512m)
#   BATON_JAVA_OPTS      extra JVM options for the manager and the workers (e.g. -Dbaton.worker.timeout-s=6)
#   BATON_WORKER_<N>_OPTS  extra JVM options for worker N only (e.g. -Dbaton.worker.types=noop,sleep)
#   BATON_NO_BUILD=1     never run Maven to build (the tests set it: they built everything already)
#   BATON_PROMETHEUS_PORT, BATON_SCRAPE_INTERVAL   monitoring's Prometheus (default 9090, 5s)
#   BATON_DAS_PORT       the Payara admin console's port for `admin` (default 4848)
#   BATON_EXPERIMENT_WORKERS   cluster sizes of `experiment scaling` (default "1 2 3 4 6")
#   BATON_LOG_FORMAT     text (default) or json: one JSON object per line from the broker, manager and workers
#   BATON_ATTEMPT_LOG=1  each worker writes a line as each attempt starts and ends (run/worker-N/attempts.jsonl): the
#                        nemesis' checker reads them (off by default: a write per attempt)
# A default port that is taken is replaced by the next free one; a port set explicitly must be free.
set -euo pipefail
# Everything this script and the servers it starts write (data, journals, logs, secrets, PIDs) is its user's alone:
# folders 0700, files 0600. Every process inherits the umask; a run folder from before it is made private below.
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${BATON_RUN_DIR:-$ROOT/run}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
# a run folder written before the umask above (or by hand) holds files others could read: no more
[[ -n $(find "$RUN" -maxdepth 0 -perm /077 2>/dev/null) ]] && chmod -R go-rwx "$RUN"
PIDS="$RUN/pids"
LOGS="$RUN/logs"
ENV_FILE="$RUN/cluster.env"
PAYARA_JAR="$ROOT/target/payara-micro.jar"
MANAGER_WAR="$ROOT/manager-war/target/baton-manager.war"
WORKER_WAR="$ROOT/worker-war/target/baton-worker.war"
START_TIMEOUT="${BATON_START_TIMEOUT:-240}"

say() { printf '%s\n' "$*"; }
die() { printf 'demo.sh: %s\n' "$*" >&2; exit 1; }
# shellcheck source=nemesis/net.sh
source "$ROOT/nemesis/net.sh"

# ---------------------------------------------------------------------------------------------
# Prerequisites

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  say "Installing $* from Debian's packages (apt-get) ..."
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_tools() {
  command -v java >/dev/null || die "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [[ ${v%%.*} -ge 17 ]] || die "Java 17 or newer is needed, found $v"
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

need_maven() { command -v mvn >/dev/null || die "Maven is needed (apt-get install maven)"; }

# The console's browser tests drive Debian's chromium through its chromedriver (Selenium downloads nothing).
need_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

# ComposeFileTest reads docker-compose.yml through Debian's compose, which needs no Docker engine for `config`.
need_compose_cli() {
  command -v docker-compose >/dev/null || apt_install docker-compose
}

artifacts_built() {
  [[ -f $PAYARA_JAR && -f $MANAGER_WAR && -f $WORKER_WAR && -d $ROOT/artemis/target/lib && -d $ROOT/demo/target/lib ]] &&
    compgen -G "$ROOT/artemis/target/artemis-*.jar" >/dev/null
}

sources_changed() {
  [[ -n $(find "$ROOT" -path "$RUN" -prune -o -path "$ROOT/.git" -prune -o -type f \
    \( -path '*/src/main/*' -o -name pom.xml -o -name broker.xml \) -newer "$MANAGER_WAR" -print -quit 2>/dev/null) ]]
}

build_if_needed() {
  [[ ${BATON_NO_BUILD:-0} == 1 ]] && { artifacts_built || die "not built; run: mvn package"; return 0; }
  if ! artifacts_built || sources_changed; then
    need_maven
    say "Building Baton (mvn -DskipTests package) ..."
    (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the build failed"
  fi
}

# ---------------------------------------------------------------------------------------------
# Processes: started detached, recorded by PID; a PID counts only while its command line names
# this run folder (so a recycled PID is never mistaken for ours).

pid_of() {
  local f="$PIDS/$1.pid" pid state
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ -r /proc/$pid/cmdline ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z ]] || return 1
  # Redis rewrites its command line, but works in its data folder: either names this run folder.
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$RUN" && [[ $(readlink "/proc/$pid/cwd") != "$RUN"/* ]]; then
    return 1
  fi
  printf '%s\n' "$pid"
}

running() { pid_of "$1" >/dev/null; }

is_paused() { local pid; pid=$(pid_of "$1") && [[ $(awk '{print $3}' "/proc/$pid/stat") == T ]]; }

launch() { # name, command...: detached in its own session, output appended to logs/<name>.log
  local name=$1; shift
  mkdir -p "$PIDS" "$LOGS"
  stat -c %s "$LOGS/$name.log" 2>/dev/null >"$PIDS/$name.logstart" || echo 0 >"$PIDS/$name.logstart" # where this run's lines begin
  local prefix
  mapfile -t prefix < <(in_host_cgroup "$name") # its own cgroup, so that network faults can cut it (nemesis/net.sh)
  setsid nohup "${prefix[@]}" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  local pid=$! i
  printf '%s\n' "$pid" >"$PIDS/$name.pid"
  # Until the forked shell has exec'd the command, its command line does not name the run folder and the
  # process would not count as ours: a check in that moment took a starting manager for a dead one.
  for ((i = 0; i < 100; i++)); do
    running "$name" && return 0
    [[ -d /proc/$pid && $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 0
    sleep 0.05
  done
}

wait_gone() { # pid, seconds
  local pid=$1 deadline=$((SECONDS + $2))
  while [[ -d /proc/$pid ]] && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

stop_one() { # name, grace seconds: SIGTERM, then SIGKILL after the grace
  local name=$1 grace=${2:-30} pid
  if pid=$(pid_of "$name"); then
    kill -CONT "$pid" 2>/dev/null || true # a paused process cannot act on SIGTERM
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$grace"; then
      say "  $name did not stop within ${grace}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || true
    fi
    say "  stopped $name"
  fi
  rm -f "$PIDS/$name.pid"
}

wait_for() { # description, seconds, command...
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# Ports: the defaults unless taken (then the next free one); explicit settings must be free.

CHOSEN=" "
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() { # variable, preferred port, explicitly set (1/0), name: sets the variable (no subshell,
  local _port=$2 # so CHOSEN remembers every port picked in this run)
  if [[ $3 == 1 ]]; then
    port_taken "$_port" && die "port $_port for $4 is taken (set by the environment)"
    [[ $CHOSEN == *" $_port "* ]] && die "port $_port for $4 is given twice"
  else
    while port_taken "$_port" || [[ $CHOSEN == *" $_port "* ]]; do _port=$((_port + 1)); done
  fi
  CHOSEN+="$_port "
  printf -v "$1" '%s' "$_port"
}

is_set() { [[ -n ${!1:-} ]] && echo 1 || echo 0; }

worker_names() { local i; for ((i = 1; i <= WORKERS; i++)); do printf 'worker-%s\n' "$i"; done; }

anything_running() {
  local n
  for n in redis broker manager $(worker_names); do running "$n" && return 0; done
  return 1
}

choose_ports() {
  WORKERS="${BATON_WORKERS:-3}"
  if [[ -f $ENV_FILE ]] && anything_running; then
    load_env # keep the ports of the processes still running
    return
  fi
  pick_port REDIS_PORT "${BATON_REDIS_PORT:-6379}" "$(is_set BATON_REDIS_PORT)" redis
  pick_port BROKER_PORT "${BATON_BROKER_PORT:-61616}" "$(is_set BATON_BROKER_PORT)" broker
  pick_port MANAGER_PORT "${BATON_MANAGER_PORT:-8080}" "$(is_set BATON_MANAGER_PORT)" manager
  local base=${BATON_WORKER_PORT:-8081} hz=${BATON_HZ_PORT:-6900} i p
  WORKER_PORTS=""
  for ((i = 0; i < WORKERS; i++)); do
    pick_port p $((base + i)) "$(is_set BATON_WORKER_PORT)" "worker-$((i + 1))"
    WORKER_PORTS+="$p "
  done
  HZ_PORTS=""
  for ((i = 0; i <= WORKERS; i++)); do
    pick_port p $((hz + i)) "$(is_set BATON_HZ_PORT)" "data grid"
    HZ_PORTS+="$p "
  done
  cat >"$ENV_FILE" <<EOF
WORKERS=$WORKERS
REDIS_PORT=$REDIS_PORT
BROKER_PORT=$BROKER_PORT
MANAGER_PORT=$MANAGER_PORT
WORKER_PORTS="${WORKER_PORTS% }"
HZ_PORTS="${HZ_PORTS% }"
EOF
}

load_env() {
  [[ -f $ENV_FILE ]] || die "Baton has not been started here (no $ENV_FILE); run ./demo.sh start"
  # shellcheck disable=SC1090
  source "$ENV_FILE"
  MANAGER_URL="http://127.0.0.1:$MANAGER_PORT"
  load_secrets
}

# The cluster's own credentials, made on first start and kept in the run folder (mode 0600): the passwords of
# Redis' default user (the manager's) and its user "worker" (the workers': Baton's scripts and reads, nothing like
# FLUSHALL, CONFIG, ACL, KEYS, SCRIPT), the broker's user "manager" and the secret from which each worker's own broker
# password is derived (worker_broker_password), the password of Baton's user "admin", the
# internal token with which workers call the manager's API (the network tasks' echo), and the name of Payara's data
# grid (128 random bits: Hazelcast lets in any member that knows the name). They reach the processes through the
# environment, never the command line (which every local user can read); curl reads the admin's from a config file
# (-K) for the same reason.
SECRETS_FILE="$RUN/secrets.env"
load_secrets() {
  local key
  mkdir -p "$RUN"
  for key in REDIS_PASSWORD REDIS_WORKER_PASSWORD BROKER_MANAGER_PASSWORD BROKER_WORKER_SECRET ADMIN_PASSWORD INTERNAL_TOKEN DATA_GRID_NAME; do
    # a run folder from before a secret existed gets the missing one
    grep -q "^$key=" "$SECRETS_FILE" 2>/dev/null || (umask 077 && printf '%s=%s\n' "$key" "$(new_secret "$key")" >>"$SECRETS_FILE")
  done
  # shellcheck disable=SC1090
  source "$SECRETS_FILE"
  (umask 077 && printf 'user = "admin:%s"\n' "$ADMIN_PASSWORD" >"$RUN/curl-admin.conf")
}
# A worker's own broker password: the HMAC of its id under BROKER_WORKER_SECRET (the broker checks it the same way), so
# a worker can log in as itself only. The secret goes in through the environment, never argv.
worker_broker_password() { # worker id
  BATON_BROKER_WORKER_SECRET=$BROKER_WORKER_SECRET java -cp "$(compgen -G "$ROOT/artemis/target/artemis-*.jar" | head -n 1):$ROOT/artemis/target/lib/*" \
    dev.baton.broker.BatonBroker worker-password "$1"
}
# The API as the admin (the cluster's own scripts: create-task, status).
api_curl() { curl -K "$RUN/curl-admin.conf" "$@"; }
# A secret of another run folder (the experiments' and the soak's own clusters).
secret_of() { awk -F= -v k="$2" '$1 == k {print substr($0, length(k) + 2)}' "$1/secrets.env"; }
new_secret() { # [kind]: 32 letters and digits; the data grid's name: baton- and 128 random bits in hex
  if [[ ${1:-} == DATA_GRID_NAME ]]; then printf 'baton-%s' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; return; fi
  head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32
}

worker_port() { local n=$1; set -- $WORKER_PORTS; eval "printf '%s\n' \"\${$n}\""; }
hz_port() { local n=$(($1 + 1)); set -- $HZ_PORTS; eval "printf '%s\n' \"\${$n}\""; }

# ---------------------------------------------------------------------------------------------
# The components

# Redis' default user needs the password (ACL file in the run folder, mode 0600). It keeps every permission:
# Redis 7.0 replays the AOF's transactions as the default user, so a restricted or disabled default user
# would drop them at every restart (FaultsIT found it: tasks gone after Redis was killed). The manager uses it. The
# workers use the user "worker": Baton's keys, its functions and scripts (FCALL, and EVAL/EVALSHA while the manager
# has not loaded the library yet; a function runs only what the user may) and plain reads and writes; nothing
# dangerous or administrative (FLUSHALL, CONFIG, ACL, KEYS, DEBUG, ...), no SCRIPT or FUNCTION (loading, replacing or
# flushing code), no keys outside baton:*.
REDIS_WORKER_ACL='~baton:* &baton:* +@all -@dangerous -@admin -@scripting +eval +evalsha +eval_ro +evalsha_ro +fcall +fcall_ro +client|setname'
start_redis() {
  running redis && return 0
  mkdir -p "$RUN/redis"
  (
    umask 077
    printf 'user default on >%s ~* &* +@all\nuser worker on >%s %s\n' "$REDIS_PASSWORD" "$REDIS_WORKER_PASSWORD" "$REDIS_WORKER_ACL" \
      >"$RUN/redis-acl.conf"
  )
  # the append-only file is rewritten when it has grown to three times its last rewrite, not twice: each rewrite forks
  # Redis and writes the whole data set (~1.5 s of CPU at 100,000 kept tasks); a restart replays at most ~2 s more (ADR 0059)
  launch redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --dir "$RUN/redis" --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 200 --save "" --daemonize no \
    --logfile "" --aclfile "$RUN/redis-acl.conf"
  wait_for "Redis" 20 redis_ready || die "Redis did not start; see $LOGS/redis.log"
}
redis_ready() { [[ $(REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

# BATON_LOG_FORMAT=json: the manager and the workers log through Payara's own JSONLogFormatter (Baton's task
# lines add task_id, worker_id, epoch and event as keys), the broker through its JsonLineFormatter with the
# same keys. Redis has no JSON log and keeps its text.
json_logs() {
  case ${BATON_LOG_FORMAT:-text} in
    text) return 1 ;;
    json) ;;
    *) die "BATON_LOG_FORMAT must be text or json, not '$BATON_LOG_FORMAT'" ;;
  esac
  mkdir -p "$RUN"
  [[ -f $RUN/logging-payara-json.properties ]] || cat >"$RUN/logging-payara-json.properties" <<'EOF'
handlers=java.util.logging.ConsoleHandler
java.util.logging.ConsoleHandler.formatter=fish.payara.enterprise.server.logging.JSONLogFormatter
java.util.logging.ConsoleHandler.level=FINE
.level=INFO
EOF
  [[ -f $RUN/logging-broker-json.properties ]] ||
    sed 's/^java.util.logging.SimpleFormatter.format=.*/java.util.logging.ConsoleHandler.formatter=dev.baton.broker.JsonLineFormatter/' \
      "$ROOT/artemis/src/main/resources/logging.properties" >"$RUN/logging-broker-json.properties"
}

start_broker() {
  running broker && return 0
  local jar logging=()
  jar=$(compgen -G "$ROOT/artemis/target/artemis-*.jar" | head -n 1)
  json_logs && logging=(-Djava.util.logging.config.file="$RUN/logging-broker-json.properties")
  BATON_BROKER_MANAGER_PASSWORD=$BROKER_MANAGER_PASSWORD BATON_BROKER_WORKER_SECRET=$BROKER_WORKER_SECRET \
    launch broker java -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError "${logging[@]}" -cp "$jar:$ROOT/artemis/target/lib/*" \
    dev.baton.broker.BatonBroker --data "$RUN/broker" --host 127.0.0.1 --port "$BROKER_PORT"
  wait_for "the broker" 60 broker_ready || die "the broker did not start; see $LOGS/broker.log"
}
broker_ready() { running broker && port_taken "$BROKER_PORT"; }

start_payara() { # name war http-port hz-port extra -D options...
  local name=$1 war=$2 port=$3 hz=$4 members="" p logging=()
  shift 4
  json_logs && logging=(--logproperties "$RUN/logging-payara-json.properties")
  running "$name" && return 0
  for p in $HZ_PORTS; do members+="127.0.0.1:$p,"; done
  # While the Payara DAS runs (./demo.sh admin), every instance also finds the DAS's data grid member, so
  # they form one Domain Data Grid.
  # shellcheck disable=SC1090
  if running das; then source "$DAS_ENV"; members+="127.0.0.1:$DAS_HZ_PORT,"; fi
  local mode="tcpip:${members%,}"
  # Payara's root folder is runtime state: a stale one would deploy the previous WAR a second time.
  rm -rf "$RUN/$name/root" "$RUN/$name/tmp"
  mkdir -p "$RUN/$name/tmp" "$LOGS"
  # Loopback only; every cookie SameSite=Lax (the session's: Payara takes no SameSite from the application). The data
  # grid's name is its only key (Hazelcast has no member login): it comes from the environment, never argv or a file.
  printf '%s\n' "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" \
    "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-enabled=true" \
    "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-value=Lax" \
    "set hazelcast-runtime-configuration.cluster-group-name=\${ENV=BATON_DATA_GRID_NAME}" \
    "set configs.config.server-config.admin-service.das-config.dynamic-reload-enabled=false" \
    >"$RUN/preboot.asadmin"
  # the manager: Redis' default user, the broker's manager; a worker: Redis' user worker, the broker under its own id
  local redis_user=default redis_password=$REDIS_PASSWORD broker_user=manager broker_password=$BROKER_MANAGER_PASSWORD
  if [[ $name != manager* ]]; then
    redis_user=worker redis_password=$REDIS_WORKER_PASSWORD broker_user=$name
    broker_password=$(worker_broker_password "$name") || die "could not derive the broker password of $name"
  fi
  # shellcheck disable=SC2086
  # Serial GC: on a small machine shared by five JVMs it costs the least CPU (measured, ADR 0012).
  BATON_REDIS_USER=$redis_user BATON_REDIS_PASSWORD=$redis_password BATON_BROKER_USER=$broker_user BATON_BROKER_PASSWORD=$broker_password \
    BATON_INTERNAL_TOKEN=$INTERNAL_TOKEN BATON_DATA_GRID_NAME=$DATA_GRID_NAME launch "$name" java -Xmx"${BATON_HEAP:-512m}" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
    -Dhazelcast.socket.bind.any=false -Djava.io.tmpdir="$RUN/$name/tmp" \
    -Dbaton.redis.url="redis://127.0.0.1:$REDIS_PORT" -Dbaton.broker.url="tcp://127.0.0.1:$BROKER_PORT" \
    -Dbaton.manager.url="http://127.0.0.1:$MANAGER_PORT" -Dbaton.public-url="http://127.0.0.1:$port" \
    "$@" ${BATON_JAVA_OPTS:-} \
    -jar "$PAYARA_JAR" --deploy "$war" --contextroot / --port "$port" \
    --prebootcommandfile "$RUN/preboot.asadmin" \
    --clustermode "$mode" --startport "$hz" --interfaces 127.0.0.1 \
    --name "$name" --rootdir "$RUN/$name/root" --disablephonehome "${logging[@]}"
}

# A second manager on the same cluster (as in production, where managers run side by side): on its own free
# HTTP and data-grid ports, remembered in manager-2.env. Timers, schedules and every state change are safe
# with two managers (each due timer is taken by one; every change is one fenced script).
cmd_start_manager_2() {
  load_env
  need_tools
  running manager || die "start the cluster first: ./demo.sh start"
  local env2="$RUN/manager-2.env" port hz
  if running manager-2; then
    say "manager-2 is already running"
    return 0
  fi
  CHOSEN=" $REDIS_PORT $BROKER_PORT $MANAGER_PORT $WORKER_PORTS $HZ_PORTS "
  port=$((MANAGER_PORT + 100)) hz=6990
  local try rc
  for try in 1 2 3; do # a port taken between the check and the bind: stop it, take the next ones
    pick_port port "$port" 0 manager-2
    pick_port hz "$hz" 0 "data grid of manager-2"
    printf 'MANAGER2_PORT=%s\nMANAGER2_HZ_PORT=%s\n' "$port" "$hz" >"$env2"
    BATON_ADMIN_PASSWORD=$ADMIN_PASSWORD start_payara manager-2 "$MANAGER_WAR" "$port" "$hz"
    rc=0
    await_payara manager-2 "$port" || rc=$?
    ((rc == 3)) || break
    say "  manager-2: port $port or $hz was taken meanwhile; trying the next ones"
    stop_one manager-2 10
    port=$((port + 1)) hz=$((hz + 1))
  done
  case $rc in
    0) say "  manager-2 ready on http://127.0.0.1:$port" ;;
    2) die "manager-2 exited while starting; see $LOGS/manager-2.log" ;;
    *) stop_one manager-2 10 && die "manager-2 did not start (ports taken or too slow); see $LOGS/manager-2.log" ;;
  esac
}

# The manager knows its launcher, so the console and the scenarios can start a crashed worker again.
start_manager() {
  BATON_ADMIN_PASSWORD=$ADMIN_PASSWORD start_payara manager "$MANAGER_WAR" "$MANAGER_PORT" "$(hz_port 0)" \
    -Dbaton.launcher="$ROOT/demo.sh" -Dbaton.launcher.run-dir="$RUN"
}

start_worker() { # n
  local n=$1 own="BATON_WORKER_${1}_OPTS"
  mkdir -p "$RUN/worker-$n" && echo "${BATON_WORKER_SLOTS:-4}" >"$RUN/worker-$n/slots" # what bench --slots compares
  # shellcheck disable=SC2086
  start_payara "worker-$n" "$WORKER_WAR" "$(worker_port "$n")" "$(hz_port "$n")" \
    -Dbaton.worker.id="worker-$n" -Dbaton.worker.slots="${BATON_WORKER_SLOTS:-4}" \
    -Dbaton.worker.scratch-dir="$RUN/worker-$n/scratch" ${BATON_ATTEMPT_LOG:+-Dbaton.worker.attempt-log="$RUN/worker-$n/attempts.jsonl"} \
    ${!own:-}
}

# A manager counts as up once started (Redis answers, its dispatcher runs): its readiness also needs a live
# worker, and the workers start after it. A worker counts once ready (heartbeat, broker, slots).
payara_ready() { # name port: our process, alive and answering on its port
  running "$1" || return 2
  local check=ready
  [[ $1 == manager* ]] && check=started
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/health/$check") == 200 ]] # a redirect is no answer
}

# A port checked free can be taken by an outgoing connection before Payara binds it; Payara Micro then logs the
# BindException but does not exit (its data grid keeps the JVM alive), so the log is what tells.
bind_failed() { # name: this run's log says a port was taken
  local from
  from=$(cat "$PIDS/$1.logstart" 2>/dev/null || echo 0)
  tail -c +"$((from + 1))" "$LOGS/$1.log" 2>/dev/null | grep -q 'Address already in use'
}

await_payara() { # name port: 0 ready, 2 exited, 3 a port was taken, 4 timed out
  local deadline=$((SECONDS + START_TIMEOUT)) rc
  while true; do
    rc=0
    payara_ready "$1" "$2" || rc=$?
    ((rc == 0)) && return 0
    ((rc == 2)) && return 2
    bind_failed "$1" && return 3
    ((SECONDS < deadline)) || return 4
    sleep 0.5
  done
}

wait_payara() { # name port
  local rc=0
  await_payara "$1" "$2" || rc=$?
  case $rc in
    0) say "  $1 ready on http://127.0.0.1:$2" ;;
    2) die "$1 exited while starting; see $LOGS/$1.log" ;;
    3) die "$1 could not bind its port (taken by another process); see $LOGS/$1.log" ;;
    *) die "$1 did not become ready within ${START_TIMEOUT}s; see $LOGS/$1.log" ;;
  esac
}

print_urls() {
  say ""
  say "Baton is running (run folder: $RUN)"
  say "  Console    $MANAGER_URL/console/   user admin, password: ./demo.sh password (in $SECRETS_FILE, mode 0600)"
  say "  API        $MANAGER_URL/api/tasks"
  say "  Status     $MANAGER_URL/api/system/status"
  say "  Events     $MANAGER_URL/api/system/events   live: $MANAGER_URL/api/system/events/stream"
  say "  Workers    $MANAGER_URL/api/workers"
  say "  API docs   $MANAGER_URL/openapi/ui/  (OpenAPI: $MANAGER_URL/openapi)"
  say "  Metrics    $MANAGER_URL/metrics  Health: $MANAGER_URL/health/ready  (./demo.sh monitoring: Prometheus)"
  local n
  for n in $(seq 1 "$WORKERS"); do say "  worker-$n   http://127.0.0.1:$(worker_port "$n")/api/worker"; done
  say "  Broker     tcp://127.0.0.1:$BROKER_PORT      Redis: redis://127.0.0.1:$REDIS_PORT"
  say "Open the console; try: ./demo.sh create-task 7    ./demo.sh demo-scenario    ./demo.sh logs manager"
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_start() {
  need_tools
  build_if_needed
  choose_ports
  load_env
  local all=(redis broker manager) n missing=0
  for n in $(worker_names); do all+=("$n"); done
  for n in "${all[@]}"; do running "$n" || missing=1; done
  if ((missing == 0)); then
    say "Baton is already running."
    print_urls
    return 0
  fi
  say "Starting Baton on 127.0.0.1 ..."
  start_redis && say "  redis ready on 127.0.0.1:$REDIS_PORT (AOF on, data in $RUN/redis)"
  start_broker && say "  broker ready on 127.0.0.1:$BROKER_PORT (journal in $RUN/broker)"
  start_manager
  for n in $(seq 1 "$WORKERS"); do start_worker "$n"; done
  wait_payara manager "$MANAGER_PORT"
  for n in $(seq 1 "$WORKERS"); do wait_payara "worker-$n" "$(worker_port "$n")"; done
  print_urls
}

cmd_stop() {
  [[ -f $ENV_FILE ]] || { say "Baton is not running here."; return 0; }
  load_env
  say "Stopping Baton ..."
  local n
  # Workers first: each hands its running tasks back (checkpoint, RECOVERING) while Redis is up.
  for n in $(worker_names); do stop_one "$n" 40 & done
  wait
  stop_one manager 30
  running manager-2 && stop_one manager-2 30
  running prometheus && stop_one prometheus 10
  running das && stop_one das 30
  stop_one broker 20
  stop_one redis 20
  if [[ $(id -u) -eq 0 ]] && command -v nft >/dev/null; then net_heal; fi # no cut outlives its cluster
  net_forget_cgroups
}

cmd_status() {
  load_env
  local n pid state port
  printf '%-10s %-8s %-8s %s\n' COMPONENT PID STATE ADDRESS
  for n in redis broker manager $(worker_names); do
    case $n in
      redis) port=$REDIS_PORT ;;
      broker) port=$BROKER_PORT ;;
      manager) port=$MANAGER_PORT ;;
      worker-*) port=$(worker_port "${n#worker-}") ;;
    esac
    if pid=$(pid_of "$n"); then
      state=running
      is_paused "$n" && state=paused
    else
      pid=- state=stopped
    fi
    printf '%-10s %-8s %-8s 127.0.0.1:%s\n' "$n" "$pid" "$state" "$port"
  done
  if running manager; then
    say ""
    api_curl -s "$MANAGER_URL/api/system/status" || true
    say ""
  fi
}

# Either format is read: JSON lines (BATON_LOG_FORMAT=json) are shown as one readable line each with their
# fields (LogView); --raw shows the files as they are.
cmd_logs() { # [name] [-f] [--raw]
  load_env
  local follow=0 raw=0 name="" n
  for a in "$@"; do
    case $a in
      -f) follow=1 ;;
      --raw) raw=1 ;;
      *) name=$a ;;
    esac
  done
  log_file() { echo "$LOGS/$1.log"; }
  readable() { # file: JSON lines through LogView, text as it is
    if ((raw)) || ! grep -q -m 1 '^{' "$1"; then cat; else demo_java dev.baton.demo.LogView; fi
  }
  if [[ -n $name ]]; then
    [[ -f $(log_file "$name") ]] || die "no log for '$name' (redis, broker, manager, worker-N)"
    if ((follow)); then
      tail -n 100 -F "$(log_file "$name")" | readable "$(log_file "$name")"
    else
      tail -n 200 "$(log_file "$name")" | readable "$(log_file "$name")"
    fi
  else
    for n in redis broker manager $(worker_names); do
      [[ -f $(log_file "$n") ]] || continue
      say "==> $n <=="
      tail -n 20 "$(log_file "$n")" | readable "$(log_file "$n")"
    done
  fi
}

cmd_clean() {
  cmd_stop
  [[ -d $RUN ]] && rm -rf "$RUN"
  say "Deleted all data: $RUN"
}

cmd_create_task() { # [priority]
  load_env
  local prio=${1:-5}
  [[ $prio =~ ^[0-9]$ ]] || die "priority must be 0..9"
  api_curl -sS -X POST -H 'Content-Type: application/json' "$MANAGER_URL/api/tasks" -d @- <<EOF
{
  "type": "computation",
  "priority": $prio,
  "data": {"operation": "complex-calculation", "input": [1, 2, 3, 4, 5], "iterations": 100, "pace_ms": 50}
}
EOF
  say ""
}

worker_arg() { [[ ${1:-} =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= WORKERS)) || die "which worker? 1..$WORKERS"; }

cmd_fail_worker() { # n: the process dies at once (SIGKILL), as in a crash
  load_env; worker_arg "${1:-}"
  local pid
  pid=$(pid_of "worker-$1") || die "worker-$1 is not running"
  kill -KILL "$pid"
  wait_gone "$pid" 10 || true
  rm -f "$PIDS/worker-$1.pid"
  say "worker-$1 killed (SIGKILL, pid $pid)"
}

cmd_kill() { # name: SIGKILL one component (redis, broker, manager, worker-N); ./demo.sh start restarts it
  load_env
  local name=${1:-} pid
  [[ $name =~ ^(redis|broker|manager|manager-2|worker-[0-9]+)$ ]] || die "kill what? redis, broker, manager, manager-2 or worker-N"
  pid=$(pid_of "$name") || die "$name is not running"
  kill -KILL "$pid"
  wait_gone "$pid" 10 || true
  rm -f "$PIDS/$name.pid"
  if [[ $name == manager-2 ]]; then
    say "$name killed (SIGKILL, pid $pid); ./demo.sh start-manager-2 brings it back"
  else
    say "$name killed (SIGKILL, pid $pid); ./demo.sh start brings it back"
  fi
}

cmd_recover_worker() { # n
  load_env; worker_arg "${1:-}"
  need_tools
  running "worker-$1" && { say "worker-$1 is already running"; return 0; }
  # as many slots as it had, unless told otherwise
  BATON_WORKER_SLOTS=${BATON_WORKER_SLOTS:-$(cat "$RUN/worker-$1/slots" 2>/dev/null)} start_worker "$1"
  wait_payara "worker-$1" "$(worker_port "$1")"
}

cmd_revive() { # name: start one stopped component again and wait until it is ready (start: all that are missing)
  load_env; need_tools
  local name=${1:-}
  running "$name" && { say "$name is already running"; return 0; }
  case $name in
    redis) start_redis && say "redis ready on 127.0.0.1:$REDIS_PORT" ;;
    broker) start_broker && say "broker ready on 127.0.0.1:$BROKER_PORT" ;;
    manager) start_manager && wait_payara manager "$MANAGER_PORT" ;;
    worker-[0-9]*) cmd_recover_worker "${name#worker-}" ;;
    *) die "revive what? redis, broker, manager or worker-N" ;;
  esac
}

cmd_partition_worker() { # n: cut off from every other process by the network; it keeps running
  worker_arg "${1:-}"
  cmd_partition "worker-$1"
}

cmd_heal_worker() { # n: its links back, and awake if it was paused
  load_env; worker_arg "${1:-}"
  is_paused "worker-$1" && cmd_resume_worker "$1"
  cmd_heal "worker-$1"
}

cmd_pause_worker() { # n: frozen (SIGSTOP): no heartbeats, its sockets stay open - a hang, not a partition
  load_env; worker_arg "${1:-}"
  local pid
  pid=$(pid_of "worker-$1") || die "worker-$1 is not running"
  kill -STOP "$pid"
  say "worker-$1 paused (SIGSTOP, pid $pid)"
}

cmd_resume_worker() { # n
  load_env; worker_arg "${1:-}"
  local pid
  pid=$(pid_of "worker-$1") || die "worker-$1 is not running"
  kill -CONT "$pid"
  say "worker-$1 resumed (SIGCONT, pid $pid)"
}

cmd_nemesis() { # [--seed N] [--minutes M] [--faults kill,pause,...] | --check DIR: nemesis/net.sh, nemesis/src
  need_tools
  if [[ ! -d $ROOT/nemesis/target/lib ]]; then
    need_maven
    (cd "$ROOT" && mvn -B -q -pl nemesis package -DskipTests) || die "could not build the nemesis"
  fi
  if [[ ${1:-} == --check ]]; then # judge a finished run again, from its files
    [[ -f ${2:-}/history.jsonl ]] || die "nemesis --check DIR: DIR (e.g. run/nemesis/7) holds no history.jsonl"
    java -Djava.awt.headless=true -cp "$ROOT/nemesis/target/classes:$ROOT/nemesis/target/lib/*" dev.baton.nemesis.Judge "$2"
    return
  fi
  load_env; need_net_faults
  running manager || die "start the cluster first: ./demo.sh start"
  host_cgroup_rule_path manager >/dev/null
  local args=()
  while (($#)); do
    case $1 in
      --seed | --minutes | --faults) (($# >= 2)) || die "nemesis: $1 needs a value"; args+=("$1" "$2"); shift 2 ;;
      *) die "nemesis: unknown option $1 (--seed N, --minutes M, --faults kill,pause,...)" ;;
    esac
  done
  BATON_ADMIN_PASSWORD=$ADMIN_PASSWORD java -Djava.awt.headless=true -cp "$ROOT/nemesis/target/classes:$ROOT/nemesis/target/lib/*" \
    dev.baton.nemesis.NemesisRun --url "$MANAGER_URL" --checkout "$ROOT" --run-dir "$RUN" --workers "$WORKERS" "${args[@]}"
}

cmd_test() {
  need_tools
  need_maven
  need_browser
  need_compose_cli
  say "Running the whole test suite (mvn verify): unit tests, Arquillian tests on Payara Micro, the cluster, fault and browser tests ..."
  (cd "$ROOT" && mvn -B verify "$@")
}

cmd_bench() { # [N] [--workload w1|w2|w3|idle] [--slots N]
  load_env
  running manager || die "Baton is not running; ./demo.sh start first"
  local n="" workload=w1 slots="" w
  while (($#)); do
    case $1 in
      --workload) workload=${2:-}; shift 2 || die "--workload needs w1, w2, w3 or idle" ;;
      --slots) slots=${2:-}; shift 2 || die "--slots needs a number" ;;
      *) n=$1; shift ;;
    esac
  done
  [[ -z $n || $n =~ ^[0-9]+$ ]] || die "bench N: N must be a number"
  [[ $workload =~ ^(w[123]|idle)$ ]] || die "--workload: w1, w2, w3 or idle"
  if [[ -n $slots ]]; then
    [[ $slots =~ ^[1-9][0-9]*$ ]] || die "--slots: a number of slots per worker"
    for w in $(worker_names); do # restart the workers that run with another number of slots
      [[ $(cat "$RUN/$w/slots" 2>/dev/null) == "$slots" ]] && running "$w" && continue
      say "  restarting $w with $slots slots"
      running "$w" && stop_one "$w" 40
      BATON_WORKER_SLOTS=$slots start_worker "${w#worker-}"
      wait_payara "$w" "$(worker_port "${w#worker-}")"
    done
  fi
  demo_java dev.baton.demo.Bench --url "$MANAGER_URL" --workload "$workload" ${n:+--tasks "$n"} --pids "$RUN/pids"
  if [[ $workload == w3 ]]; then # the bench killed a worker: bring it back
    for w in $(worker_names); do running "$w" || cmd_recover_worker "${w#worker-}"; done
  fi
}

# ---------------------------------------------------------------------------------------------
# Monitoring: Prometheus (Debian's package) on 127.0.0.1, scraping the running cluster with the rules of
# monitoring/alerts.yml. Grafana is not packaged for Debian: docker-compose.yml runs it with the dashboard.

# Debian's prometheus, unpacked under target/ with apt-get download: no service is started, nothing listens
# on other interfaces, no root needed (once the package lists exist).
need_prometheus() {
  if command -v prometheus >/dev/null; then PROMETHEUS=$(command -v prometheus); return 0; fi
  PROMETHEUS="$ROOT/target/prometheus/usr/bin/prometheus"
  [[ -x $PROMETHEUS ]] && return 0
  say "Fetching Debian's prometheus package (unpacked under target/prometheus) ..."
  local tmp
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1); then
    sudo_if_needed apt-get update -qq
    (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1) || die "could not download Debian's prometheus package"
  fi
  mkdir -p "$ROOT/target/prometheus"
  dpkg-deb -x "$tmp"/prometheus_*.deb "$ROOT/target/prometheus"
  rm -rf "$tmp"
}

prometheus_ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/-/ready"; }

cmd_monitoring() { # [stop]
  load_env
  local dir="$RUN/monitoring" port managers workers="" n
  if [[ ${1:-} == stop ]]; then stop_one prometheus 10; return 0; fi
  running manager || die "Baton is not running; ./demo.sh start first"
  if running prometheus; then
    say "Prometheus is already running: http://127.0.0.1:$(<"$dir/port")"
    return 0
  fi
  need_prometheus
  CHOSEN=" $REDIS_PORT $BROKER_PORT $MANAGER_PORT $WORKER_PORTS $HZ_PORTS "
  pick_port port "${BATON_PROMETHEUS_PORT:-9090}" "$(is_set BATON_PROMETHEUS_PORT)" prometheus
  managers="'127.0.0.1:$MANAGER_PORT'"
  if [[ -f $RUN/manager-2.env ]]; then managers+=", '127.0.0.1:$(awk -F= '/^MANAGER2_PORT=/ {print $2}' "$RUN/manager-2.env")'"; fi
  for n in $(seq 1 "$WORKERS"); do workers+="'127.0.0.1:$(worker_port "$n")', "; done
  mkdir -p "$dir"
  cat >"$dir/prometheus.yml" <<EOF
# Written by ./demo.sh monitoring for the cluster in $RUN (compare monitoring/prometheus.yml).
global:
  scrape_interval: ${BATON_SCRAPE_INTERVAL:-5s}
  evaluation_interval: ${BATON_SCRAPE_INTERVAL:-5s}
rule_files:
  - $ROOT/monitoring/alerts.yml
scrape_configs:
  - job_name: baton-manager
    static_configs:
      - targets: [$managers]
  - job_name: baton-worker
    static_configs:
      - targets: [${workers%, }]
EOF
  launch prometheus "$PROMETHEUS" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=7d
  wait_for "Prometheus" 30 prometheus_ready "$port" || die "Prometheus did not start; see $LOGS/prometheus.log"
  printf '%s\n' "$port" >"$dir/port"
  say "Prometheus ready on http://127.0.0.1:$port (scraping the manager and $WORKERS workers)"
  say "  Alerts  http://127.0.0.1:$port/alerts     Targets: http://127.0.0.1:$port/targets"
  say "  Grafana with Baton's dashboard: docker compose up (monitoring/); ./demo.sh monitoring stop stops Prometheus"
}


# ---------------------------------------------------------------------------------------------
# The Payara admin console: a Payara Server DAS (the full distribution, fish.payara.distributions:payara,
# from Maven Central) in $RUN/das, every listener on 127.0.0.1, a generated admin password, secure admin,
# phone-home off. While it runs, the manager and the workers join its Domain Data Grid, so its console lists
# them (Domain > Data Grid) and can send them asadmin commands. No instance restarts for it: the DAS joins
# their data grid, and instances started while it runs list it among their members.

DAS_DIR="$RUN/das"
DAS_ENV="$DAS_DIR/das.env"
PAYARA_VERSION=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)

# The zip is fetched, not built: also with BATON_NO_BUILD (Maven only downloads it, once).
need_payara_server() {
  PAYARA_ZIP="$ROOT/target/payara-$PAYARA_VERSION.zip"
  [[ -f $PAYARA_ZIP ]] && return 0
  need_maven
  say "Fetching Payara Server $PAYARA_VERSION from Maven Central (about 170 MB, once) ..."
  (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" \
    -DoutputDirectory="$ROOT/target") || die "could not fetch fish.payara.distributions:payara:$PAYARA_VERSION"
}

asadmin() { "$DAS_DIR/payara6/bin/asadmin" --user admin --passwordfile "$DAS_DIR/asadmin.pw" --port "$DAS_ADMIN_PORT" "$@"; }

# A port base B for Payara's create-domain (admin B+48, its data grid B+49, http B+80, ...): 4800 unless
# one of its ports is taken (then the next hundred); BATON_DAS_PORT picks the admin port.
das_port_base() {
  local base=$((${BATON_DAS_PORT:-4848} - 48)) off ok
  while true; do
    ok=1
    for off in 48 49 59 80 81 76 37 38 39 86 66 9; do
      if port_taken $((base + off)) || [[ $CHOSEN == *" $((base + off)) "* ]]; then ok=0; break; fi
    done
    ((ok)) && break
    [[ -n ${BATON_DAS_PORT:-} ]] && die "port $BATON_DAS_PORT (or one of its neighbours +1..+38) for the DAS is taken"
    base=$((base + 100))
  done
  printf '%s\n' "$base"
}

# Creates the domain once: password, ports, and domain.xml edited before its first start so that nothing
# ever listens beyond 127.0.0.1 (HTTP listeners off: the DAS serves only its console; JMS off).
create_das() {
  local base password
  rm -rf "$DAS_DIR"
  mkdir -p "$DAS_DIR"
  chmod 700 "$DAS_DIR"
  unzip -q "$PAYARA_ZIP" -d "$DAS_DIR" || die "could not unpack $PAYARA_ZIP"
  base=$(das_port_base)
  # Its data grid finds the instances by TCP on 127.0.0.1 (tcpip mode: Payara's domain mode resolves a DAS on
  # loopback to the host's network address, where nothing listens here; and all members need one mode).
  local members="127.0.0.1:$((base + 49))" p
  for p in $HZ_PORTS; do members+=",127.0.0.1:$p"; done
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
  (umask 077 && printf '%s\n' "$password" >"$DAS_DIR/admin-password" &&
    printf 'AS_ADMIN_PASSWORD=%s\n' "$password" >"$DAS_DIR/asadmin.pw")
  printf 'DAS_ADMIN_PORT=%s\nDAS_HZ_PORT=%s\n' $((base + 48)) $((base + 49)) >"$DAS_ENV"
  "$DAS_DIR/payara6/bin/asadmin" --user admin --passwordfile "$DAS_DIR/asadmin.pw" create-domain --portbase "$base" \
    --domaindir "$DAS_DIR/domains" baton >>"$LOGS/das.log" 2>&1 || die "create-domain failed; see $LOGS/das.log"
  sed -i \
    -e 's/address="0\.0\.0\.0"/address="127.0.0.1"/g' \
    -e 's/<network-listener port=\("[0-9]*"\)/<network-listener address="127.0.0.1" port=\1/' \
    -e 's/\(<network-listener address="127.0.0.1" port="[0-9]*" protocol="http-listener-[12]"\)/\1 enabled="false"/' \
    -e "s/<hazelcast-runtime-configuration /<hazelcast-runtime-configuration interface=\"127.0.0.1\" das-bind-address=\"127.0.0.1\" das-public-address=\"127.0.0.1\" cluster-group-name=\"\${ENV=BATON_DATA_GRID_NAME}\" discovery-mode=\"tcpip\" tcpip-members=\"$members\" /" \
    -e 's|<config name="server-config">|&\n      <jms-service type="DISABLED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}"></jms-host></jms-service>|' \
    -e '/<java-config classpath-suffix="" system-classpath=""/a\                <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>' \
    "$DAS_DIR/domains/baton/config/domain.xml"
}

# asadmin start-domain forks the server and returns once it is up; its PID is recorded like any other.
start_das() {
  BATON_DATA_GRID_NAME=$DATA_GRID_NAME "$DAS_DIR/payara6/bin/asadmin" --user admin --passwordfile "$DAS_DIR/asadmin.pw" start-domain \
    --domaindir "$DAS_DIR/domains" baton >>"$LOGS/das.log" 2>&1 || die "the DAS did not start; see $LOGS/das.log"
  cp "$DAS_DIR/domains/baton/config/pid" "$PIDS/das.pid"
}

das_sees_cluster() { # every worker and the manager listed by the DAS
  local out n
  out=$(asadmin list-hazelcast-cluster-members --type micro 2>/dev/null) || return 1
  for n in manager $(worker_names); do grep -q "^$n " <<<"$out" || return 1; done
}

cmd_admin() { # [stop]
  load_env
  mkdir -p "$PIDS" "$LOGS"
  if [[ ${1:-} == stop ]]; then
    running das || { say "The DAS is not running."; return 0; }
    stop_one das 30 # the instances stay one data grid without it
    return 0
  fi
  running manager || die "Baton is not running; ./demo.sh start first"
  # shellcheck disable=SC1090
  if running das; then source "$DAS_ENV"; say "The admin console runs: https://127.0.0.1:$DAS_ADMIN_PORT"; return 0; fi
  local first=0
  if [[ ! -f $DAS_DIR/domains/baton/config/domain.xml ]]; then
    need_payara_server
    CHOSEN=" $REDIS_PORT $BROKER_PORT $MANAGER_PORT $WORKER_PORTS $HZ_PORTS "
    say "Creating the Payara Server domain (DAS) in $DAS_DIR ..."
    create_das
    first=1
  fi
  # shellcheck disable=SC1090
  source "$DAS_ENV"
  say "Starting the DAS (admin console on 127.0.0.1:$DAS_ADMIN_PORT) ..."
  start_das
  if ((first)); then
    # Payara's advice for a domain with a password: secure admin (HTTPS for the console and for asadmin).
    asadmin disable-phone-home >>"$LOGS/das.log" 2>&1 || die "disable-phone-home failed; see $LOGS/das.log"
    asadmin enable-secure-admin >>"$LOGS/das.log" 2>&1 || die "enable-secure-admin failed; see $LOGS/das.log"
    BATON_DATA_GRID_NAME=$DATA_GRID_NAME asadmin restart-domain --domaindir "$DAS_DIR/domains" baton >>"$LOGS/das.log" 2>&1 || die "restart failed; see $LOGS/das.log"
    cp "$DAS_DIR/domains/baton/config/pid" "$PIDS/das.pid"
  fi
  # The DAS joins the instances' data grid (its member list names their ports); instances started later list it.
  say "Waiting for the manager and the workers in the DAS's data grid ..."
  wait_for "the data grid" 60 das_sees_cluster || die "the DAS did not see the instances within 60 s; see $LOGS/das.log"
  say ""
  say "Payara admin console: https://127.0.0.1:$DAS_ADMIN_PORT  (user admin; a self-signed certificate)"
  if ((first)); then
    say "  password: $(<"$DAS_DIR/admin-password")   (shown once; kept in $DAS_DIR/admin-password, mode 0600)"
  else
    say "  password: in $DAS_DIR/admin-password (mode 0600)"
  fi
  say "  Domain > Data Grid lists the manager and the workers; ./demo.sh admin stop stops the DAS"
}


# ---------------------------------------------------------------------------------------------
# Seed 003's experiments: each writes a CSV and a plot (PNG and SVG) into $RUN/experiments and prints a table.

# The Java tools act as the admin of the cluster whose ADMIN_PASSWORD is set (the environment, never argv).
demo_java() {
  BATON_USER=admin BATON_PASSWORD=${ADMIN_PASSWORD:-} java -Djava.awt.headless=true -cp "$ROOT/demo/target/classes:$ROOT/demo/target/lib/*" "$@"
}

cmd_experiment() { # scaling [TASKS] [SLOTS] [TASK_MS] | recovery [KILLS]
  local dir="$RUN/experiments"
  mkdir -p "$dir"
  case ${1:-} in
    scaling)
      [[ ${2:-5000} =~ ^[0-9]+$ && ${3:-4} =~ ^[0-9]+$ && ${4:-0} =~ ^[0-9]+$ ]] ||
        die "experiment scaling [TASKS] [SLOTS] [TASK_MS]: numbers"
      experiment_scaling "${2:-5000}" "${3:-${BATON_WORKER_SLOTS:-4}}" "${4:-0}" "$dir"
      ;;
    recovery)
      [[ ${2:-5} =~ ^[0-9]+$ ]] || die "experiment recovery [KILLS]: a number"
      load_env
      running manager || die "Baton is not running; ./demo.sh start first"
      say "recovery: ${2:-5} times, a worker running tasks is killed (SIGKILL) under load, then started again ..."
      demo_java dev.baton.demo.Experiment recovery --url "$MANAGER_URL" --launcher "$ROOT/demo.sh" --kills "${2:-5}" --out "$dir"
      ;;
    *) die "experiment what? scaling [TASKS] [SLOTS] [TASK_MS] or recovery [KILLS]" ;;
  esac
}

# The bench on clusters of 1, 2, 3, 4 and 6 workers (BATON_EXPERIMENT_WORKERS), each a cluster of its own,
# started, warmed up (a fifth of the tasks) and stopped in turn. No-op tasks measure the core path (REST,
# Redis, broker: on one machine its cores are the limit); TASK_MS > 0 gives each task that much work that
# holds a slot without using a core, so the workers' slots are the limit.
experiment_scaling() { # tasks slots task-ms dir
  local n=$1 slots=$2 ms=$3 dir=$4 w sub port name=scaling what="no-op tasks"
  ((ms > 0)) && name="scaling-sleep-${ms}ms" what="sleep tasks of $ms ms"
  local csv="$dir/$name.csv"
  running manager 2>/dev/null && say "note: the cluster in $RUN runs too and shares the cores (./demo.sh stop first for clean figures)"
  printf 'workers,slots,tasks,tasks_per_s,start_p50_ms,start_p95_ms,finish_p50_ms,finish_p95_ms\n' >"$csv"
  for w in ${BATON_EXPERIMENT_WORKERS:-1 2 3 4 6}; do
    sub="$dir/scaling-$w"
    rm -rf "$sub"
    mkdir -p "$sub"
    say "scaling: $w worker(s) x $slots slots, $n $what ..."
    # shellcheck disable=SC2064
    trap "BATON_RUN_DIR='$sub' '$ROOT/demo.sh' stop >/dev/null 2>&1 || true" EXIT
    BATON_RUN_DIR="$sub" BATON_WORKERS="$w" BATON_WORKER_SLOTS="$slots" "$ROOT/demo.sh" start >"$sub/start.log" 2>&1 ||
      { cat "$sub/start.log"; die "the cluster of $w worker(s) did not start"; }
    port=$(awk -F= '/^MANAGER_PORT=/ {print $2}' "$sub/cluster.env")
    local ADMIN_PASSWORD
    ADMIN_PASSWORD=$(secret_of "$sub" ADMIN_PASSWORD)
    demo_java dev.baton.demo.Bench --url "http://127.0.0.1:$port" --tasks $((n / 5 + 1)) --task-ms "$ms" >/dev/null 2>&1 ||
      die "the warm-up failed"
    demo_java dev.baton.demo.Bench --url "http://127.0.0.1:$port" --tasks "$n" --task-ms "$ms" --csv "$csv" 2>/dev/null ||
      die "the bench failed"
    BATON_RUN_DIR="$sub" "$ROOT/demo.sh" stop >/dev/null 2>&1
    trap - EXIT
  done
  demo_java dev.baton.demo.Experiment plot-scaling "$csv" "$dir" "$what"
}


# The soak: a cluster of its own (in $RUN/soak, on free ports) with retention keeping at most KEEP finished
# tasks; N no-op tasks go through it in rounds while Redis' memory is printed; the cluster is stopped after.
cmd_soak() { # [N] [KEEP]
  local n=${1:-300000} keep=${2:-10000} dir="$RUN/soak"
  [[ $n =~ ^[0-9]+$ && $keep =~ ^[0-9]+$ ]] || die "soak N KEEP: both must be numbers"
  running manager && say "note: the cluster in $RUN runs too; both share the 2 cores (./demo.sh stop first for clean figures)"
  say "soak: starting a cluster of its own in $dir (baton.retention.max-finished=$keep) ..."
  rm -rf "$dir"
  # shellcheck disable=SC2064
  trap "BATON_RUN_DIR='$dir' '$ROOT/demo.sh' stop >/dev/null 2>&1 || true" EXIT
  BATON_RUN_DIR="$dir" BATON_JAVA_OPTS="${BATON_JAVA_OPTS:-} -Dbaton.retention.max-finished=$keep" \
    "$ROOT/demo.sh" start >"$dir.start.log" 2>&1 || { cat "$dir.start.log"; die "the soak cluster did not start"; }
  local manager_port redis_port
  manager_port=$(awk -F= '/^MANAGER_PORT=/ {print $2}' "$dir/cluster.env")
  redis_port=$(awk -F= '/^REDIS_PORT=/ {print $2}' "$dir/cluster.env")
  local redis_password ADMIN_PASSWORD
  redis_password=$(secret_of "$dir" REDIS_PASSWORD)
  ADMIN_PASSWORD=$(secret_of "$dir" ADMIN_PASSWORD)
  BATON_REDIS_USER=default BATON_REDIS_PASSWORD=$redis_password demo_java dev.baton.demo.Soak \
    --url "http://127.0.0.1:$manager_port" --redis-port "$redis_port" --tasks "$n" --max-finished "$keep"
  say "soak: stopping its cluster"
}

cmd_scenario() { # name: runs on the manager's scenario engine (the console's too); this prints its narration
  load_env
  running manager || die "Baton is not running; ./demo.sh start first"
  demo_java dev.baton.demo.Scenarios "$1" --url "$MANAGER_URL"
}

usage() {
  cat <<'EOF'
Usage: ./demo.sh COMMAND

  start                 build if needed, start Redis, the broker, the manager and the workers
  stop | restart        stop everything (data is kept) | stop and start
  status                processes, ports and the system status
  logs [NAME] [-f] [--raw]  logs of all, or of redis|broker|manager|worker-N (-f follows; JSON lines shown readable)
  clean                 stop and delete all data
  password              the password of the user admin (console and API; generated at first start)
  create-task [PRIO]    create the seed's computation task (priority 0-9, default 5)
  fail-worker N         kill worker N with SIGKILL (a crash)
  recover-worker N      start worker N again
  partition-worker N    cut worker N off the network (nftables): it keeps running, nothing reaches it
  pause-worker N        freeze worker N with SIGSTOP (a hang: no heartbeats, sockets open)
  resume-worker N       resume a paused worker N with SIGCONT
  partition HOST [HOST2] [--one-way]  cut HOST (redis, broker, manager, manager-2, worker-N) off every other
                        process, or only the link to HOST2 (--one-way: only what HOST sends to HOST2 is lost)
  heal [HOST]           restore every link cut (or HOST's)
  nemesis [--seed N] [--minutes M] [--faults K,...]  a seeded random fault schedule (kill, pause, partition, one-way,
                        split, partition-redis, partition-broker, kill-redis, kill-broker, kill-manager; default: all)
                        under a mixed workload for M minutes (default 3), then a checker over the history and the
                        tasks: verdicts and the history in run/nemesis/<seed>/; exit code 0 if every property held
  nemesis --check DIR   judge a finished run again from its files (verdicts, availability, picture)
  kill NAME             SIGKILL redis, broker, manager, manager-2 or worker-N (start brings it back)
  revive NAME           start redis, broker, manager or worker-N again (only that one) and wait until it is ready
  start-manager-2       a second manager on the same cluster (free ports; stop stops it too)
  heal-worker N         restore worker N's links (and resume it if paused)
  demo-scenario         five tasks; worker 1 fails; its tasks recover elsewhere; worker 1 returns
  demo-load-balancing   ten tasks; worker 2 is overloaded; the balancer moves its tasks away
  demo-cascade          worker 1 fails, then worker 2; everything lands on worker 3; both return
  demo-workflow         seed 004's night batch in a stopped queue: attrgen -> benchmarks (run id handed on),
                        a failure that skips, a cancel that cancels; then the queue starts
  bench [N] [--workload w1|w2|w3|idle] [--slots S]  the anchors' workloads (w1: N no-op tasks, default 20000; w2:
                        2000 x 10 ms; w3: 30 x 10 s, the busiest worker killed after 4 s; idle: 200 tasks one at a
                        time, the start latency of an idle cluster) on S slots per worker: one JSON line
                        (throughput, latency, efficiency, recovery, CPU per task of each process)
  soak [N] [KEEP]       a cluster of its own keeping at most KEEP finished tasks (default 10000); N no-op
                        tasks (default 300000) through it; prints Redis memory as it goes; stops it after
  monitoring [stop]     Prometheus (Debian's package) on 127.0.0.1 scraping the cluster, with Baton's alert rules
  admin [stop]          the Payara admin console: a Payara Server DAS on 127.0.0.1 in the data grid of the manager
                        and the workers (it lists them, sends them asadmin commands); stop: stops the DAS
  experiment scaling [TASKS] [SLOTS] [TASK_MS]  the bench on 1, 2, 3, 4, 6 workers (TASK_MS: sleep tasks): CSV, plot
  experiment recovery [KILLS]          kill -9 a busy worker KILLS times under load: kill -> resumed times
  test                  the whole test suite (what CI runs)
EOF
}

WORKERS="${BATON_WORKERS:-3}"
[[ -f $ENV_FILE ]] && WORKERS=$(awk -F= '/^WORKERS=/ {print $2}' "$ENV_FILE")
cmd=${1:-help}
shift || true
case $cmd in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop && cmd_start ;;
  status) cmd_status ;;
  password) load_env; printf '%s\n' "$ADMIN_PASSWORD" ;;
  logs) cmd_logs "$@" ;;
  clean) cmd_clean ;;
  create-task) cmd_create_task "$@" ;;
  fail-worker) cmd_fail_worker "$@" ;;
  kill) cmd_kill "$@" ;;
  start-manager-2) cmd_start_manager_2 ;;
  recover-worker) cmd_recover_worker "$@" ;;
  partition-worker) cmd_partition_worker "$@" ;;
  heal-worker) cmd_heal_worker "$@" ;;
  pause-worker) cmd_pause_worker "$@" ;;
  resume-worker) cmd_resume_worker "$@" ;;
  partition) cmd_partition "$@" ;;
  heal) cmd_heal "$@" ;;
  nemesis) cmd_nemesis "$@" ;;
  revive) cmd_revive "$@" ;;
  bench) cmd_bench "$@" ;;
  soak) cmd_soak "$@" ;;
  demo-scenario | demo-load-balancing | demo-cascade | demo-workflow) cmd_scenario "$cmd" ;;
  monitoring) cmd_monitoring "$@" ;;
  admin) cmd_admin "$@" ;;
  experiment) cmd_experiment "$@" ;;
  test) cmd_test "$@" ;;
  help | -h | --help) usage ;;
  *) usage; die "unknown command '$cmd'" ;;
esac
