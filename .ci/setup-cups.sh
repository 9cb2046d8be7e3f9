#!/usr/bin/env bash
# Make sure a local CUPS with the cups-pdf driver is installed and running, for
# tests/integration/test_printing.py and benchmarks/bench_print.py. Idempotent; run as root.
# The queues themselves (KioskPDF, KioskStop) are created by tests/integration/cups_fixture.py.
set -euo pipefail

packages=(cups cups-client printer-driver-cups-pdf poppler-utils)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]})); then
    echo "setup-cups: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y "${missing[@]}"
fi

scheduler_running() {
    LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running"
}

if ! scheduler_running; then
    if [[ -d /run/systemd/system ]]; then
        systemctl start cups
    else
        /usr/sbin/cupsd # daemonizes
    fi
    for _ in $(seq 1 75); do
        scheduler_running && break
        sleep 0.2
    done
fi
if ! scheduler_running; then
    echo "setup-cups: cupsd did not start; /var/log/cups/error_log says:" >&2
    tail -n 20 /var/log/cups/error_log >&2 || true
    exit 1
fi
echo "setup-cups: $(LC_ALL=C lpstat -r) ($(LC_ALL=C lpstat -H))"
