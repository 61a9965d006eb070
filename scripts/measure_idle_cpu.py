"""Measure what the task worker and the reminder scheduler cost while there is no work.

Starts each process as `make serve` (or `make run`) does, waits for it to settle, then
reads its CPU time from /proc over SECONDS and prints the share of one core:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/measure_idle_cpu.py --seconds 60

Linux only (/proc). The processes are stopped at the end.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

VARIANTS = {
    "worker, as make serve (--no-reload --interval 5)": [
        "db_worker", "--queue-name", "default", "--no-reload", "--interval", "5",
    ],
    "worker, former make run (DEBUG reload, --interval 1)": [
        "db_worker", "--queue-name", "default", "--reload", "--interval", "1",
    ],
    "scheduler (enqueue_reminders --every 3600)": ["enqueue_reminders", "--every", "3600"],
}  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """User and system time of the process and of its children that were waited for,
    and of its live child processes (the autoreloader runs the worker in a child)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += (utime + stime + cutime + cstime) / CLOCK_TICKS
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    # Starting Django takes seconds of CPU, longer on a busy machine: measure after it.
    parser.add_argument("--settle", type=int, default=60)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="enplan.settings")
    processes = {
        name: subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for name, command in VARIANTS.items()
    }
    try:
        time.sleep(args.settle)
        before = {name: cpu_seconds(p.pid) for name, p in processes.items()}
        load_before = os.getloadavg()
        time.sleep(args.seconds)
        after = {name: cpu_seconds(p.pid) for name, p in processes.items()}
        print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for name in processes:
            share = 100 * (after[name] - before[name]) / args.seconds
            print(f"{name:55s} {share:5.2f} % of a core over {args.seconds} s")
    finally:
        for process in processes.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
