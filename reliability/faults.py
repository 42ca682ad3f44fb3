#!/usr/bin/env python3
"""Fault runs (issue 17, "Faults, as figures"): Voz under load while something fails, and what became of every
message. Python 3.11 standard library only; everything on 127.0.0.1; every process it starts is stopped at the end.

    reliability/faults.py                                  # every row, full length (about 35 minutes)
    reliability/faults.py --rows voz-kill,redis-kill-always --conversations 500
    reliability/faults.py --rows twilio-errors --twilio-outage 2m     # a quick run of the Twilio row

Rows (--rows, comma-separated; default all):
  voz-kill             kill -9 of Voz at 40 % of the load, started again at once with the same VOZ_INSTANCE_ID
  redis-kill-always    kill -9 of redis-server (appendfsync always) at 40 %, started again 1 s later on its AOF
  redis-kill-everysec  the same with appendfsync everysec
  sentinel-failover    a master, a replica and three Sentinels, Voz on redis-sentinel://; kill -9 of the master at
                       40 %: the Sentinels promote the replica
  twilio-errors        the Twilio stub answers 500, 429 and not at all (in turn) for --twilio-outage, the load
                       paced to span it; then everything must still arrive
  alerts-down          the alert webhook answers 503 for --alert-outage (1 h), simulated --compress times faster
                       (see RELIABILITY.md): every survivor withdraws a permission, so each raises one alert

Each survivor (SMS, English, enrolled through the staff API) has one conversation: its webhooks are sent one after
the other, each as soon as the one before was answered 200; a webhook answered otherwise, or not at all, is sent
again with the same MessageSid (as Twilio would), until answered 200. The stub (stub.py --record) writes every
message it accepted. Every reply of a conversation starts differently, so each is known by its start:

  acknowledged  webhooks answered 200
  lost          acknowledged webhooks whose reply never reached the stub (or, alerts-down: alerts never accepted)
  duplicated    replies (alerts) that reached the stub more than once
  delayed       replies that reached the stub more than 5 s after their webhook was answered 200
  order         survivors whose replies came out of order
  5xx           webhook answers 500-599 (a webhook with no answer, while Voz was down, is counted apart)

Prints one Markdown row per fault, and writes faults.json to the run's work folder (kept: logs, the stub's record).
Exit status 0 when every row has 0 lost and 0 duplicated, 1 otherwise, 2 when a run could not be prepared.
"""

from __future__ import annotations

import argparse
import base64
import collections
import hashlib
import hmac
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
ACCOUNT = "AC" + "0" * 32
FROM = "+15550009999"
PIN = "2468"
PARTITIONS = 16
ROWS = ["voz-kill", "redis-kill-always", "redis-kill-everysec", "sentinel-failover", "twilio-errors", "alerts-down"]

# what a survivor sends, and how each reply starts (English)
CHECKUP = (["Hi", PIN, "1", "HELP"],
           ["Hi. Reply with your PIN", "What would you like to do?", "What you share", "Reply MENU for options"])
WITHDRAW = (["Hi", PIN, "2", "1", "1"],
            ["Hi. Reply with your PIN", "What would you like to do?", "What do you want to stop sharing",
             "If you confirm", "Done:"])


def log(message: str):
    print(time.strftime("[faults %H:%M:%S] ") + message, file=sys.stderr, flush=True)


def seconds(text: str) -> float:
    """90, 90s, 2m, 1h, 1m30s."""
    total, number = 0.0, ""
    for c in text:
        if c.isdigit() or c == ".":
            number += c
        elif c in "smh":
            total += float(number) * {"s": 1, "m": 60, "h": 3600}[c]
            number = ""
        else:
            raise argparse.ArgumentTypeError("bad duration " + text)
    return total + (float(number) if number else 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("timed out waiting for " + what)


def request(port: int, method: str, path: str, body=None, headers=None, timeout=15.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, data
    finally:
        conn.close()


def redis_cli(port: int, *args: str) -> str:
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=10).stdout.strip()


# ---------------------------------------------------------------------------------------------- processes


class Processes:
    """Every child this run started, by name; killed by pid, never by name."""

    def __init__(self, work: str):
        self.work = work
        self.children: dict[str, subprocess.Popen] = {}

    def start(self, name: str, cmd: list[str], env=None, cwd=None) -> subprocess.Popen:
        out = open(os.path.join(self.work, name + ".log"), "ab")
        proc = subprocess.Popen(cmd, env=env, cwd=cwd or self.work, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.children[name] = proc
        return proc

    def kill9(self, name: str):
        proc = self.children.pop(name)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop_all(self):
        for proc in self.children.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.children.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
        self.children.clear()


class RedisSetup:
    """One redis-server on its AOF (restartable), or a master, a replica and three Sentinels."""

    def __init__(self, procs: Processes, work: str, fsync: str, sentinel: bool):
        self.procs, self.work, self.fsync, self.sentinel = procs, work, fsync, sentinel
        self.port = free_port()
        self.replica_port = free_port() if sentinel else None
        self.sentinel_ports = [free_port() for _ in range(3)] if sentinel else []

    def _server(self, name: str, port: int, extra: list[str]):
        folder = os.path.join(self.work, name)
        os.makedirs(folder, exist_ok=True)
        # a copy: after a Sentinel failover Redis rewrites its config file (CONFIG REWRITE), which must not be the repo's
        conf = os.path.join(folder, "redis.conf")
        shutil.copyfile(os.path.join(REPO, "config/redis.conf"), conf)
        self.procs.start(name, ["redis-server", conf, "--port", str(port),
                                "--bind", "127.0.0.1", "--dir", folder, "--appendfsync", self.fsync,
                                "--save", "", "--daemonize", "no", "--protected-mode", "no", *extra])
        wait_for(lambda: redis_cli(port, "PING") == "PONG", 30, name)

    def start(self) -> str:
        self._server("redis", self.port, [])
        if not self.sentinel:
            return "redis://127.0.0.1:%d" % self.port
        self._server("replica", self.replica_port, ["--replicaof", "127.0.0.1", str(self.port)])
        wait_for(lambda: "master_link_status:up" in redis_cli(self.replica_port, "INFO", "replication"), 30,
                 "the replica")
        for i, port in enumerate(self.sentinel_ports):
            conf = os.path.join(self.work, "sentinel-%d.conf" % i)
            with open(conf, "w") as f:
                f.write("port %d\nbind 127.0.0.1\nprotected-mode no\ndir %s\n"
                        "sentinel monitor voz 127.0.0.1 %d 2\n"
                        "sentinel down-after-milliseconds voz 2000\n"
                        "sentinel failover-timeout voz 20000\n"
                        "sentinel parallel-syncs voz 1\n" % (port, self.work, self.port))
            self.procs.start("sentinel-%d" % i, ["redis-sentinel", conf])
        for port in self.sentinel_ports:
            wait_for(lambda p=port: "num-slaves" in redis_cli(p, "SENTINEL", "master", "voz")
                     and redis_cli(p, "SENTINEL", "replicas", "voz") != "", 30, "the Sentinels")
        return "redis-sentinel://" + ",".join("127.0.0.1:%d" % p for p in self.sentinel_ports) + "/0#voz"

    def master_port(self) -> int:
        if not self.sentinel:
            return self.port
        answer = redis_cli(self.sentinel_ports[0], "SENTINEL", "get-master-addr-by-name", "voz").split()
        return int(answer[1]) if len(answer) == 2 else self.port

    def kill_and_restart(self, pause: float):
        self.procs.kill9("redis")
        log("redis-server killed (kill -9)")
        time.sleep(pause)
        self._server("redis", self.port, [])
        log("redis-server started again on its append-only file")

    def kill_master(self):
        self.procs.kill9("redis")
        log("Sentinel master killed (kill -9); waiting for the Sentinels to promote the replica")
        wait_for(lambda: self.master_port() == self.replica_port, 60, "the failover")
        log("failover done: the replica is the master")

    def depth(self) -> int:
        script = ("local n = 0 for p = 0, %d do n = n + redis.call('XLEN', 'voz:{'..p..'}:outbox') "
                  "+ redis.call('ZCARD', 'voz:{'..p..'}:retry') end return n" % (PARTITIONS - 1))
        answer = redis_cli(self.master_port(), "EVAL", script, "0")
        return int(answer) if answer.lstrip("-").isdigit() else -1


class Voz:
    def __init__(self, procs: Processes, work: str, jar: str, redis_url: str, stub_port: int, config: str):
        self.procs, self.work, self.jar = procs, work, jar
        self.port = free_port()
        self.public = "http://127.0.0.1:%d" % self.port
        self.twilio_token = "faults-twilio-" + os.urandom(8).hex()
        self.admin = "faults-admin-" + os.urandom(16).hex()
        self.env = dict(os.environ)
        self.env.update({
            "VOZ_ENV": "dev", "VOZ_HTTP_PORT": str(self.port), "VOZ_PUBLIC_URL": self.public,
            "VOZ_ADMIN_TOKEN": self.admin, "VOZ_DATA_KEY": base64.b64encode(os.urandom(32)).decode(),
            "VOZ_INSTANCE_ID": "faults-voz-1", "REDIS_URL": redis_url, "VOZ_CONFIG": config,
            "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": self.twilio_token, "TWILIO_FROM": FROM,
            "TWILIO_API_BASE": "http://127.0.0.1:%d" % stub_port,
            "VOZ_ALERT_WEBHOOK_URL": "http://127.0.0.1:%d/alerts" % stub_port, "VOZ_ALERT_WEBHOOK_SECRET": "faults-a",
            "VOZ_SAFEGUARDING_WEBHOOK_URL": "http://127.0.0.1:%d/safeguarding" % stub_port,
            "VOZ_SAFEGUARDING_WEBHOOK_SECRET": "faults-s", "VOZ_LOG_LEVEL": "INFO"})
        link = os.path.join(work, "conversations")
        if not os.path.exists(link):
            os.symlink(os.path.join(REPO, "conversations"), link)
        self.starts = 0

    def start(self):
        self.starts += 1
        self.procs.start("voz", ["java", "-Xmx512m", "-jar", self.jar], env=self.env)
        wait_for(self.ready, 120, "Voz to be ready")

    def ready(self) -> bool:
        proc = self.procs.children.get("voz")
        if proc is None or proc.poll() is not None:
            raise RuntimeError("Voz is not running: see voz.log in " + self.work)
        return request(self.port, "GET", "/health/ready", timeout=2)[0] == 200

    def kill_and_restart(self):
        self.procs.kill9("voz")
        log("Voz killed (kill -9); starting it again with the same VOZ_INSTANCE_ID")
        self.start()
        log("Voz ready again")

    def api(self, method: str, path: str, body: dict):
        status, data = request(self.port, method, path, json.dumps(body).encode(),
                               {"Authorization": "Bearer " + self.admin, "Content-Type": "application/json"}, 30)
        return status, (json.loads(data) if data.startswith(b"{") else None)

    def sign(self, path: str, params: dict[str, str]) -> str:
        # as fuzz.py: base64 HMAC-SHA1 of the public URL + path + the sorted names and values
        data = self.public + path + "".join(k + params[k] for k in sorted(params))
        return base64.b64encode(hmac.new(self.twilio_token.encode(), data.encode(), hashlib.sha1).digest()).decode()


class Stub:
    def __init__(self, procs: Processes, work: str):
        self.port = free_port()
        self.record = os.path.join(work, "stub-record.jsonl")
        procs.start("stub", [sys.executable, os.path.join(HERE, "stub.py"), str(self.port), "--record", self.record])
        wait_for(lambda: port_open(self.port), 10, "the stub")

    def control(self, **state):
        request(self.port, "POST", "/_control", json.dumps(state).encode(), {"Content-Type": "application/json"})

    def records(self) -> list[dict]:
        with open(self.record, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------------------------------------- load


class Load:
    """The conversations: `workers` survivors at a time, webhooks at most `rate` per second (0: as fast as answered)."""

    def __init__(self, voz: Voz, phones: list[str], script: tuple, workers: int, rate: float):
        self.voz, self.phones, self.sends, self.workers, self.rate = voz, phones, script[0], workers, rate
        self.acked: dict[tuple[int, int], float] = {}
        self.fivexx = 0
        self.no_answer = 0
        self.other = collections.Counter()
        self.gave_up = 0
        self.lock = threading.Lock()
        self.next_slot = 0.0
        self.run_id = os.urandom(4).hex()

    def total(self) -> int:
        return len(self.phones) * len(self.sends)

    def _pace(self):
        if self.rate <= 0:
            return
        with self.lock:
            now = time.time()
            self.next_slot = max(self.next_slot, now) + 1.0 / self.rate
            wait = self.next_slot - now - 1.0 / self.rate
        if wait > 0:
            time.sleep(wait)

    def _webhook(self, conn_box: list, i: int, k: int) -> bool:
        path = "/webhooks/twilio/messages"
        params = {"MessageSid": "SM%s%024x" % (self.run_id, i * 16 + k), "AccountSid": ACCOUNT,
                  "From": self.phones[i], "To": FROM, "Body": self.sends[k], "NumMedia": "0"}
        body = urllib.parse.urlencode(params).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "X-Twilio-Signature": self.voz.sign(path, params)}
        deadline = time.time() + 600
        while time.time() < deadline:
            self._pace()
            try:
                if conn_box[0] is None:
                    conn_box[0] = http.client.HTTPConnection("127.0.0.1", self.voz.port, timeout=20)
                conn_box[0].request("POST", path, body=body, headers=headers)
                resp = conn_box[0].getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                if conn_box[0] is not None:
                    conn_box[0].close()
                conn_box[0] = None
                with self.lock:
                    self.no_answer += 1
                time.sleep(0.5)
                continue
            if status == 200:
                with self.lock:
                    self.acked[(i, k)] = time.time()
                return True
            with self.lock:
                if 500 <= status < 600:
                    self.fivexx += 1
                else:
                    self.other[status] += 1
            time.sleep(0.5)
        with self.lock:
            self.gave_up += 1
        return False

    def run(self):
        survivors: queue.Queue[int] = queue.Queue()
        for i in range(len(self.phones)):
            survivors.put(i)

        def worker():
            conn_box = [None]
            while True:
                try:
                    i = survivors.get_nowait()
                except queue.Empty:
                    break
                for k in range(len(self.sends)):
                    if not self._webhook(conn_box, i, k):
                        break
            if conn_box[0] is not None:
                conn_box[0].close()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(self.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


# ---------------------------------------------------------------------------------------------- one row


def enrol(voz: Voz, n: int, phone_base: int) -> tuple[list[str], list[str]]:
    status, _ = voz.api("POST", "/api/v1/staff", {"id": "cm-faults", "role": "case_manager", "name": "Faults"})
    if status not in (201, 409):
        raise RuntimeError("cannot create the case manager: HTTP %d" % status)
    phones = ["+1555%07d" % (phone_base + i) for i in range(n)]
    ids: list[str] = [""] * n
    errors: list[str] = []
    jobs: queue.Queue[int] = queue.Queue()
    for i in range(n):
        jobs.put(i)

    def worker():
        while True:
            try:
                i = jobs.get_nowait()
            except queue.Empty:
                return
            status, body = voz.api("POST", "/api/v1/survivors", {
                "caseRef": "FAULTS-%d" % i, "caseManager": "cm-faults", "language": "en",
                "contacts": [{"channel": "sms", "address": phones[i]}], "pin": PIN,
                "consents": [{"id": "c1", "data": "case-notes", "recipient": "shelter", "purpose": "referral",
                              "until": "2030-06-30", "status": "granted"}]})
            if status == 201 and body:
                ids[i] = body["id"]
            else:
                errors.append("HTTP %d" % status)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError("%d enrolments failed, e.g. %s" % (len(errors), errors[0]))
    return phones, ids


def analyse(load: Load, phones: list[str], ids: list[str], script: tuple, records: list[dict],
            alerts_expected: bool, alert_step: int) -> dict:
    prefixes = script[1]
    by_phone = collections.defaultdict(list)
    unknown = 0
    for r in records:
        if r["kind"] != "sms":
            continue
        kind = next((k for k, p in enumerate(prefixes) if r["body"].startswith(p[:40])), None)
        if kind is None:
            unknown += 1
        else:
            by_phone[r["to"]].append((r["t"], kind))
    lost = duplicated = delayed = order_broken = 0
    max_delay = 0.0
    for i, phone in enumerate(phones):
        got = sorted(by_phone.get(phone, []))
        counts = collections.Counter(kind for _, kind in got)
        first: dict[int, float] = {}
        for t, kind in got:
            first.setdefault(kind, t)
        duplicated += sum(c - 1 for c in counts.values() if c > 1)
        sequence = [kind for kind, _ in sorted(first.items(), key=lambda item: item[1])]
        if sequence != sorted(sequence):
            order_broken += 1
        for k in range(len(prefixes)):
            acked_at = load.acked.get((i, k))
            if acked_at is None:
                continue
            if k not in first:
                lost += 1
                continue
            delay = max(0.0, first[k] - acked_at)
            max_delay = max(max_delay, delay)
            if delay > 5:
                delayed += 1
    result = {"acknowledged": len(load.acked), "webhooks": load.total(), "lost": lost, "duplicated": duplicated,
              "delayed": delayed, "maxDelay": round(max_delay, 1), "orderBroken": order_broken,
              "fivexx": load.fivexx, "noAnswer": load.no_answer, "otherStatus": dict(load.other),
              "gaveUp": load.gave_up, "unknownReplies": unknown}
    if alerts_expected:
        alerts = [r for r in records if r["kind"] == "alert" and r.get("type") == "consent.revoked"]
        per_id = collections.Counter(a["id"] for a in alerts)
        first_by_survivor: dict[str, float] = {}
        for a in sorted(alerts, key=lambda a: a["t"]):
            first_by_survivor.setdefault(a["survivorId"], a["t"])
        a_lost = a_delayed = 0
        a_max = 0.0
        for i, sid in enumerate(ids):
            acked_at = load.acked.get((i, alert_step))
            if acked_at is None:
                continue
            if sid not in first_by_survivor:
                a_lost += 1
                continue
            delay = max(0.0, first_by_survivor[sid] - acked_at)
            a_max = max(a_max, delay)
            a_delayed += delay > 5
        result.update({"alerts": len(per_id), "alertsLost": a_lost,
                       "alertsDuplicated": sum(c - 1 for c in per_id.values() if c > 1),
                       "alertsDelayed": a_delayed, "alertsMaxDelay": round(a_max, 1)})
    return result


def write_config(work: str, row: str, args) -> str:
    lines = ["twilio:", "  messagesPerSecond: 1000000",
             "telegram:", "  messagesPerSecond: 1000000", "  perChatPerSecond: 1000000",
             # the CPU goes to the outbox, not to PBKDF2 (1,000 is the least Voz accepts; production uses 210,000)
             "security:", "  pinHashIterations: 1000",
             "conversation:", "  idleTimeout: PT6H"]
    if row == "alerts-down":
        # an hour simulated `compress` times faster: every retry delay is `compress` times shorter
        base_ms = max(1, round(2000 / args.compress))
        max_ms = max(base_ms, round(600_000 / args.compress))
        lines += ["outbox:", "  backoffBase: PT%.3fS" % (base_ms / 1000), "  backoffMax: PT%.3fS" % (max_ms / 1000)]
    path = os.path.join(work, "voz-%s.yaml" % row)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def run_row(row: str, args, jar: str, root: str) -> dict:
    work = os.path.join(root, row)
    os.makedirs(work)
    procs = Processes(work)
    try:
        fsync = "always" if row == "redis-kill-always" else "everysec"
        redis = RedisSetup(procs, work, fsync, sentinel=row == "sentinel-failover")
        redis_url = redis.start()
        stub = Stub(procs, work)
        voz = Voz(procs, work, jar, redis_url, stub.port, write_config(work, row, args))
        voz.start()
        script = WITHDRAW if row == "alerts-down" else CHECKUP
        phones, ids = enrol(voz, args.conversations, 1_000_000 * (ROWS.index(row) + 1))
        log("%s: %d survivors enrolled, Redis %s" % (row, len(phones), redis_url.split("@")[-1]))
        outage = 0.0
        rate = 0.0
        if row == "twilio-errors":
            outage = args.twilio_outage
        elif row == "alerts-down":
            outage = args.alert_outage / args.compress
        if outage:
            rate = len(phones) * len(script[0]) / (outage * 0.9)  # the load spans the outage
        load = Load(voz, phones, script, args.workers, rate)
        started = time.time()
        fault_at: list[float] = []

        def inject():
            if row == "twilio-errors":
                stub.control(twilio="fail")
                log("Twilio stub answering 500 / 429 / nothing for %.0f s" % outage)
                fault_at.append(time.time())
                time.sleep(outage)
                stub.control(twilio="ok")
                log("Twilio stub answering again")
                return
            if row == "alerts-down":
                stub.control(alerts="down")
                log("alert webhook down for %.0f s (%.0f s simulated)" % (outage, args.alert_outage))
                fault_at.append(time.time())
                time.sleep(outage)
                stub.control(alerts="ok")
                log("alert webhook up again")
                return
            wait_for(lambda: len(load.acked) >= load.total() * 0.4, 600, "40 % of the load")
            fault_at.append(time.time())
            if row == "voz-kill":
                voz.kill_and_restart()
            elif row.startswith("redis-kill"):
                redis.kill_and_restart(1.0)
            elif row == "sentinel-failover":
                redis.kill_master()

        injector = threading.Thread(target=inject, daemon=True)
        injector.start()
        load.run()
        loaded = time.time()
        log("%s: load done in %.0f s: %d of %d webhooks acknowledged" % (row, loaded - started, len(load.acked),
                                                                        load.total()))
        injector.join()
        # drain: until every acknowledged webhook has its reply (and alert), or the outbox is empty and nothing came
        # for a while, or the longest retry delay has passed
        expected = len(load.acked)
        alert_step = len(script[0]) - 1
        want_alerts = sum(1 for i in range(len(phones)) if (i, alert_step) in load.acked) if row == "alerts-down" else 0
        drain_limit = time.time() + (660 if row == "twilio-errors" else 120 + 600 / args.compress)
        last_count, quiet_since = -1, time.time()
        while time.time() < drain_limit:
            records = stub.records()
            replies = {(r["to"], r["body"][:12]) for r in records if r["kind"] == "sms"}
            alerts = {r["id"] for r in records if r["kind"] == "alert" and r.get("type") == "consent.revoked"}
            if len(replies) >= expected and len(alerts) >= want_alerts:
                time.sleep(3)  # a late duplicate would come now
                break
            count = len(records)
            if count != last_count:
                last_count, quiet_since = count, time.time()
            elif time.time() - quiet_since > 20 and redis.depth() == 0:
                break
            time.sleep(1)
        result = analyse(load, phones, ids, script, stub.records(), row == "alerts-down", alert_step)
        result.update({"row": row, "conversations": len(phones), "loadSeconds": round(loaded - started, 1),
                       "faultAtSeconds": round(fault_at[0] - started, 1) if fault_at else None,
                       "outboxDepthAtEnd": redis.depth(), "vozStarts": voz.starts,
                       "rereadLines": count_lines(os.path.join(work, "voz.log"), "pending with this consumer again"),
                       "alreadySentLines": count_lines(os.path.join(work, "voz.log"), "settled without sending again"),
                       # replies sent again whose earlier attempt Twilio's list showed: settled, not sent
                       "foundAtTwilioLines": count_lines(os.path.join(work, "voz.log"), "twilio already has"),
                       "twilioListCalls": sum(1 for r in stub.records() if r["kind"] == "list"),
                       "deadLetterLines": count_lines(os.path.join(work, "voz.log"), "dead-lettered"),
                       "work": work})
        if row == "alerts-down":
            result["simulated"] = {"outageSeconds": args.alert_outage, "compress": args.compress}
        log("%s: %s" % (row, json.dumps({k: v for k, v in result.items() if k != "work"})))
        return result
    finally:
        procs.stop_all()


def count_lines(path: str, needle: str) -> int:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return sum(1 for line in f if needle in line)
    except OSError:
        return 0


def markdown(results: list[dict]) -> str:
    lines = ["| fault | acknowledged | lost | duplicated | delayed (>5 s) | slowest | order broken | 5xx | no answer |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        lost, dup, delayed, slow = r["lost"], r["duplicated"], r["delayed"], "%.1f s" % r["maxDelay"]
        if "alerts" in r:
            lost = "%d (alerts %d)" % (r["lost"], r["alertsLost"])
            dup = "%d (alerts %d)" % (r["duplicated"], r["alertsDuplicated"])
            delayed = "%d (alerts %d)" % (r["delayed"], r["alertsDelayed"])
            slow = "%.1f s (alerts %.1f s)" % (r["maxDelay"], r["alertsMaxDelay"])
        lines.append("| %s | %d of %d | %s | %s | %s | %s | %d | %d | %d |" % (
            r["row"], r["acknowledged"], r["webhooks"], lost, dup, delayed, slow, r["orderBroken"], r["fivexx"],
            r["noAnswer"]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default=",".join(ROWS))
    parser.add_argument("--conversations", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=32, help="conversations under way at once")
    parser.add_argument("--twilio-outage", type=seconds, default=600.0, help="e.g. 10m (default), 2m for a quick run")
    parser.add_argument("--alert-outage", type=seconds, default=3600.0, help="the simulated outage (default 1h)")
    parser.add_argument("--compress", type=float, default=30.0, help="how much faster the alert outage is run")
    parser.add_argument("--jar", default=os.path.join(REPO, "target/voz.jar"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder even when every row passed")
    args = parser.parse_args()
    rows = [r.strip() for r in args.rows.split(",") if r.strip()]
    for r in rows:
        if r not in ROWS:
            parser.error("unknown row %s (rows: %s)" % (r, ", ".join(ROWS)))
    for tool in ("redis-server", "redis-cli") + (("redis-sentinel",) if "sentinel-failover" in rows else ()):
        if shutil.which(tool) is None:
            print("%s is needed (apt-get install -y redis-server redis-sentinel)" % tool, file=sys.stderr)
            return 2
    if not os.path.isfile(args.jar):
        log("building " + args.jar)
        subprocess.run(["mvn", "-q", "-B", "-ntp", "-DskipTests", "package"], cwd=REPO, check=True)
    root = tempfile.mkdtemp(prefix="voz-faults.")
    log("work folder " + root)
    results = []
    for row in rows:
        try:
            results.append(run_row(row, args, args.jar, root))
        except Exception as e:  # noqa: BLE001 - one row failing to start must not hide the others' figures
            log("%s could not be run: %s" % (row, e))
            with open(os.path.join(root, "faults.json"), "w") as f:
                json.dump(results, f, indent=2)
            print(markdown(results))
            return 2
    with open(os.path.join(root, "faults.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(markdown(results))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    print("\nmeasured on %s, %s; details in %s/faults.json" % (commit.strip() or "?", time.strftime("%Y-%m-%d"), root))
    return 0 if all(r["lost"] == 0 and r["duplicated"] == 0 and r.get("alertsLost", 0) == 0
                    and r.get("alertsDuplicated", 0) == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
