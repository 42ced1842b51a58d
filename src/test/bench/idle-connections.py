#!/usr/bin/env python3
"""Not a test: what idle keep-alive connections cost the service, measured from outside.

  src/test/bench/idle-connections.py PID PORT [COUNT=10000] [PATH=/api/registrations/questions] [HISTOGRAM_FILE]

Opens COUNT connections to 127.0.0.1:PORT in batches, sends one request on each and reads the answer
(so each is an answered keep-alive connection, as a browser leaves it), then holds them idle. Prints the
JVM's resident memory (VmRSS) and its heap after a full GC (jcmd GC.run + GC.heap_info) before and
while they are held, and how many the server closed meanwhile. The hold must stay under
http.keepAliveTimeoutSeconds (30 s), after which the service closes idle connections itself.
Needs ulimit -n above COUNT.
"""
import re
import selectors
import socket
import subprocess
import sys
import time

pid, port = int(sys.argv[1]), int(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
path = sys.argv[4] if len(sys.argv) > 4 else "/api/registrations/questions"
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode()


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def heap_used_mb():
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    used = 0
    for m in re.finditer(r"used (\d+)K", out):
        used += int(m.group(1))
    # Serial/Parallel list generations (summed); G1 prints one "garbage-first heap ... used" line.
    g1 = re.search(r"garbage-first heap\s+total \d+K, used (\d+)K", out)
    return (int(g1.group(1)) if g1 else used) / 1024


def answered(sock):
    data = b""
    deadline = time.time() + 30
    while b"\r\n\r\n" not in data and time.time() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        data += chunk
    return data.startswith(b"HTTP/1.1 200")


before_rss, before_heap = rss_mb(), heap_used_mb()
socks, failed = [], 0
start = time.time()
for batch in range(0, count, 250):
    sel = selectors.DefaultSelector()
    opened = []
    for _ in range(min(250, count - batch)):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(request)
        opened.append(s)
    for s in opened:
        if answered(s):
            socks.append(s)
        else:
            failed += 1
            s.close()
opened_seconds = time.time() - start
time.sleep(3)
after_rss, after_heap = rss_mb(), heap_used_mb()
if len(sys.argv) > 5:  # where to write the heap's class histogram while they are held
    with open(sys.argv[5], "w") as f:
        f.write(subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True).stdout)
# Connections the server closed while they were held (readable with EOF).
sel = selectors.DefaultSelector()
for s in socks:
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
closed = sum(1 for key, _ in sel.select(timeout=0.5))
print(f"{len(socks)} idle keep-alive connections held ({failed} failed, opened in {opened_seconds:.1f} s, "
      f"{closed} closed by the server while held)")
print(f"RSS  before {before_rss:7.1f} MB  with them {after_rss:7.1f} MB  added {after_rss - before_rss:6.1f} MB "
      f"({(after_rss - before_rss) * 1024 / max(1, len(socks)):.1f} KB each)")
print(f"heap before {before_heap:7.1f} MB  with them {after_heap:7.1f} MB  added {after_heap - before_heap:6.1f} MB "
      f"(live, after a full GC)")
for s in socks:
    s.close()
