#!/usr/bin/env python3
"""Edit -> list_changed latency through `vmcp serve` (README, "Live definitions"): a vMCP whose
filter is rewritten N times while a 2025-11-25 session listens on its GET stream; prints each
latency and the median. TARGET_DIR holds the built `vmcp` and `vmcp-test-upstream`.

    cargo build --bins && python3 scripts/live-latency.py "$PWD/target/debug" 10
"""
import http.client, json, os, statistics, subprocess, sys, tempfile, time, threading, queue, re

target = os.path.abspath(sys.argv[1]); n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
vmcp, up = os.path.join(target, "vmcp"), os.path.join(target, "vmcp-test-upstream")
home = tempfile.mkdtemp()
cfg = os.path.join(home, "vmcp.yaml")

def write(sel):
    with open(cfg, "w") as f:
        f.write(f"servers:\n  s:\n    command: {up}\n    args: [--name, s]\n    trust: always\n"
                f"vmcps:\n  v:\n    servers:\n      s:\n        tools: [{sel}]\n")

write("echo, pid")
log = open(os.path.join(home, "serve.log"), "w+")
p = subprocess.Popen([vmcp, "serve", "--no-auth", "--listen", "127.0.0.1:0", "--config", cfg],
                     env={**os.environ, "VMCP_HOME": home}, stderr=log, stdout=subprocess.DEVNULL)
try:
    port = None
    for _ in range(200):
        m = re.search(r"http://127\.0\.0\.1:(\d+)/mcp/", open(log.name).read())
        if m: port = int(m.group(1)); break
        time.sleep(0.05)
    H = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    def post(body, headers={}):
        c = http.client.HTTPConnection("127.0.0.1", port); c.request("POST", "/mcp/v", json.dumps(body), {**H, **headers})
        r = c.getresponse(); data = r.read(); return r, data
    r, _ = post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "lat", "version": "1"}}})
    sid = r.getheader("mcp-session-id")
    post({"jsonrpc": "2.0", "method": "notifications/initialized"}, {"Mcp-Session-Id": sid})
    for _ in range(100):
        _, d = post({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "s_pid", "arguments": {}}}, {"Mcp-Session-Id": sid})
        if b'"isError":true' not in d: break
        time.sleep(0.05)
    post({"jsonrpc": "2.0", "id": 3, "method": "tools/list"}, {"Mcp-Session-Id": sid})
    events = queue.Queue()
    def stream():
        c = http.client.HTTPConnection("127.0.0.1", port)
        c.request("GET", "/mcp/v", headers={"Mcp-Session-Id": sid, "Accept": "text/event-stream"})
        r = c.getresponse()
        while True:
            line = r.fp.readline()
            if not line: return
            if b"list_changed" in line: events.put(time.monotonic())
    threading.Thread(target=stream, daemon=True).start()
    time.sleep(0.5)
    lat = []
    for i in range(n):
        t0 = time.monotonic(); write("echo, pid" if i % 2 else "pid")
        t1 = events.get(timeout=10); lat.append((t1 - t0) * 1000)
        # tools/list again so the next change is announced, then let the watch settle
        post({"jsonrpc": "2.0", "id": 10 + i, "method": "tools/list"}, {"Mcp-Session-Id": sid})
        time.sleep(0.5)
    print("edit -> list_changed (ms):", " ".join(f"{x:.0f}" for x in lat))
    print(f"median {statistics.median(lat):.0f} ms over {n} edits")
finally:
    p.terminate(); p.wait()
