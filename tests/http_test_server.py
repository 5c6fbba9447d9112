#!/usr/bin/env python3
"""A tiny HTTP server for the fetch and watch tests (tests/test_formats_net.c).

Serves the files of --root on 127.0.0.1, on a free port it writes to
--port-file once it listens. Every response carries an ETag (a hash of the
body) and a Last-Modified; If-None-Match or If-Modified-Since that match
get a 304 with no body. Files are sent gzip-compressed when the client
accepts it. "{{BASE}}" in a file becomes http://127.0.0.1:PORT, so feeds
can link to pages on the same server. Each request is logged to --log as
"METHOD PATH STATUS". Special paths:
  /redirect     302 to /a.html          /loop     302 to itself
  /slow         answers after 3 s        /big      10 MB of text
  /missing      404                      *-1256.html   charset=windows-1256
"""
import argparse
import gzip
import hashlib
import http.server
import os
import socketserver
import sys
import time

LAST_MODIFIED = "Sat, 05 Jun 2021 10:00:00 GMT"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet on stderr
        pass

    def log(self, status):
        with open(self.server.log_path, "a", encoding="utf-8") as f:
            f.write(f"{self.command} {self.path} {status}\n")

    def send(self, status, body=b"", ctype="text/plain; charset=utf-8", headers=None):
        self.log(status)
        if "gzip" in self.headers.get("Accept-Encoding", "") and body:
            body = gzip.compress(body)
            headers = dict(headers or {}, **{"Content-Encoding": "gzip"})
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/redirect":
            return self.send(302, headers={"Location": "/a.html"})
        if path == "/loop":
            return self.send(302, headers={"Location": "/loop"})
        if path == "/slow":
            time.sleep(3)
            return self.send(200, b"late")
        if path == "/big":
            return self.send(200, b"x" * (10 << 20))
        if path == "/charset-only":  # a Content-Type with a charset and no media type
            return self.send(200, b"<p>x</p>", ctype="; charset=windows-1256")
        full = os.path.realpath(os.path.join(self.server.root, path.lstrip("/")))
        if not full.startswith(self.server.root + os.sep) or not os.path.isfile(full):
            return self.send(404, b"not found")
        with open(full, "rb") as f:
            body = f.read().replace(b"{{BASE}}", self.server.base.encode())
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return self.send(304, headers={"ETag": etag})
        if full.endswith("-1256.html"):
            ctype = "text/html; charset=windows-1256"
        elif full.endswith(".html"):
            ctype = "text/html; charset=utf-8"
        elif full.endswith(".xml"):
            ctype = "application/rss+xml"
        else:
            ctype = "application/octet-stream"
        self.send(200, body, ctype, {"ETag": etag, "Last-Modified": LAST_MODIFIED})


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    srv.root = os.path.realpath(a.root)
    srv.log_path = a.log
    port = srv.server_address[1]
    srv.base = f"http://127.0.0.1:{port}"
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, a.port_file)  # the test sees the whole number or nothing
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
