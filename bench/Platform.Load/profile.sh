#!/usr/bin/env bash
# Where the time goes: runs the load suite once and, during the measured window of three rows,
# samples every process's CPU (perf, cpu-clock, call stacks; the runtime writes its JIT symbol maps
# to /tmp/perf-PID.map). Then prints, per row, the processes' shares and the top frames of the
# service under load. Needs Debian's linux-perf and a Release build of bench/Platform.Load.
#   bash bench/Platform.Load/profile.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/tmp/load-profile}
mkdir -p "$out"
# Symbol maps for JIT-compiled code, and that code in plain memory where perf can name it.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet bench/Platform.Load/bin/Release/net10.0/Platform.Load.dll --seconds 20 --runs 1 \
  --standalone-people 0 --rates 50 >"$out/report.md" 2>"$out/progress.log" &
suite=$!

# Waits for a row's measured window to start (the runtime has stopped recompiling), then samples the whole machine for a while.
profile() {
  until grep -q "$1" "$out/progress.log"; do
    kill -0 $suite 2>/dev/null || { echo "the suite ended before '$1'" >&2; exit 1; }
    sleep 0.2
  done
  sleep "$2"
  pgrep -af 'Platform\.[A-Za-z]+\.dll' >"$out/$3.pids" || true
  perf record -q -e cpu-clock -F 499 -g -a -o "$out/$3.data" -- sleep "$4" 2>/dev/null
}
profile "GetPerson: measuring" 2 getperson 10
profile "RecordContact: measuring" 2 recordcontact 10
profile "RegisterPerson: counting" 1 register 6
wait $suite
cat "$out/report.md"

for row in getperson recordcontact register; do
  echo "== $row: share of the machine's samples by process"
  perf script -i "$out/$row.data" -F pid 2>/dev/null | sort | uniq -c | sort -rn | head -8 |
    while read -r n pid; do echo "$n $pid $(grep -oE "^$pid .*Platform\.[A-Za-z]+\.dll" "$out/$row.pids" | grep -oE '[A-Za-z]+\.dll')"; done
done
