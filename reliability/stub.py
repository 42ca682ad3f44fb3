#!/usr/bin/env python3
"""Stands in for the Twilio Messages API, the Telegram Bot API and the alert webhooks during a fuzz or fault run.

Answers every POST/DELETE/GET at once: Twilio message creation 201 with a message SID, Telegram methods
200 {"ok": true, ...}, anything else 200 {}. Logs nothing (the bodies are the service's outbound messages).

For the fault runs (faults.py) it can also:
  --record FILE   append one JSON line per message it accepted: {"t": epoch seconds, "kind": "sms", "to", "body"
                  (its first 40 characters), "sid"}, or {"t", "kind": "alert", "id", "type", "survivorId"} for an
                  alert answered 2xx. Only what was accepted is written: a refused or unanswered call sent nothing.
  POST /_control  with JSON {"twilio": "ok" | "fail", "alerts": "ok" | "down"}: "fail" answers the Messages API in
                  turn 500, 429 (Retry-After: 2) and no answer at all (the connection is held 12 s, past Voz's 8 s
                  read timeout, then closed): none of them sends the message; "down" answers the alert and
                  safeguarding webhooks 503.

  GET …/Messages.json?To=…&From=…&PageSize=…  lists, as Twilio does, the messages it accepted to that address (from
                  that sender when From is given), newest first, PageSize a page (next_page_uri: the next page),
                  in Twilio's shape (messages[]: sid, to, from, body, status, date_created in RFC 2822, date_sent
                  null). With --record it writes {"t", "kind": "list", "to", "listed"} for each page asked for.

Usage: stub.py PORT [--record FILE]
"""

import argparse
import itertools
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counter = itertools.count(1)
faults = itertools.count()
state = {"twilio": "ok", "alerts": "ok"}
record_lock = threading.Lock()
record_file = None
# what the Messages API accepted, per To, oldest first: the list GET answers from it
accepted = {}
accepted_lock = threading.Lock()


def record(line: dict):
    if record_file is not None:
        with record_lock:
            record_file.write(json.dumps(line) + "\n")
            record_file.flush()


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path == "/_control" and self.command == "POST":
            state.update(json.loads(raw or b"{}"))
            return self._send(200, dict(state))
        n = next(counter)
        if "/Messages" in self.path and self.command == "POST":
            if state["twilio"] == "fail":
                return self._twilio_fault()
            form = urllib.parse.parse_qs(raw.decode("utf-8", "replace"))
            sid = "SM%032x" % n
            to, sender, text = form.get("To", [""])[0], form.get("From", [""])[0], form.get("Body", [""])[0]
            now = time.time()
            with accepted_lock:
                accepted.setdefault(to, []).append({"sid": sid, "to": to, "from": sender, "body": text,
                                                    "status": "queued", "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(now)),
                                                    "date_sent": None})
            record({"t": now, "kind": "sms", "to": to, "body": text[:40], "sid": sid})
            status, body = 201, {"sid": sid, "status": "queued"}
        elif "/Messages.json" in self.path and self.command == "GET":
            status, body = 200, self._list()
        elif "/Messages" in self.path and self.command == "DELETE":
            status, body = 204, None
        elif self.path.startswith("/bot"):
            status, body = 200, {"ok": True, "result": {"message_id": n, "date": 0,
                                                        "chat": {"id": 1, "type": "private"}} if "send" in self.path
                                 else True}
        elif self.path.startswith("/alerts") or self.path.startswith("/safeguarding"):
            if state["alerts"] == "down":
                return self._send(503, {"error": "down"})
            try:
                alert = json.loads(raw or b"{}")
            except ValueError:
                alert = {}
            record({"t": time.time(), "kind": "alert", "id": alert.get("id"), "type": alert.get("type"),
                    "survivorId": alert.get("survivorId")})
            status, body = 200, {}
        else:
            status, body = 200, {}
        self._send(status, body)

    def _list(self):
        """One page of Twilio's message list: to the To (from the From, if given), newest first."""
        path, _, query = self.path.partition("?")
        params = urllib.parse.parse_qs(query)
        to, sender = params.get("To", [""])[0], params.get("From", [None])[0]
        size = max(1, min(1000, int(params.get("PageSize", ["50"])[0])))
        page = int(params.get("Page", ["0"])[0])
        with accepted_lock:
            mine = [m for m in accepted.get(to, []) if sender is None or m["from"] == sender]
        mine.reverse()
        listed = mine[page * size:(page + 1) * size]
        record({"t": time.time(), "kind": "list", "to": to, "listed": len(listed)})

        def uri(n):
            q = {"To": to, "PageSize": size, "Page": n}
            if sender is not None:
                q["From"] = sender
            return path + "?" + urllib.parse.urlencode(q)
        more = (page + 1) * size < len(mine)
        return {"messages": listed, "uri": uri(page), "first_page_uri": uri(0), "page": page, "page_size": size,
                "next_page_uri": uri(page + 1) if more else None,
                "previous_page_uri": uri(page - 1) if page > 0 else None}

    def _twilio_fault(self):
        kind = next(faults) % 3
        # Twilio's error body (the SDK takes the status from its "status" field, not from the status line)
        if kind == 0:
            return self._send(500, {"code": 20500, "message": "Internal Server Error", "status": 500,
                                    "more_info": "https://www.twilio.com/docs/errors/20500"})
        if kind == 1:
            return self._send(429, {"code": 20429, "message": "Too Many Requests", "status": 429,
                                    "more_info": "https://www.twilio.com/docs/errors/20429"}, {"Retry-After": "2"})
        time.sleep(12)  # no answer: Voz's read timeout (8 s) gives up first
        self.close_connection = True

    def _send(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = do_PUT = _answer

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--record")
    args = parser.parse_args()
    if args.record:
        record_file = open(args.record, "a", encoding="utf-8")
    ThreadingHTTPServer.request_queue_size = 512  # Voz opens many connections at once under load
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Stub)
    server.daemon_threads = True
    server.serve_forever()
