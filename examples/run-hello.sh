#!/usr/bin/env bash
# Builds the Hello worker and the vgi-call tool, then drives Hello the way DuckDB's vgi extension
# would: ATTACH + list its functions, then a few scalar calls (bind, bind, init, one exchange each)
# and table function calls (bind, cardinality, statistics, init, one tick per batch until EOS).
# Needs only the .NET 10 SDK. Usage: examples/run-hello.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "the .NET SDK (dotnet) is not on PATH: https://dot.net" >&2; exit 1; }

# Build first, quietly: nothing of dotnet's own output may reach a worker's stdout pipe (the
# client would read it as Arrow IPC), so the worker below is the built dll, never `dotnet run`.
echo "building examples/Hello and examples/Call (Release)..."
for project in examples/Hello examples/Call; do
  log=$(dotnet build "$project" -c Release --nologo -v quiet 2>&1) || { echo "$log" >&2; exit 1; }
done

hello=examples/Hello/bin/Release/net10.0/Hello.dll
vgi_call() { dotnet examples/Call/bin/Release/net10.0/vgi-call.dll "$hello" -- "$@"; }

show() {
  local shown=() arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_.@-]+$ ]]; then shown+=("$arg"); else shown+=("'$arg'"); fi
  done
  printf '\n$ vgi-call Hello -- %s\n' "${shown[*]}"
  vgi_call "$@" 2>&1 || echo "(exit status $?)"
}

echo "vgi-call = dotnet examples/Call/bin/Release/net10.0/vgi-call.dll, Hello = $hello"
show list
show call upper_case 'hello world'
show call multiply 21 @2
show call add_values 1 2.5
show call describe NULL
show call concat_with - a b c
show call checked_divide 1 0
show call sequence 0 5 'step:=2'
show call planets
