#!/usr/bin/env python3
"""Stands in for the Twilio Messages API, the Telegram Bot API and the alert webhooks during a fuzz run.

Answers every POST/DELETE/GET at once: Twilio message creation 201 with a message SID, Telegram methods
200 {"ok": true, ...}, anything else 200 {}. Logs nothing (the bodies are the service's outbound messages).
Usage: stub.py PORT
"""

import itertools
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counter = itertools.count(1)


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        n = next(counter)
        if "/Messages" in self.path and self.command == "POST":
            status, body = 201, {"sid": "SM%032x" % n, "status": "queued"}
        elif "/Messages" in self.path and self.command == "DELETE":
            status, body = 204, None
        elif self.path.startswith("/bot"):
            status, body = 200, {"ok": True, "result": {"message_id": n, "date": 0,
                                                        "chat": {"id": 1, "type": "private"}} if "send" in self.path
                                 else True}
        else:
            status, body = 200, {}
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = do_PUT = _answer

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
