#!/usr/bin/env bash
# The distributed platform on one machine, without Docker: the registry, engagement, housing and
# safeguarding services, the web app and the YARP gateway as separate processes, talking over RabbitMQ (from apt), each
# service with its own SQLite file.
#
#   scripts/run-distributed.sh start    build, start RabbitMQ if it is local and stopped, start each
#                                       process and wait until it answers /ready
#   scripts/run-distributed.sh stop     stop the processes this script started (RabbitMQ keeps running)
#   scripts/run-distributed.sh status   each process's readiness
#   scripts/run-distributed.sh logs     follow every process's log
#
# Call the platform through the gateway: gRPC on localhost:5100, JSON on http://localhost:5180; the
# web app is at http://localhost:5180/ too (the gateway's catch-all route).
# Data, logs and process ids live under PLATFORM_DATA (default data/distributed): delete it to
# start again. Settings, all optional:
#   PLATFORM_DATA           data folder                                   data/distributed
#   PLATFORM_PORT_OFFSET    added to every port, to run beside another copy  0
#   PLATFORM_BUILD          0 to use what is already built                1
#   PLATFORM_CONFIGURATION  Release or Debug                              Release
#   PLATFORM_QUEUE_PREFIX   put before every queue name (temporary queues) empty
#   RABBITMQ_HOST / RABBITMQ_USER / RABBITMQ_PASSWORD                     127.0.0.1 / guest / guest
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

data=$(realpath -m "${PLATFORM_DATA:-data/distributed}")
offset=${PLATFORM_PORT_OFFSET:-0}
configuration=${PLATFORM_CONFIGURATION:-Release}
rabbit_host=${RABBITMQ_HOST:-127.0.0.1}
signing_key=development-only-signing-key-not-for-production-use-0001
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# name, project folder, assembly, gRPC port, HTTP port: the services first, the gateway last. The web
# app serves its pages on both ports (the gateway's "web" cluster uses the h2c one, as for a service)
# and calls the platform through the gateway.
processes=(
  "registry   services/Registry        Platform.Registry   5201 5281"
  "engagement services/Engagement      Platform.Engagement 5202 5282"
  "housing    services/Housing         Platform.Housing    5203 5283"
  "safeguarding services/Safeguarding  Platform.Safeguarding 5204 5284"
  "web        web/Platform.Web         Platform.Web        5205 5190"
  "gateway    gateway/Platform.Gateway Platform.Gateway    5100 5180"
)

say() { printf '%s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/ready"; }

# Running, not a zombie (the script never waits for what it starts).
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

pid_of() {
  local file="$data/run/$1.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  # Only a process this script started: the id may have been reused since.
  grep -qa "$2.dll" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

start_broker() {
  if port_open "$rabbit_host" 5672; then
    return
  fi
  if [ "$rabbit_host" != 127.0.0.1 ] && [ "$rabbit_host" != localhost ]; then
    say "RabbitMQ is not reachable on $rabbit_host:5672." >&2
    exit 1
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    say "RabbitMQ is not installed: sudo apt-get install -y rabbitmq-server" >&2
    exit 1
  fi
  say "starting RabbitMQ"
  rabbitmq-server -detached
  for _ in $(seq 1 60); do
    port_open 127.0.0.1 5672 && return
    sleep 1
  done
  say "RabbitMQ did not start within 60 s." >&2
  exit 1
}

build() {
  [ "${PLATFORM_BUILD:-1}" = 0 ] && return
  say "building ($configuration)"
  for entry in "${processes[@]}"; do
    read -r _ folder _ _ _ <<<"$entry"
    dotnet build "$folder" -c "$configuration" -v q -nologo >/dev/null
  done
}

launch() {
  local name=$1 folder=$2 assembly=$3 grpc=$(($4 + offset)) http=$(($5 + offset))
  local dll="$root/$folder/bin/$configuration/net10.0/$assembly.dll"
  if pid_of "$name" "$assembly" >/dev/null; then
    say "$name is already running"
    return
  fi
  [ -f "$dll" ] || { say "$dll is not built (PLATFORM_BUILD=0?)" >&2; exit 1; }
  local settings=(
    ASPNETCORE_ENVIRONMENT=Development
    "Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc" Kestrel__Endpoints__Grpc__Protocols=Http2
    "Kestrel__Endpoints__Http__Url=http://127.0.0.1:$http" Kestrel__Endpoints__Http__Protocols=Http1
    "Auth__SigningKey=$signing_key"
  )
  if [ "$name" = gateway ]; then
    for entry in "${processes[@]}"; do
      read -r service _ _ service_grpc _ <<<"$entry"
      [ "$service" = gateway ] && continue
      settings+=("ReverseProxy__Clusters__${service}__Destinations__primary__Address=http://127.0.0.1:$((service_grpc + offset))")
    done
  elif [ "$name" = web ]; then
    settings+=("Web__PlatformAddress=http://127.0.0.1:$((5100 + offset))")
  else
    settings+=(
      Database__Provider=Sqlite "Database__DataDirectory=$data/$name"
      Messaging__Transport=RabbitMq "Messaging__RabbitMq__Host=$rabbit_host"
      "Messaging__RabbitMq__Username=${RABBITMQ_USER:-guest}" "Messaging__RabbitMq__Password=${RABBITMQ_PASSWORD:-guest}"
      "Messaging__QueuePrefix=${PLATFORM_QUEUE_PREFIX:-}"
    )
  fi
  mkdir -p "$data/logs" "$data/run"
  (cd "$(dirname "$dll")" && exec env "${settings[@]}" setsid dotnet "$dll" >>"$data/logs/$name.log" 2>&1 </dev/null) &
  local pid=$!
  echo "$pid" >"$data/run/$name.pid"
  say "$name: gRPC 127.0.0.1:$grpc, HTTP 127.0.0.1:$http, log $data/logs/$name.log"
  for _ in $(seq 1 "${PLATFORM_READY_TIMEOUT:-120}"); do
    ready "$http" && return
    # The process just started is ours (its command line names the assembly only once the
    # subshell has exec'd dotnet, which a loaded machine may not have done yet).
    if ! alive "$pid"; then
      say "$name stopped while starting; the end of its log:" >&2
      tail -n 20 "$data/logs/$name.log" >&2
      stop
      exit 1
    fi
    sleep 1
  done
  say "$name was not ready in time; see $data/logs/$name.log" >&2
  stop
  exit 1
}

start() {
  start_broker
  build
  for entry in "${processes[@]}"; do
    # shellcheck disable=SC2086
    launch $entry
  done
  say "ready: gRPC localhost:$((5100 + offset)), JSON and the web app http://localhost:$((5180 + offset))/"
}

stop() {
  local index entry name assembly pid
  for ((index = ${#processes[@]} - 1; index >= 0; index--)); do
    read -r name _ assembly _ _ <<<"${processes[$index]}"
    if pid=$(pid_of "$name" "$assembly"); then
      kill -TERM "$pid"
      for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      say "$name stopped"
    fi
    rm -f "$data/run/$name.pid"
  done
}

status() {
  local name assembly http
  for entry in "${processes[@]}"; do
    read -r name _ assembly _ http <<<"$entry"
    if ! pid_of "$name" "$assembly" >/dev/null; then
      say "$name: stopped"
    elif ready $((http + offset)); then
      say "$name: ready"
    else
      say "$name: running, not ready"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  logs) tail -n 50 -F "$data"/logs/*.log ;;
  *) say "usage: $0 start|stop|status|logs" >&2; exit 2 ;;
esac
