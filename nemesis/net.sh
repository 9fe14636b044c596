# Network faults between the cluster's processes on one machine: real partitions, not freezes (sourced by demo.sh).
#
# Every process demo.sh launches runs in its own cgroup (v2) named after it, under one cgroup per run folder.
# All of them talk over 127.0.0.1, so an address cannot tell them apart; a socket's cgroup can: nftables matches
# it on the sender's side (hook output: the sending socket) and on the receiver's side (hook input: the socket
# the packet is for). A link X -> Y is cut by dropping
#   - what X's client sockets send to Y's listening ports (X asks Y), and
#   - what arrives at Y's client sockets from X's listening ports (X answers Y),
# so a one-way loss is one direction of that, a partition both, and an isolated host is cut from every other.
# Processes keep running on both sides: their connections stall, time out and are retried, as across a real
# network. The rules live in one nftables table per run folder; healing deletes them (ADR 0062).

# The cgroup v2 hierarchy: /sys/fs/cgroup on a unified system, /sys/fs/cgroup/unified on a hybrid one.
cg2_root() {
  local d
  for d in /sys/fs/cgroup /sys/fs/cgroup/unified; do
    [[ -f $d/cgroup.controllers ]] && { printf '%s\n' "$d"; return 0; }
  done
  return 1
}

# One name per run folder (two clusters on one machine must not share rules): its path's hash.
net_id() { printf '%s' "$RUN" | md5sum | cut -c1-10; }
net_table() { printf 'baton_%s\n' "$(net_id)"; }

# The cgroup folder of a host (redis, broker, manager, manager-2, worker-N), or nothing if cgroups are not ours to
# make (not root, no cgroup v2): the process then starts where it is, and cannot be partitioned.
host_cgroup() { # name
  local root
  root=$(cg2_root) || return 1
  [[ -w $root ]] || return 1
  printf '%s/baton-%s/%s\n' "$root" "$(net_id)" "$1"
}

# The command that runs "$@" inside the host's cgroup (prefix for launch): sh moves itself, then execs.
in_host_cgroup() { # name
  local cg
  if cg=$(host_cgroup "$1") && mkdir -p "$cg" 2>/dev/null; then
    printf '%s\n' sh -c 'echo $$ >"$0/cgroup.procs" 2>/dev/null; exec "$@"' "$cg"
  fi
}

# Removes the run's cgroups once nothing runs in them (rmdir refuses a cgroup that still has a process).
net_forget_cgroups() {
  local cg
  cg=$(host_cgroup redis) || return 0
  cg=${cg%/redis}
  [[ -d $cg ]] || return 0
  rmdir "$cg"/*/ 2>/dev/null || true
  rmdir "$cg" 2>/dev/null || true
}

# The hosts of this cluster that can be cut: those running now.
net_hosts() {
  local h
  for h in redis broker manager manager-2 $(worker_names); do
    running "$h" && printf '%s\n' "$h"
  done
}

# The TCP ports a host listens on (the cluster's own: clients, data grid).
host_ports() { # name
  case $1 in
    redis) printf '%s\n' "$REDIS_PORT" ;;
    broker) printf '%s\n' "$BROKER_PORT" ;;
    manager) printf '%s, %s\n' "$MANAGER_PORT" "$(hz_port 0)" ;;
    manager-2) (source "$RUN/manager-2.env" && printf '%s, %s\n' "$MANAGER2_PORT" "$MANAGER2_HZ_PORT") ;;
    worker-*) printf '%s, %s\n' "$(worker_port "${1#worker-}")" "$(hz_port "${1#worker-}")" ;;
    *) return 1 ;;
  esac
}

need_net_faults() {
  [[ $(id -u) -eq 0 ]] || die "network faults need root (nftables rules and cgroups)"
  command -v nft >/dev/null || apt_install nftables
  cg2_root >/dev/null || die "network faults need cgroup v2 (mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified)"
}

# The host's cgroup as nftables names it (relative to /sys/fs/cgroup), checked to hold the running process.
host_cgroup_rule_path() { # name
  local cg pid
  cg=$(host_cgroup "$1") || die "no cgroup for $1"
  pid=$(pid_of "$1") || die "$1 is not running"
  grep -qx "$pid" "$cg/cgroup.procs" 2>/dev/null ||
    die "$1 (pid $pid) was not started in its cgroup ($cg): restart it with ./demo.sh stop && ./demo.sh start"
  printf '%s\n' "${cg#/sys/fs/cgroup/}"
}

net_table_ready() {
  local t
  t=$(net_table)
  nft list table inet "$t" >/dev/null 2>&1 && return 0
  nft add table inet "$t"
  nft add chain inet "$t" out '{ type filter hook output priority 0; policy accept; }'
  nft add chain inet "$t" in '{ type filter hook input priority 0; policy accept; }'
}

# Drops what X sends to Y (one direction of the link). The rules carry "X>Y" as their comment.
net_block() { # from to
  local t from_cg to_cg from_ports to_ports
  t=$(net_table)
  from_cg=$(host_cgroup_rule_path "$1") && to_cg=$(host_cgroup_rule_path "$2") || exit 1
  from_ports=$(host_ports "$1") && to_ports=$(host_ports "$2") || die "unknown host $1 or $2"
  net_table_ready
  nft add rule inet "$t" out socket cgroupv2 level 2 "\"$from_cg\"" tcp dport "{ $to_ports }" drop comment "\"$1>$2\""
  nft add rule inet "$t" in socket cgroupv2 level 2 "\"$to_cg\"" tcp sport "{ $from_ports }" drop comment "\"$1>$2\""
}

# Deletes the rules that cut any link of a host (or all rules: the whole table).
net_heal() { # [name]
  local t chain handle
  t=$(net_table)
  nft list table inet "$t" >/dev/null 2>&1 || return 0
  if [[ -z ${1:-} ]]; then
    nft delete table inet "$t"
    return 0
  fi
  for chain in out in; do
    nft -a list chain inet "$t" "$chain" | awk -v h="$1" '
      /comment/ && /# handle/ { c = $0; sub(/.*comment "/, "", c); sub(/".*/, "", c); split(c, p, ">")
        if (p[1] == h || p[2] == h) print $NF }' |
      while read -r handle; do nft delete rule inet "$t" "$chain" handle "$handle"; done
  done
}

# The links cut now, one "X>Y" per line.
net_cuts() {
  local t
  t=$(net_table)
  nft list table inet "$t" 2>/dev/null | grep -o 'comment "[^"]*"' | cut -d'"' -f2 | sort -u
}

cmd_partition() { # host [other] [--one-way]: cut host from every other host, or the link between the two (or the
  # links between two groups, each a comma-separated list: the cluster split in two)
  load_env; need_net_faults
  if [[ ${1:-} == --check ]]; then # can this cluster be cut? (its processes run in their cgroups)
    host_cgroup_rule_path manager >/dev/null || exit 1
    say "network faults can be injected here"
    return 0
  fi
  local a=${1:-} b="" oneway=0 arg
  shift || true
  for arg in "$@"; do
    case $arg in --one-way) oneway=1 ;; *) b=$arg ;; esac
  done
  [[ -n $a ]] || die "partition what? a host (redis, broker, manager, worker-N) and optionally a second one"
  if [[ -n $b ]]; then # two hosts, or two groups (a,b c,d,e): every link across is cut - of the hosts running now
    local x y cut=0 skipped=()
    for x in ${a//,/ } ${b//,/ }; do running "$x" || skipped+=("$x"); done
    for x in ${a//,/ }; do
      for y in ${b//,/ }; do
        running "$x" && running "$y" || continue
        net_block "$x" "$y"
        ((oneway)) || net_block "$y" "$x"
        cut=$((cut + 1))
      done
    done
    ((cut > 0)) || die "nothing to cut: ${skipped[*]} not running"
    say "cut $a $( ((oneway)) && echo '->' || echo '<->') $b (nftables table inet $(net_table))$( ((${#skipped[@]})) && printf '; not running, not cut: %s' "${skipped[*]}"); ./demo.sh heal heals it"
    return 0
  fi
  ((oneway == 0)) || die "--one-way needs two hosts"
  running "$a" || die "$a is not running"
  local h
  for h in $(net_hosts); do
    [[ $h == "$a" ]] && continue
    net_block "$a" "$h"
    net_block "$h" "$a"
  done
  say "$a isolated from $(net_hosts | grep -vx "$a" | paste -sd' ') (it keeps running); ./demo.sh heal $a heals it"
}

cmd_heal() { # [host]: delete the cuts of one host, or all
  load_env
  [[ $(id -u) -eq 0 ]] && command -v nft >/dev/null || { say "no network faults here (needs root and nftables)"; return 0; }
  net_heal "${1:-}"
  say "healed ${1:-every link}$( [[ -n $(net_cuts) ]] && printf '; still cut: %s' "$(net_cuts | paste -sd' ')")"
}
