#!/usr/bin/env python3
# make bench: the performance users feel, measured on this machine, printed as one table
# (figure, value, spread, budget, verdict) and written as JSON to _build/bench.json.
#
# Each figure is the median of several runs; the spread is min..max over those runs.
# No benchmark is a test: nothing here fails on a timing. Run it inside
# build-aux/test-session.sh (the Makefile does), so the app gets a headless X server, a
# private D-Bus session and a throwaway keyring.
#
# The machines are shared and noisy: compare ratios measured in one run (lurk against the
# bare window, with store against without), not absolute figures across runs.

import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("LURK_BUILD_DIR", "_build")
SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))

figures = []


def exe(*parts):
    path = os.path.join(BUILD, *parts)
    return path if os.path.exists(path) else None


def record(name, values, unit, budget=None, ok=None, note=""):
    """values: one number per run (or a single measured value)."""
    if not isinstance(values, list):
        values = [values]
    values = [v for v in values if v is not None]
    if not values:
        figures.append({"figure": name, "value": None, "unit": unit, "budget": budget,
                        "verdict": "not measured", "note": note})
        return
    med = statistics.median(values)
    verdict = "—" if ok is None else ("ok" if ok(med) else "OVER BUDGET")
    figures.append({"figure": name, "value": med, "min": min(values), "max": max(values),
                    "runs": len(values), "unit": unit, "budget": budget,
                    "verdict": verdict, "note": note})


def not_measured(name, unit, budget, why):
    figures.append({"figure": name, "value": None, "unit": unit, "budget": budget,
                    "verdict": "not measured", "note": why})


def base_env():
    env = dict(os.environ)
    env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(BUILD, "data"))
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("GSK_RENDERER", "cairo")
    env.setdefault("NO_AT_BRIDGE", "1")
    env.setdefault("GDK_BACKEND", "x11")
    return env


def start_sim(extra=()):
    sim = exe("sim", "lurk-sim")
    if sim is None:
        return None, None
    proc = subprocess.Popen([sim, "--port", "0", *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.match(r"lurk-sim listening on (http://\S+)", line)
    if not m:
        proc.kill()
        return None, None
    return proc, m.group(1)


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def proc_context_switches(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def smaps_rollup(pid):
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "kB":
                out[parts[0].rstrip(":")] = int(parts[1]) / 1024.0
    return out


def first_frame(cmd, env, timeout=15):
    """Starts cmd, returns (process, ms from exec to the first painted frame)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    deadline = t0 + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = proc.stdout.readline()
        if not line:
            break
        m = re.match(r"first-frame (\d+)", line)
        if m:
            return proc, (int(m.group(1)) / 1e6 - t0) * 1000.0
    return proc, None


def stop(proc):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- 1. Ingest -------------------------------------------------------------------------------

def bench_ingest():
    ingest = exe("bench", "lurk-bench-ingest")
    if ingest is None:
        not_measured("ingest: events/s with store", "events/s", "≥ 30000",
                     "bench/lurk-bench-ingest is not built")
        return
    out = subprocess.run([ingest, "--json"], capture_output=True, text=True, env=base_env(),
                         timeout=900)
    if out.returncode != 0:
        not_measured("ingest", "", "", "lurk-bench-ingest failed: " + out.stderr.strip()[-300:])
        return
    for line in out.stdout.splitlines():
        try:
            f = json.loads(line)
        except ValueError:
            continue
        figures.append(f)


# --- 2. Idle ---------------------------------------------------------------------------------

def bench_idle():
    events = exe("src", "cli", "lurk-events")
    sim, url = start_sim(["--scenario", "none"])
    if events is None or sim is None:
        stop(sim)
        not_measured("idle: CPU", "% of a core", "≤ 0.05 %", "lurk-events or lurk-sim missing")
        not_measured("idle: wakeups", "/s", "≤ 1", "lurk-events or lurk-sim missing")
        return
    try:
        tok = json.loads(subprocess.run(["curl", "-s", url + "/sim/tokens"], capture_output=True,
                                        text=True).stdout)
    except ValueError:
        tok = None
    env = base_env()
    env["LURK_SIM_URL"] = url
    token = None
    if isinstance(tok, dict):
        for t in tok.get("data", tok.get("tokens", [])):
            if t.get("login") == "lurkdemo" and t.get("access_token"):
                token = t["access_token"]
                break
    if token is None:
        stop(sim)
        not_measured("idle: CPU", "% of a core", "≤ 0.05 %", "no lurkdemo token from /sim/tokens")
        return
    env["LURK_ACCESS_TOKEN"] = token
    cpu, wake = [], []
    for _ in range(max(1, RUNS - 2)):
        p = subprocess.Popen([events, "--keepalive", "10"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env)
        time.sleep(3)  # connected and subscribed
        c0, w0, t0 = proc_cpu_seconds(p.pid), proc_context_switches(p.pid), time.monotonic()
        time.sleep(IDLE_SECONDS)
        c1, w1, t1 = proc_cpu_seconds(p.pid), proc_context_switches(p.pid), time.monotonic()
        stop(p)
        cpu.append((c1 - c0) / (t1 - t0) * 100.0)
        wake.append((w1 - w0) / (t1 - t0))
    stop(sim)
    record("idle: lurk-events CPU (keepalive 10 s)", cpu, "% of a core", "≤ 0.05 %",
           lambda v: v <= 0.05, f"{IDLE_SECONDS:.0f} s connected, no events")
    record("idle: lurk-events wakeups", wake, "/s", "≤ 1", lambda v: v <= 1.0,
           "context switches of all threads / s")


# --- 3 and 4. Startup and memory ------------------------------------------------------------

def bench_startup_memory():
    bare = exe("bench", "lurk-bench-bare-window")
    lurk = exe("src", "lurk")
    env = base_env()
    bare_mem, bare_ff = [], []
    for _ in range(RUNS):
        p, ff = first_frame([bare], env)
        if ff is not None:
            time.sleep(1)
            bare_mem.append(smaps_rollup(p.pid))
            bare_ff.append(ff)
        stop(p)
    record("startup: bare libadwaita window, first frame", bare_ff, "ms", None, None,
           "baseline, same renderer (" + env["GSK_RENDERER"] + ")")
    if bare_mem:
        record("memory: bare window Private_Dirty", [m["Private_Dirty"] for m in bare_mem], "MB")
        record("memory: bare window RSS", [m["Rss"] for m in bare_mem], "MB")
    if lurk is None:
        not_measured("startup: lurk first frame", "ms", "≤ 400", "src/lurk not built")
        return
    lurk_env = dict(env)
    lurk_env["LURK_BENCH_FIRST_FRAME"] = "1"
    ff_runs, mem = [], []
    for _ in range(RUNS):
        p, ff = first_frame([lurk], lurk_env)
        if ff is not None:
            time.sleep(1)
            mem.append(smaps_rollup(p.pid))
            ff_runs.append(ff)
        stop(p)
    record("startup: lurk first frame (no favorite, empty history)", ff_runs, "ms", "≤ 400",
           lambda v: v <= 400)
    if mem and bare_mem:
        base = statistics.median([m["Private_Dirty"] for m in bare_mem])
        record("memory: lurk Private_Dirty after startup", [m["Private_Dirty"] for m in mem],
               "MB", f"≤ bare + 30 = {base + 30:.0f}", lambda v: v <= base + 30)
        record("memory: lurk RSS after startup", [m["Rss"] for m in mem], "MB")
        record("memory: lurk PSS after startup", [m["Pss"] for m in mem], "MB")


def print_table():
    rows = [("figure", "value", "spread", "budget", "verdict")]
    for f in figures:
        v = f.get("value")
        if v is None:
            val, spread = "—", ""
        else:
            val = f"{v:,.3g} {f.get('unit', '')}" if abs(v) < 1000 else f"{v:,.0f} {f.get('unit', '')}"
            spread = f"{f['min']:.3g}..{f['max']:.3g} (n={f['runs']})" if "min" in f else ""
        verdict = f.get("verdict", "")
        if f.get("note") and v is None:
            verdict += f" ({f['note']})"
        rows.append((f["figure"], val, spread, f.get("budget") or "", verdict))
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(str(r[i]).ljust(widths[i]) for i in range(4)) + "  " + str(r[4]))


def main():
    print(f"lurk bench on {os.cpu_count()} cores; median of {RUNS} runs; shared machine: "
          "compare ratios within one run", file=sys.stderr)
    for part in (bench_ingest, bench_idle, bench_startup_memory):
        try:
            part()
        except Exception as e:  # a broken part must not hide the others
            not_measured(part.__name__, "", "", f"failed: {e}")
    print_table()
    with open(os.path.join(BUILD, "bench.json"), "w") as f:
        json.dump({"machine": {"cores": os.cpu_count()}, "figures": figures}, f, indent=2)


if __name__ == "__main__":
    main()
