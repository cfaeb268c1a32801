"""A `boardpack serve` on a free loopback port for the HTTP tests, and small
HTTP helpers (standard library only: http.client, raw sockets)."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

BOARDPACK = os.environ.get("BOARDPACK", "boardpack")
WORK = os.environ.get("WORK") or tempfile.mkdtemp(prefix="bp-frontends-")
MB = 1 << 20
SAMPLES = os.environ.get("SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))


def fresh_dir(name):
    """An empty scratch folder under WORK."""
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def sample_names():
    return sorted(n for n in os.listdir(SAMPLES) if n.endswith(".xlsx"))


class Server:
    """`boardpack serve --port 0 ARGS...`, stopped with SIGTERM."""

    def __init__(self, work_dir, *args):
        self.work_dir = work_dir
        os.makedirs(work_dir, exist_ok=True)
        self.proc = subprocess.Popen(
            [BOARDPACK, "serve", "--port", "0", "--work-dir", work_dir, "--as-of", "2026-11-21", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("server did not start: %r %r" % (line, self.proc.stderr.read()))
        self.port = int(m.group(1))
        self.host = "127.0.0.1:%d" % self.port
        self.banner = line + self.proc.stdout.readline()
        # The server's log lines, as they come (a pipe left unread would block it).
        self.log = []
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()

    def _read_log(self):
        for line in self.proc.stdout:
            self.log.append(line.rstrip("\n"))

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        self._reader.join(timeout=5)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code

    def memory_kib(self):
        """(VmRSS, VmHWM) of the server process in KiB: now, and the peak so far."""
        fields = {}
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.split()[0] if value.split() else "0"
        return int(fields["VmRSS"]), int(fields["VmHWM"])

    def timed_get(self, path="/", timeout=10):
        """(status, seconds) of a GET on a new connection; status 0 when it failed."""
        start = time.monotonic()
        try:
            status = self.request("GET", path, timeout=timeout)[0]
        except OSError:
            status = 0
        return status, time.monotonic() - start

    def request(self, method, path, body=None, headers=None, timeout=60, chunked=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
            r = conn.getresponse()
            data = r.read()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
        finally:
            conn.close()

    def raw(self, request_bytes, timeout=20):
        """Sends bytes as they are (no client-side path normalising); returns status and body."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(request_bytes)
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except socket.timeout:
                    break
                if not b:
                    break
                chunks.append(b)
                data = b"".join(chunks)
                head, sep, body = data.partition(b"\r\n\r\n")
                m = re.search(rb"Content-Length: (\d+)", head)
                if sep and m and len(body) >= int(m.group(1)):
                    break
        data = b"".join(chunks)
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
        return status, body

    def get_json(self, path):
        status, _, data = self.request("GET", path)
        return status, json.loads(data) if data else None

    def upload(self, files, field="files", fields=()):
        body, ctype = multipart(files, field, fields)
        status, headers, data = self.request("POST", "/api/packs", body, {"Content-Type": ctype})
        return status, json.loads(data) if data else None

    def answering(self):
        status, body = self.get_json("/api/limits")
        return status == 200 and "max_files" in body


def multipart(files, field="files", fields=()):
    """files: [(name, bytes)], fields: [(name, text)] (plain form fields, first) -> (body, content type)."""
    boundary = "----boardpack" + uuid.uuid4().hex
    parts = []
    for name, text in fields:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
                     + text.encode() + b"\r\n")
    for name, data in files:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                      "Content-Type: application/octet-stream\r\n\r\n" % (boundary, field, name)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


def wait_until(predicate, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
