#!/usr/bin/env python3
"""Fuzzes every HTTP endpoint of a running Voz and reports any 5xx and any readiness failure.

Python 3.11 standard library only. Every request is built from its own seeded random generator
(seed, index), so a given --seed always sends the same requests, whatever --concurrency (only their
interleaving, and so the state they meet, differs). Requests go over raw sockets: keep-alive for the
well-formed ones, a fresh connection for the oddities (bad request lines, Content-Length mismatches,
HTTP/2.0 and HTTP/0.9 request lines, garbage bytes).

Exit status: 0 when no response was 5xx, every request but the raw oddities got a response (Vert.x may
close the connection on a request line it cannot parse) and /health/ready answered 200 every time it was
polled; 1 otherwise; 2 when the service could not be prepared.

Nothing secret is written: the report and the 5xx samples name the endpoint, the request's shape and
sizes, never a signature, a bearer token or a webhook secret.
"""

from __future__ import annotations

import re
import argparse
import base64
import collections
import hashlib
import hmac
import json
import random
import socket
import sys
import threading
import time
import urllib.parse

# ---------------------------------------------------------------------------------------------- text

SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzáéíóúñçàèêôãõ ¿¡",
    "cyrillic": "".join(chr(c) for c in range(0x0410, 0x0450)) + " ",
    "devanagari": "".join(chr(c) for c in range(0x0905, 0x0939)) + "ािीुूेैोौं ",
    "chinese": "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400)),
    "thai": "".join(chr(c) for c in range(0x0E01, 0x0E2F)) + "ัิีึืุู ",
    "amharic": "".join(chr(c) for c in range(0x1200, 0x1250)) + " ",
    "arabic": "".join(chr(c) for c in range(0x0621, 0x064B)) + " ",
    "emoji": "😀👍🙏🏽❤️👨‍👩‍👧🇬🇹🔥✨",
    "controls": "".join(chr(c) for c in range(0, 32)) + "\x7f\u0085\u2028\u2029\u200b\u200e\u202e\ufeff",
    "gsm_ext": "€[]{}|^~\\",
}
RESERVED = ["STOP", "stop", "Stop.", "PARAR", "NO MÁS", "ARRÊT", "START", "YES", "HELP", "AYUDA", "MENU", "MENÚ",
            "EXIT", "SALIR", "SAIR", "IDIOMA", "LANGUAGE", "MÁS", "MORE", "KÒMANSE", "ÈD"]
BAD_QUERIES = ["a=%", "%zz", "x=%E0%A4", "&&=%", "language=%zz&programme=", "%", "a=%2", "q=%u00e9"]
PINS = ["4821", "1234", "0000", "48 21", "４８２１", "99999999", "123", "1234567890"]


def text(r: random.Random, limit: int = 1600) -> str:
    """A survivor's message: menu numbers, PINs, reserved words, or text in any script up to `limit`."""
    kind = r.random()
    if kind < 0.25:
        return str(r.randint(0, 12))
    if kind < 0.35:
        return r.choice(PINS)
    if kind < 0.45:
        return r.choice(RESERVED)
    if kind < 0.55:
        return ""
    script = SCRIPTS[r.choice(list(SCRIPTS))]
    n = r.choice([1, 5, 40, 160, 400, limit, limit, limit + r.randint(1, 50)])
    if script is SCRIPTS["emoji"]:
        n //= 2
    return "".join(r.choice(script) for _ in range(n))


def lone_surrogates(r: random.Random) -> str:
    return "".join(chr(r.randint(0xD800, 0xDFFF)) if r.random() < 0.3 else "a" for _ in range(r.randint(1, 50)))


def enc(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------- requests


VERSION_LINE = re.compile(rb"^[^ \r\n]+ [^ \r\n]+ HTTP/(\d+)\.(\d+)\r\n")


def unsupported_version(req):
    """Whether the request's line names an HTTP version other than 1.0 and 1.1 (answered 505 on purpose)."""
    m = VERSION_LINE.match(req.raw or b"")
    return bool(m) and (m.group(1), m.group(2)) not in ((b"1", b"0"), (b"1", b"1"))


class Req:
    """One request: an endpoint label (for the report), a shape (what was odd about it), and its bytes."""

    __slots__ = ("endpoint", "shape", "method", "path", "headers", "body", "raw", "fresh")

    def __init__(self, endpoint, shape, method="GET", path="/", headers=None, body=b"", raw=None, fresh=False):
        self.endpoint = endpoint
        self.shape = shape
        self.method = method
        self.path = path
        self.headers = headers if headers is not None else []
        self.body = body
        self.raw = raw  # complete bytes to send as they are (oddities)
        self.fresh = fresh or raw is not None

    def wire(self, host: str) -> bytes:
        if self.raw is not None:
            return self.raw
        names = {h[0].lower() for h in self.headers}
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}"] if "host" not in names else \
            [f"{self.method} {self.path} HTTP/1.1"]
        for name, value in self.headers:
            lines.append(f"{name}: {value}")
        if "content-length" not in names and "transfer-encoding" not in names and (self.body or self.method in (
                "POST", "PUT", "PATCH")):
            lines.append(f"Content-Length: {len(self.body)}")
        if self.fresh:
            lines.append("Connection: close")
        return enc("\r\n".join(lines) + "\r\n\r\n") + self.body


class Fuzz:
    def __init__(self, args):
        self.args = args
        self.public = args.public_url.rstrip("/")
        self.twilio_token = args.twilio_token
        self.telegram_secret = args.telegram_secret
        self.admin = args.admin_token
        self.survivors: list[str] = []  # ids enrolled at the start
        self.phones: list[str] = []  # their sms numbers
        self.requests: list[str] = []  # file request ids seen (none unless a chat opens one)
        self.staff_token = None

    # ------------------------------------------------------------------ Twilio

    def sign(self, path: str, params: list[tuple[str, str]]) -> str:
        first: dict[str, str] = {}
        for k, v in params:
            first.setdefault(k, v)
        # Java's TreeMap orders by UTF-16 units; for the BMP keys used here that is code point order
        data = self.public + path + "".join(k + first[k] for k in sorted(
            first, key=lambda name: name.encode("utf-16-be", "surrogatepass")))
        mac = hmac.new(self.twilio_token.encode(), enc(data), hashlib.sha1).digest()
        return base64.b64encode(mac).decode()

    def twilio_form(self, r: random.Random, status: bool) -> list[tuple[str, str]]:
        if status:
            params = [("MessageSid", "SM" + "%032x" % r.getrandbits(128)),
                      ("MessageStatus", r.choice(["queued", "sent", "delivered", "undelivered", "failed", "read",
                                                  "", "??", text(r, 50)])),
                      ("AccountSid", "AC" + "0" * 32)]
            if r.random() < 0.4:
                params.append(("ErrorCode", r.choice(["30003", "30005", "", "abc", "9" * 40])))
            return params
        whatsapp = r.random() < 0.3
        if self.phones and r.random() < 0.4:
            number = r.choice(self.phones)
        else:
            number = "+1555%07d" % r.randint(0, 9999999)
        params = [("MessageSid", "SM" + "%032x" % r.getrandbits(128)), ("AccountSid", "AC" + "0" * 32),
                  ("From", ("whatsapp:" if whatsapp else "") + number), ("To", "+15550009999"),
                  ("Body", text(r)), ("NumMedia", r.choice(["0", "0", "0", "1", "3", "-1", "x", "99999999999"]))]
        if r.random() < 0.2:
            params.append(("MediaContentType0", "image/jpeg"))
        return params

    def twilio(self, r: random.Random, status: bool) -> Req:
        path = "/webhooks/twilio/status" if status else "/webhooks/twilio/messages"
        endpoint = "twilio.status" if status else "twilio.messages"
        params = self.twilio_form(r, status)
        shape = ""  # the mutation; the signature's fate goes in front of it
        m = r.random()
        if m < 0.10:
            shape = "+many-fields"
            params += [("F%d" % i, text(r, 20)) for i in range(r.choice([50, 300, 1000]))]
        elif m < 0.16:
            shape = "+duplicate-fields"
            params += [(k, text(r, 30)) for k, _ in params]
        elif m < 0.22:
            shape = "+missing-fields"
            params = [p for p in params if r.random() < 0.5]
        elif m < 0.27:
            shape = "+lone-surrogates"
            params.append(("Body", lone_surrogates(r)))
        elif m < 0.33:
            shape = "+huge-body-" + r.choice(["cyrillic", "devanagari", "chinese", "thai", "amharic", "emoji"])
            script = SCRIPTS[shape.rsplit("-", 1)[1]]
            n = 1000 if script is SCRIPTS["chinese"] else (800 if script is SCRIPTS["emoji"] else 1600)
            params = [p for p in params if p[0] != "Body"] + [("Body", "".join(r.choice(script) for _ in range(n)))]
        elif m < 0.36:
            shape = "+query-string"
            path += "?x=" + urllib.parse.quote(text(r, 20))
        elif m < 0.38:
            shape = "+bad-query"
            path += "?" + r.choice(BAD_QUERIES)
        body = enc(urllib.parse.urlencode([(k, v) for k, v in params], encoding="utf-8", errors="surrogatepass"))
        headers = [("Content-Type", "application/x-www-form-urlencoded")]
        sig = self.sign(path, params)
        a = r.random()
        if a < 0.10:
            shape = "unsigned" + shape
        elif a < 0.18:
            shape = "bad-signature" + shape
            headers.append(("X-Twilio-Signature", base64.b64encode(r.randbytes(20)).decode()))
        elif a < 0.21:
            shape = "garbage-signature" + shape
            headers.append(("X-Twilio-Signature", r.choice(["", " ", "%%%", "x" * 5000, "=="])))
        elif a < 0.30:
            kind = r.choice(["bad-escapes", "empty", "binary", "json", "only-ampersands"])
            shape = "signed" + shape + "+raw-body-" + kind
            body = {"bad-escapes": lambda: r.choice([b"%%%&&&=", b"a=%", b"%zz", b"Body=%E0%A4", b"Body=%ZZ%",
                                                     b"=&=&=", b"MessageSid=SM1&From=%2B1&Body=%C3%28"]),
                    "empty": lambda: b"",
                    "binary": lambda: r.randbytes(r.randint(1, 3000)),
                    "json": lambda: b'{"Body": "hi"}',
                    "only-ampersands": lambda: b"&" * r.randint(1, 5000)}[kind]()
            raw_params = urllib.parse.parse_qsl(body.decode("latin-1"), keep_blank_values=True)
            headers.append(("X-Twilio-Signature", self.sign(path, raw_params)))
        elif a < 0.34:
            shape = "signed" + shape + "+wrong-content-type"
            headers = [("Content-Type", r.choice(["application/json", "text/plain", "multipart/form-data",
                                                  "application/x-www-form-urlencoded; charset=latin1", ""]))]
            headers.append(("X-Twilio-Signature", sig))
        else:
            shape = "signed" + shape
            headers.append(("X-Twilio-Signature", sig))
        return Req(endpoint, shape, "POST", path, headers, body)

    # ------------------------------------------------------------------ Telegram

    def telegram_update(self, r: random.Random):
        chat = r.choice([r.randint(1, 10**6), -r.randint(1, 10**12), 2**63, "abc", None, 1.5])
        msg = {"message_id": r.randint(1, 10**6), "date": int(time.time()),
               "chat": {"id": chat, "type": r.choice(["private", "group", "channel", 7])},
               "from": {"id": chat, "is_bot": False, "first_name": text(r, 20)}}
        k = r.random()
        if k < 0.5:
            msg["text"] = text(r, 4200)
        elif k < 0.6:
            msg["text"] = "/start " + r.choice(["", "x" * 64, "x" * 65, "abc-DEF_123", "%%%", text(r, 30)])
        elif k < 0.7:
            msg["photo"] = [{"file_id": "f", "width": 1, "height": 1}]
            msg["caption"] = text(r, 100)
        elif k < 0.75:
            msg["voice"] = {"file_id": "v", "duration": 3}
        update = {"update_id": r.choice([r.randint(1, 2**31), -1, 0, 2**64, "7", None])}
        kind = r.random()
        if kind < 0.7:
            update["message"] = msg
        elif kind < 0.8:
            update["edited_message"] = msg
        elif kind < 0.9:
            update["callback_query"] = {"id": str(r.randint(1, 10**9)), "from": msg["from"], "message": msg,
                                        "data": r.choice([str(r.randint(0, 999)), text(r, 64), "", "1" * 100])}
        else:
            update["channel_post"] = msg
        return update

    def telegram(self, r: random.Random) -> Req:
        shape = "secret"
        update = self.telegram_update(r)
        m = r.random()
        if m < 0.55:
            body = enc(json.dumps(update, ensure_ascii=r.random() < 0.5))
        elif m < 0.63:
            shape += "+wrong-types"
            body = enc(json.dumps(r.choice([[], "update", 7, None, True, {"update_id": {}}, {"message": []},
                                            {"update_id": 1, "message": {"text": 5, "chat": "x"}},
                                            {"update_id": 1, "message": {"chat": {"id": {}}, "text": []}}])))
        elif m < 0.70:
            shape += "+deep-nesting"
            depth = r.choice([100, 1000, 5000])
            body = b'{"update_id": 1, "message": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
        elif m < 0.77:
            shape += "+huge-string"
            update.setdefault("message", {})["text"] = "x" * r.choice([5000, 60000])
            body = enc(json.dumps(update))
        elif m < 0.84:
            shape += "+invalid-utf8"
            body = b'{"update_id": 5, "message": {"chat": {"id": 1}, "text": "\xc3\x28\xa0\xa1\xed\xa0\x80"}}'
        elif m < 0.90:
            shape += "+not-json"
            body = r.choice([b"", b"{", b"}", b"null", b"[1,2", r.randbytes(200), b'{"update_id": 1,,}'])
        else:
            shape += "+lone-surrogate-escapes"
            body = b'{"update_id": 9, "message": {"chat": {"id": 3, "type": "private"}, "text": "\\ud800\\udc00\\udfff"}}'
        headers = [("Content-Type", "application/json")]
        a = r.random()
        if a < 0.12:
            shape = shape.replace("secret", "no-secret")
        elif a < 0.22:
            shape = shape.replace("secret", "wrong-secret")
            headers.append(("X-Telegram-Bot-Api-Secret-Token", r.choice(["wrong", "", "x" * 300, "é", "ABC-_"])))
        else:
            headers.append(("X-Telegram-Bot-Api-Secret-Token", self.telegram_secret))
        if r.random() < 0.05:
            shape += "+wrong-content-type"
            headers[0] = ("Content-Type", r.choice(["text/plain", "application/x-www-form-urlencoded", ""]))
        return Req("telegram", shape, "POST", "/webhooks/telegram", headers, body)

    # ------------------------------------------------------------------ staff API

    ROUTES = [
        ("POST", "/api/v1/staff"), ("POST", "/api/v1/survivors"), ("GET", "/api/v1/survivors/{id}/consents"),
        ("POST", "/api/v1/survivors/{id}/consents"), ("GET", "/api/v1/survivors/{id}/consents/history"),
        ("POST", "/api/v1/survivors/{id}/consents/{cid}/confirm"), ("POST", "/api/v1/survivors/{id}/pin"),
        ("GET", "/api/v1/requests"), ("PATCH", "/api/v1/requests/{rid}"), ("PUT", "/api/v1/requests/{rid}/document"),
        ("GET", "/api/v1/alerts"), ("POST", "/api/v1/alerts/{aid}/ack"), ("POST", "/api/v1/campaigns"),
        ("GET", "/api/v1/campaigns/{cmp}"), ("POST", "/api/v1/campaigns/{cmp}/updates"),
        ("GET", "/api/v1/campaigns/{cmp}/results"), ("GET", "/api/v1/campaigns/{cmp}/results.csv"),
        ("GET", "/api/v1/campaigns/{cmp}/questions/{q}/chart.svg"), ("GET", "/api/v1/openapi.yaml"),
    ]

    def ident(self, r: random.Random, known: list[str]) -> str:
        k = r.random()
        if known and k < 0.4:
            return r.choice(known)
        return r.choice(["x", "demo-ana", "cmp-1", "exit", "s1.R-7C6WPB", "%zz", "..%2f..%2fetc", "%00", "a" * 3000,
                         urllib.parse.quote(text(r, 30), safe=""), "%E0%A4", "é", "1", "-1", "null", "%2F"])

    def valid_body(self, r: random.Random, path: str) -> dict:
        if path == "/api/v1/staff":
            return {"id": "cm-%d" % r.randint(0, 10**6), "role": r.choice(["case_manager", "coordinator", "admin", "x"]),
                    "name": text(r, 30)}
        if path == "/api/v1/survivors":
            # mostly invalid (the PIN hash of a valid enrolment is deliberately slow)
            return {"caseRef": text(r, 20), "caseManager": r.choice(["cm-fuzz", "nobody"]),
                    "language": r.choice(["es", "en", "pt", "fr", "xx"]),
                    "contacts": [{"channel": r.choice(["sms", "whatsapp", "telegram", "pigeon"]),
                                  "address": r.choice(["+1555%07d" % r.randint(0, 10**7), "abc", ""])}],
                    "pin": r.choice(["12", "abcd", "", "123456789"])}
        if path.endswith("/consents"):
            return {"id": "c%d" % r.randint(0, 99), "data": "case-notes", "recipient": "shelter", "purpose": "referral",
                    "until": r.choice(["2027-06-30", "2020-01-01", "tomorrow", "2027-02-30"]),
                    "status": r.choice(["pending", "granted", "bogus"])}
        if path.endswith("/pin"):
            return {"pin": r.choice(["12", "abcd", "", "123456789", None])}
        if path.startswith("/api/v1/requests/"):
            return {"status": r.choice(["open", "in_progress", "ready", "delivered", "refused", "closed", "x"]),
                    "note": text(r, 600)}
        if path == "/api/v1/campaigns":
            return {"id": r.choice(["cmp-%d" % r.randint(0, 99), "bad id!", ""]), "surveyId": r.choice(["exit", "nope"]),
                    "startAt": r.choice(["2030-01-01T00:00:00Z", "yesterday", "2020-01-01T00:00:00Z"]),
                    "closesAt": r.choice(["2030-02-01T00:00:00Z", "2019-01-01T00:00:00Z", None]),
                    "cohort": r.choice([{}, {"languages": ["es"]}, {"exitedFrom": "x"}, []]),
                    "quietHours": r.choice([{"from": "21:00", "to": "08:00"}, {"from": "99:99"}, "x"])}
        if path.endswith("/updates"):
            return {"text": r.choice([{"es": text(r, 200)}, {}, {"xx": "y"}, "text", {"es": 5}])}
        return {}

    def mutate_json(self, r: random.Random, body) -> tuple[str, bytes]:
        m = r.random()
        if m < 0.4:
            return "json", enc(json.dumps(body))
        if m < 0.5:
            k = r.choice(list(body)) if body else "x"
            body = dict(body)
            body[k] = r.choice([None, 7, -1, 1e308, True, [], {}, [1, [2, [3]]], "x" * 100000, {"$ne": 1}])
            return "json+wrong-type", enc(json.dumps(body))
        if m < 0.58:
            depth = r.choice([64, 1000, 10000])
            return "json+deep-nesting", b"[" * depth + b"]" * depth
        if m < 0.66:
            return "json+invalid-utf8", b'{"id": "\xc3\x28", "name": "\xff\xfe", "pin": "\xed\xa0\x80"}'
        if m < 0.74:
            return "not-json", r.choice([b"", b"{", b"nul", b"[]", b"7", b'"s"', r.randbytes(100), b"{'a': 1}",
                                         b'{"a":1}{"b":2}', b"\x00" * 10])
        if m < 0.80:
            return "json+extra-fields", enc(json.dumps({**body, **{"x%d" % i: i for i in range(300)}}))
        if m < 0.86:
            return "json+huge", enc(json.dumps({**body, "pad": "é" * 40000}))
        if m < 0.92:
            return "json+lone-surrogates", enc(json.dumps({k: lone_surrogates(r) for k in (body or {"x": 1})}))
        return "json+duplicate-keys", b'{"pin": "1234", "pin": 5, "status": "x", "status": null}'

    def staff(self, r: random.Random) -> Req:
        method, template = r.choice(self.ROUTES)
        path = (template.replace("{id}", self.ident(r, self.survivors)).replace("{cid}", r.choice(["c1", "p1", "zz"]))
                .replace("{rid}", self.ident(r, self.requests)).replace("{aid}", self.ident(r, []))
                .replace("{cmp}", self.ident(r, ["cmp-1", "exit-2026"])).replace("{q}", r.choice(["safe", "x", "%zz"])))
        if r.random() < 0.1:
            path += "?" + r.choice(["language=es", "language=%zz&programme=", "exitPeriod=2025-Q9", "a=" + "b" * 5000,
                                    "status=open&x=%", "&&&=", "programme=" + urllib.parse.quote(text(r, 40))])
        a = r.random()
        headers = []
        if a < 0.15:
            auth = "no-token"
        elif a < 0.25:
            auth = "bad-token"
            headers.append(("Authorization", r.choice(["Bearer nope", "Bearer", "Basic YTpi", "bearer " + "x" * 5000,
                                                       "Bearer \u00e9", "Token abc"])))
        else:
            auth = "admin"
            headers.append(("Authorization", "Bearer " + (self.staff_token if self.staff_token and r.random() < 0.2
                                                          else self.admin)))
        body = b""
        shape = auth
        if method in ("POST", "PATCH", "PUT"):
            if template.endswith("/document"):
                kind = r.choice(["pdf", "not-pdf", "empty", "wrong-type"])
                body = {"pdf": b"%PDF-1.4\n" + r.randbytes(r.randint(0, 20000)), "not-pdf": r.randbytes(500),
                        "empty": b"", "wrong-type": b"%PDF-1.4"}[kind]
                headers.append(("Content-Type", "text/plain" if kind == "wrong-type" else "application/pdf"))
                shape += "+document-" + kind
            else:
                kind, body = self.mutate_json(r, self.valid_body(r, template))
                shape += "+" + kind
                ct = "application/json"
                if r.random() < 0.07:
                    ct = r.choice(["text/plain", "application/x-www-form-urlencoded", "application/xml", "",
                                   "application/json; charset=latin1", "multipart/form-data; boundary=x"])
                    shape += "+content-type"
                headers.append(("Content-Type", ct))
        elif r.random() < 0.05:
            body = b'{"unexpected": "body"}'
            headers.append(("Content-Type", "application/json"))
            shape += "+body-on-" + method
        if r.random() < 0.04:
            method = r.choice(["DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "GET", "POST"])
            shape += "+method-" + method
        return Req("api " + template, shape, method, path, headers, body)

    # ------------------------------------------------------------------ download page, simulator, ops

    def download(self, r: random.Random) -> Req:
        token = r.choice(["x", "A" * 43, base64.urlsafe_b64encode(r.randbytes(32)).decode().rstrip("="), "%zz",
                          "..%2f", "%00", "é", "a" * 4000, urllib.parse.quote(text(r, 20), safe="")])
        if r.random() < 0.4:
            return Req("GET /d/{token}", "get", "GET", "/d/" + token)
        pin = r.choice([b"pin=1234", b"pin=", b"pin=%ZZ", b"pin=%", b"%%%&&&=", b"a=%", b"pin=" + b"9" * 10000,
                        b"pin=1234&pin=5678", b"", b"pin=%E0%A4", b"pin=\xff\xfe", b"&" * 300,
                        "&".join("f%d=1" % i for i in range(300)).encode(),
                        b"pin=" + urllib.parse.quote(text(r, 100)).encode()])
        headers = [("Content-Type", r.choice(["application/x-www-form-urlencoded"] * 5 + ["text/plain",
                                                                                        "application/json", ""]))]
        if r.random() < 0.05:
            return Req("POST /d/{token}", "pin-form+bad-query", "POST", "/d/" + token + "?" + r.choice(BAD_QUERIES),
                       headers, pin)
        return Req("POST /d/{token}", "pin-form", "POST", "/d/" + token, headers, pin)

    def simulator(self, r: random.Random) -> Req:
        k = r.random()
        if k < 0.15:
            return Req("GET /simulator", "page", "GET", "/simulator")
        if k < 0.25:
            return Req("GET /simulator/api/personas", "list", "GET", "/simulator/api/personas")
        if k < 0.45:
            q = r.choice(["as=ana", "as=sam", "as=nobody", "", "as=%zz", "as=" + "a" * 3000, "as=ana&after=-1",
                          "as=ana&after=abc"])
            return Req("GET /simulator/api/messages", "query", "GET", "/simulator/api/messages?" + q)
        body = {"as": r.choice(["ana", "sam", "joao", "marie", "nobody", 5, None]), "text": text(r, 2000)}
        kind, raw = self.mutate_json(r, body)
        return Req("POST /simulator/api/messages", kind, "POST", "/simulator/api/messages",
                   [("Content-Type", "application/json")], raw)

    def ops(self, r: random.Random) -> Req:
        path = r.choice(["/health/live", "/health/ready", "/metrics", "/health/live?x=%zz", "/metrics?name[]=x"])
        method = r.choice(["GET"] * 6 + ["HEAD", "POST", "OPTIONS"])
        return Req(method + " " + path.split("?")[0], "plain", method, path)

    def oddity(self, r: random.Random) -> Req:
        k = r.randint(0, 19)
        if k == 0:
            return Req("raw", "bad-path", "GET", r.choice(["/%zz", "/..%2f..%2fetc/passwd", "/%", "/%00", "//",
                                                           "/./health/live", "/health/live/../../x", "/\u00e9",
                                                           "/api/v1/%2e%2e/", "/d/%ZZ", "*"]))
        if k == 1:
            return Req("raw", "long-url", "GET", "/" + "a" * r.choice([5000, 9000, 70000]), fresh=True)
        if k == 2:
            return Req("raw", "bad-method", r.choice(["FOO", "PROPFIND", "CONNECT", "TRACE", "get", "M" * 100]),
                       r.choice(["/health/live", "/webhooks/telegram", "/api/v1/alerts", "/d/x"]), fresh=True)
        if k == 3:
            return Req("raw", "huge-header", "GET", "/health/live", [("X-Big", "x" * r.choice([9000, 70000]))],
                       fresh=True)
        if k == 4:
            return Req("raw", "many-headers", "GET", "/health/live", [("X-H%d" % i, "v") for i in range(500)],
                       fresh=True)
        if k == 5:
            return Req("raw", "bad-header-chars", raw=b"GET /health/live HTTP/1.1\r\nHost: x\r\nX: a\x00b\x7f\r\n"
                                                      b"Bad Header: y\r\n: empty\r\n\r\n")
        if k == 6:
            target = r.choice(["/webhooks/twilio/messages", "/api/v1/staff", "/d/x", "/webhooks/telegram"])
            return Req("raw", "content-length-longer", raw=("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                                             "application/x-www-form-urlencoded\r\nContent-Length: 100"
                                                             "\r\n\r\npin=1" % target).encode())
        if k == 7:
            target = r.choice(["/webhooks/twilio/messages", "/api/v1/staff", "/d/x", "/simulator/api/messages"])
            return Req("raw", "content-length-shorter", raw=("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                                              "application/json\r\nContent-Length: 3\r\nConnection: "
                                                              "close\r\n\r\n{\"as\": \"ana\"}" % target).encode())
        if k == 8:
            return Req("raw", "content-length-invalid", raw=b"POST /d/x HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
                                                            b"Content-Length: 7\r\n\r\npin=123")
        if k == 9:
            return Req("raw", "chunked-bad", raw=b"POST /webhooks/telegram HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                 b"chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n")
        if k == 10:
            return Req("raw", "http/2.0-line", raw=r.choice([b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
                                                            b"GET /health/live HTTP/2.0\r\nHost: x\r\n\r\n",
                                                            b"POST /d/x HTTP/2.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n"]))
        if k == 11:
            return Req("raw", "http/0.9-line", raw=r.choice([b"GET /\r\n", b"GET /health/live\r\n\r\n",
                                                            b"GET /health/live HTTP/0.9\r\n\r\n"]))
        if k == 12:
            return Req("raw", "h2-preface", raw=b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + r.randbytes(30))
        if k == 13:
            return Req("raw", "garbage-line", raw=r.choice([b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" +
                                                           r.randbytes(100), r.randbytes(r.randint(1, 400)),
                                                           b"HELLO\r\n\r\n", b"GET\r\n\r\n", b"\r\n\r\n",
                                                           b"GET / HTTP/1.1 extra\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                                                           b"GET / FTP/1.0\r\n\r\n"]))
        if k == 14:
            return Req("raw", "expect-100", "POST", "/webhooks/telegram",
                       [("Expect", r.choice(["100-continue", "bogus"])), ("Content-Type", "application/json")], b"{}")
        if k == 15:
            return Req("raw", "no-host", raw=b"GET /health/live HTTP/1.1\r\n\r\n")
        if k == 16:
            return Req("raw", "http/1.0", raw=b"POST /d/abc HTTP/1.0\r\nContent-Type: application/x-www-form-"
                                              b"urlencoded\r\nContent-Length: 8\r\n\r\npin=1234")
        if k == 17:
            return Req("raw", "unknown-path", r.choice(["GET", "POST"]), "/" + urllib.parse.quote(text(r, 30)))
        if k == 18:
            return Req("raw", "absolute-uri", raw=b"GET http://evil.example/health/live HTTP/1.1\r\nHost: x\r\n\r\n")
        if k == 19 and r.random() < 0.5:
            # a form (or multipart) body with a query that does not decode, to any route
            target = r.choice(["/webhooks/twilio/messages", "/webhooks/twilio/status", "/d/x", "/api/v1/staff",
                               "/simulator/api/messages", "/nowhere", "/webhooks/telegram"])
            ct = r.choice(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
            return Req("form " + target, "bad-query+" + ct.split(";")[0], "POST", target + "?" + r.choice(BAD_QUERIES),
                       [("Content-Type", ct)], b"a=b")
        return Req("raw", "header-no-colon-fold", raw=b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\n\r\n")

    # ------------------------------------------------------------------ the mix

    def request(self, index: int) -> Req:
        r = random.Random(self.args.seed * 1_000_003 + index)
        k = r.random()
        if k < 0.30:
            return self.twilio(r, status=False)
        if k < 0.38:
            return self.twilio(r, status=True)
        if k < 0.50:
            return self.telegram(r)
        if k < 0.74:
            return self.staff(r)
        if k < 0.83:
            return self.download(r)
        if k < 0.89:
            return self.simulator(r)
        if k < 0.92:
            return self.ops(r)
        return self.oddity(r)


# ---------------------------------------------------------------------------------------------- transport


class Conn:
    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock = None
        self.buf = b""

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.buf = b""

    def open(self):
        self.close()
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError
        self.buf += data

    def _line_block(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
            if len(self.buf) > 1 << 20:
                raise ValueError("header too large")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        return head

    def _exact(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def response(self, method):
        """(status, keep_alive) of one response; reads and drops its body."""
        head = self._line_block()
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        status = int(parts[1])
        headers = {}
        for line in lines[1:]:
            if b":" in line:
                k, v = line.split(b":", 1)
                headers[k.strip().lower()] = v.strip()
        keep = parts[0] == b"HTTP/1.1" and headers.get(b"connection", b"").lower() != b"close"
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return status, keep
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            while True:
                while b"\r\n" not in self.buf:
                    self._fill()
                size_line, self.buf = self.buf.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                self._exact(size + 2)
                if size == 0:
                    break
        elif b"content-length" in headers:
            self._exact(int(headers[b"content-length"]))
        else:
            keep = False
        return status, keep


def _readable(sock) -> bool:
    import select
    try:
        return bool(select.select([sock], [], [], 0.5)[0])
    except (OSError, ValueError):
        return False


def send(conn: Conn, req: Req, host: str) -> str:
    """Sends one request; its status as text, or what happened instead (closed, timeout, reset)."""
    for attempt in (0, 1):
        reused = conn.sock is not None
        try:
            if conn.sock is None or req.fresh:
                conn.open()
            try:
                conn.sock.sendall(req.wire(host))
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                # the server answered (e.g. 413) and stopped reading before the whole body was sent: read that answer
                if conn.sock is None or conn.buf or not _readable(conn.sock):
                    raise
            if req.raw is not None and b"Content-Length: 100" in req.raw:
                conn.sock.shutdown(socket.SHUT_WR)  # the body promised never comes
            status, keep = conn.response(req.method)
            while 100 <= status < 200:  # 100-continue: the final response follows
                status, keep = conn.response(req.method)
            if req.fresh or not keep:
                conn.close()
            return str(status)
        except socket.timeout:
            conn.close()
            return "timeout"
        except (EOFError, ConnectionResetError, BrokenPipeError) as e:
            conn.close()
            if reused and attempt == 0 and not req.fresh:
                continue  # the server closed an idle keep-alive connection: once more on a new one
            return "closed" if isinstance(e, EOFError) else "reset"
        except (ValueError, IndexError):
            conn.close()
            return "unparsable"
        except OSError as e:
            conn.close()
            return "error:" + type(e).__name__
    return "closed"


# ---------------------------------------------------------------------------------------------- setup


def call(host, port, method, path, token, body):
    conn = Conn(host, port, 30)
    data = enc(json.dumps(body)) if body is not None else b""
    req = Req("setup", "setup", method, path, [("Authorization", "Bearer " + token),
                                                ("Content-Type", "application/json")], data, fresh=True)
    conn.open()
    conn.sock.sendall(req.wire(host))
    head = conn._line_block()
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    payload = conn._exact(length) if length else b""
    conn.close()
    return status, (json.loads(payload) if payload.startswith(b"{") else None)


def prepare(fuzz: Fuzz, host, port):
    """Enrols a few survivors (their numbers are then used by the Twilio requests) and a case manager."""
    status, body = call(host, port, "POST", "/api/v1/staff", fuzz.admin,
                        {"id": "cm-fuzz", "role": "case_manager", "name": "Fuzz"})
    if status == 201 and body:
        fuzz.staff_token = body.get("token")
    elif status != 409:
        raise SystemExit(f"cannot create the fuzz case manager: HTTP {status}")
    for i in range(fuzz.args.survivors):
        phone = "+1555000%04d" % i
        status, body = call(host, port, "POST", "/api/v1/survivors", fuzz.admin, {
            "caseRef": "FUZZ-%d" % i, "caseManager": "cm-fuzz", "language": ["es", "en", "pt", "fr"][i % 4],
            "contacts": [{"channel": "sms", "address": phone}, {"channel": "whatsapp", "address": phone}], "pin": "4821",
            "consents": [{"id": "c1", "data": "case-notes", "recipient": "shelter", "purpose": "referral",
                          "until": "2030-06-30", "status": "granted"},
                         {"id": "p1", "data": "contact-details", "recipient": "legal-aid", "purpose": "legal-support",
                          "until": "2030-06-30", "status": "pending"}],
            "feedback": {"acceptsRequests": True, "programme": "shelter", "exitedOn": "2025-08-01"}})
        if status == 201 and body:
            fuzz.survivors.append(body["id"])
        elif status != 409:
            raise SystemExit(f"cannot enrol fuzz survivor {i}: HTTP {status}")
        fuzz.phones.append(phone)


# ---------------------------------------------------------------------------------------------- run


class Ready(threading.Thread):
    """Polls /health/ready every `every` seconds until stopped; counts anything but 200."""

    def __init__(self, host, port, every):
        super().__init__(daemon=True)
        self.host, self.port, self.every = host, port, every
        self.polls = 0
        self.failures = collections.Counter()
        self.stop = threading.Event()

    def run(self):
        conn = Conn(self.host, self.port, 5)
        while not self.stop.is_set():
            started = time.monotonic()
            status = send(conn, Req("ready", "poll", "GET", "/health/ready"), self.host)
            self.polls += 1
            if status != "200":
                self.failures[status] += 1
            self.stop.wait(max(0.0, self.every - (time.monotonic() - started)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default="http://127.0.0.1:8080", help="where Voz listens")
    p.add_argument("--public-url", default=None, help="VOZ_PUBLIC_URL, which Twilio signatures cover (default --url)")
    p.add_argument("--requests", type=int, default=100_000)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--survivors", type=int, default=4, help="survivors to enrol first (each a slow PIN hash)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for one response")
    p.add_argument("--twilio-token", required=True)
    p.add_argument("--telegram-secret", required=True)
    p.add_argument("--admin-token", required=True)
    p.add_argument("--samples", default="reliability/fuzz-5xx.txt", help="where the first 5xx request shapes go")
    p.add_argument("--report", default=None, help="also write the report as JSON here")
    args = p.parse_args()
    args.public_url = args.public_url or args.url
    url = urllib.parse.urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    hostport = f"{host}:{port}"

    fuzz = Fuzz(args)
    prepare(fuzz, host, port)

    counts = collections.defaultdict(collections.Counter)  # endpoint -> status -> n
    shapes5xx = collections.Counter()
    versions505 = [0]
    silent = collections.Counter()  # well-formed requests that got no response (timeout, closed, reset)
    samples: list[str] = []
    lock = threading.Lock()
    next_index = [0]
    ready = Ready(host, port, 1.0)
    ready.start()

    def describe(i, status, req):
        size = len(req.raw) if req.raw is not None else len(req.body)
        first = (req.raw if req.raw is not None else req.body)[:120]
        return (f"#{i} {status} {req.endpoint} [{req.shape}] {req.method} {req.path[:120]!r} "
                f"content-type={dict(req.headers).get('Content-Type')!r} body={size} bytes, starts {first!r}")

    def worker():
        conn = Conn(host, port, args.timeout)
        while True:
            with lock:
                i = next_index[0]
                if i >= args.requests:
                    break
                next_index[0] += 1
            req = fuzz.request(i)
            status = send(conn, req, hostport)
            with lock:
                counts[req.endpoint][status] += 1
                if not status[0].isdigit() and req.endpoint != "raw":
                    key = (req.endpoint, req.shape, status)
                    silent[key] += 1
                    if silent[key] <= 3 and len(samples) < 300:
                        samples.append(describe(i, status, req))
                if status == "505" and unsupported_version(req):
                    versions505[0] += 1  # the right answer (RFC 9110 15.6.6; issue 17: "handled or 505")
                elif status.startswith("5"):
                    key = (req.endpoint, req.shape, status)
                    shapes5xx[key] += 1
                    if shapes5xx[key] <= 3 and len(samples) < 300:  # the first three of each kind
                        samples.append(describe(i, status, req))
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    last = 0
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        done = next_index[0]
        if done - last >= 10_000 or done >= args.requests:
            if done != last:
                print(f"  {done} requests, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
            last = done
    elapsed = time.monotonic() - started
    time.sleep(1.5)  # one more poll after the last request
    ready.stop.set()
    ready.join()

    total = sum(sum(c.values()) for c in counts.values())
    five = sum(n for c in counts.values() for s, n in c.items() if s.startswith("5")) - versions505[0]
    print(f"\nVoz fuzz: seed {args.seed}, {total} requests, concurrency {args.concurrency}, {elapsed:.1f} s, "
          f"{total / elapsed:.0f} requests/s")
    width = max(len(e) for e in counts)
    for endpoint in sorted(counts):
        row = "  ".join(f"{s}:{n}" for s, n in sorted(counts[endpoint].items()))
        print(f"  {endpoint:<{width}}  {row}")
    print(f"505 to a request line of an HTTP version Voz does not speak (expected, not counted as 5xx): {versions505[0]}")
    print(f"5xx: {five}")
    for (endpoint, shape, status), n in shapes5xx.most_common(30):
        print(f"  {n:6d} x {status} {endpoint} [{shape}]")
    if silent:
        print(f"no response to {sum(silent.values())} requests other than the raw oddities:")
        for (endpoint, shape, status), n in silent.most_common(15):
            print(f"  {n:6d} x {status} {endpoint} [{shape}]")
    print(f"readiness: {ready.polls} polls of /health/ready, {sum(ready.failures.values())} not 200 "
          f"{dict(ready.failures) if ready.failures else ''}")
    if samples:
        with open(args.samples, "w", encoding="utf-8") as f:
            f.write("\n".join(samples) + "\n")
        print(f"the first 5xx and unanswered requests of each kind ({len(samples)}): {args.samples}")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump({"seed": args.seed, "requests": total, "seconds": round(elapsed, 1),
                       "perSecond": round(total / elapsed), "fiveXX": five,
                       "fiveXXShapes": [{"endpoint": e, "shape": s, "status": st, "count": n}
                                        for (e, s, st), n in shapes5xx.most_common()],
                       "noResponse": [{"endpoint": e, "shape": s, "status": st, "count": n}
                                      for (e, s, st), n in silent.most_common()],
                       "readyPolls": ready.polls, "readyFailures": sum(ready.failures.values()),
                       "statuses": {e: dict(c) for e, c in counts.items()}}, f, indent=1, sort_keys=True)
    sys.exit(0 if five == 0 and not silent and not ready.failures and total == args.requests else 1)


if __name__ == "__main__":
    main()
