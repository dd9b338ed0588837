"""Threat: talk to services on the grading machine's loopback interface (a database, a
Jupyter server, the grader itself): the test opens a TCP listener and a UDP socket on
127.0.0.1, a Unix socket in host /tmp and an abstract Unix socket, and substitutes their
addresses into the cell, which tries to connect and send data (also via localhost, ::1
and 0.0.0.0, and with a DNS lookup).

Workers live in their own network namespace (no interface is up, not even loopback) with
a private /tmp, so every attempt fails; the test checks that its listeners received
nothing. The stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import socket

MARK = b"@@MARKER@@"
hits = []

def attempt(label, action):
    try:
        action()
        hits.append(label)
    except OSError:
        pass

def tcp(host):
    with socket.create_connection((host, @@PORT@@), timeout=2) as s:
        s.sendall(MARK)

def udp(host):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(MARK, (host, @@UDP_PORT@@))

def unix(address):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect(address)
        s.sendall(MARK)

for host in ("127.0.0.1", "localhost", "0.0.0.0", "::1"):
    attempt(f"tcp {host}", lambda: tcp(host))
for host in ("127.0.0.1", "localhost"):
    attempt(f"udp {host}", lambda: udp(host))
attempt("unix socket", lambda: unix("@@UNIX_SOCKET@@"))
attempt("abstract socket", lambda: unix("\0@@ABSTRACT@@"))
attempt("dns", lambda: socket.getaddrinfo("example.com", 80))
if hits:
    raise AssertionError("@@BREACH@@: network reachable: " + ", ".join(hits))
'''
