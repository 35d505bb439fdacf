"""Python clients for the collector's load figures and its overload test:
each request on a connection of its own, as nginx sends them, and every
outcome told apart: a status, a reset connection, or another failure."""

import collections
import http.client
import threading
import time

RESET = "reset"

# `status` is None when the request failed, and `failure` says how.
Outcome = collections.namedtuple("Outcome", "status failure seconds headers body")


def request(port, method, path, headers=(), body=(), timeout=120):
    """Sends one request, its body streamed piece by piece from `body` (a
    list of bytes), and reads the whole answer."""
    length = sum(len(piece) for piece in body)
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path)
        for name, value in headers:
            conn.putheader(name, value)
        if method == "POST":
            conn.putheader("Content-Length", str(length))
        conn.endheaders()
        for piece in body:
            conn.send(piece)
        resp = conn.getresponse()
        data = resp.read()
        return Outcome(resp.status, None, time.perf_counter() - started, {k.lower(): v for k, v in resp.getheaders()}, data)
    except (ConnectionResetError, BrokenPipeError):
        # A broken pipe is the reset seen while still sending.
        return Outcome(None, RESET, time.perf_counter() - started, {}, b"")
    except (OSError, http.client.HTTPException) as e:
        return Outcome(None, type(e).__name__, time.perf_counter() - started, {}, b"")
    finally:
        conn.close()


def hammer(clients, seconds, work):
    """Calls work(client) -> Outcome again and again from `clients` threads
    for `seconds`; returns ([(client, outcome)], elapsed seconds)."""
    outcomes, lock = [], threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(number):
        start.wait()
        while time.perf_counter() < stop_at[0]:
            outcome = work(number)
            with lock:
                outcomes.append((number, outcome))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    started = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    return outcomes, time.perf_counter() - started


def tally(outcomes):
    """How many of each status, resets, and each other failure."""
    return collections.Counter(o.status if o.status is not None else o.failure for _, o in outcomes)
