#!/usr/bin/env bash
# Every test suite, as CI runs it: the .NET tests (the Hello and fixture-worker end-to-end tests
# against the workers published as native AOT executables) and the interop tests that drive our
# conformance worker with the npm vgi-rpc client. Exit status is non-zero if any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."

case "$(uname -m)" in
  aarch64 | arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac

[ -d tests/interop/node_modules ] || npm ci --prefix tests/interop --no-audit --no-fund || exit 1
dotnet publish examples/Hello -c Release -r "$rid" -o artifacts/hello-aot --nologo -v quiet || exit 1
dotnet publish tests/Vgi.Conformance.FixtureWorker -c Release -r "$rid" -o artifacts/fixture-aot --nologo -v quiet || exit 1

status=0
VGI_HELLO_WORKER="$PWD/artifacts/hello-aot/Hello" VGI_FIXTURE_WORKER="$PWD/artifacts/fixture-aot/vgi-fixture-worker" dotnet test Vgi.Gen.sln -c Release --nologo || status=1
npm test --prefix tests/interop || status=1
exit $status
