"""Ask CUPS over IPP how a finished job ended, which its command-line clients cannot tell.

`lpstat -W completed` lists completed, cancelled and aborted jobs alike, and CUPS 2.4 reports the
same `job-state-reasons` for all three, so the final verdict comes from one IPP
Get-Job-Attributes request for `job-state` (RFC 8011), sent with the standard library only.
"""

from __future__ import annotations

import getpass
import http.client
import socket
import struct
from enum import IntEnum

IPP_PORT = 631
_OP_GET_JOB_ATTRIBUTES = 0x0009
_TAG_OPERATION = 0x01
_TAG_END = 0x03
_TAG_ENUM = 0x23
_TAG_NAME = 0x42
_TAG_KEYWORD = 0x44
_TAG_URI = 0x45
_TAG_CHARSET = 0x47
_TAG_LANGUAGE = 0x48
_STATUS_ERROR_MIN = 0x0400  # 0x0000-0x03ff are successful or informational status codes


class JobState(IntEnum):
    """The IPP `job-state` values."""

    PENDING = 3
    PENDING_HELD = 4
    PROCESSING = 5
    PROCESSING_STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9


class IppError(Exception):
    """The server answered, but not with a usable `job-state`."""


def _attribute(tag: int, name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode("ascii"), value.encode("utf-8")
    return struct.pack(">BH", tag, len(raw_name)) + raw_name + struct.pack(">H", len(raw_value)) + raw_value


def encode_get_job_state(job_number: int, user: str, request_id: int = 1) -> bytes:
    """Build an IPP/2.0 Get-Job-Attributes request asking only for `job-state`."""
    return b"".join(
        (
            struct.pack(">BBHIB", 2, 0, _OP_GET_JOB_ATTRIBUTES, request_id, _TAG_OPERATION),
            _attribute(_TAG_CHARSET, "attributes-charset", "utf-8"),
            _attribute(_TAG_LANGUAGE, "attributes-natural-language", "en"),
            _attribute(_TAG_URI, "job-uri", f"ipp://localhost/jobs/{job_number}"),
            _attribute(_TAG_NAME, "requesting-user-name", user),
            _attribute(_TAG_KEYWORD, "requested-attributes", "job-state"),
            bytes((_TAG_END,)),
        )
    )


def parse_job_state(body: bytes) -> JobState:
    """Read `job-state` from an IPP response; raise `IppError` if it is missing or an error."""
    if len(body) < 9:
        raise IppError("short IPP response")
    (status,) = struct.unpack(">H", body[2:4])
    if status >= _STATUS_ERROR_MIN:
        raise IppError(f"IPP status 0x{status:04x}")
    pos, name = 8, ""
    while pos < len(body):
        tag = body[pos]
        pos += 1
        if tag == _TAG_END:
            break
        if tag < 0x10:  # a group delimiter: its attributes follow
            continue
        (name_length,) = struct.unpack(">H", body[pos : pos + 2])
        pos += 2
        if name_length:  # a zero-length name is one more value of the previous attribute
            name = body[pos : pos + name_length].decode("ascii", "replace")
            pos += name_length
        (value_length,) = struct.unpack(">H", body[pos : pos + 2])
        value = body[pos + 2 : pos + 2 + value_length]
        pos += 2 + value_length
        if name == "job-state" and tag == _TAG_ENUM and value_length == 4:
            try:
                return JobState(struct.unpack(">i", value)[0])
            except ValueError as exc:
                raise IppError(f"unknown job-state {value.hex()}") from exc
    raise IppError("no job-state in IPP response")


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over the local CUPS domain socket (`/run/cups/cups.sock`)."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


def _connection(server: str, timeout: float) -> http.client.HTTPConnection:
    """Connect as libcups would to a server named like `CUPS_SERVER` / `lpstat -H` output."""
    if server.startswith("/"):
        return _UnixHTTPConnection(server, timeout)
    address = server.split("/", 1)[0]  # drop a "/version=1.1" suffix
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        port = rest.removeprefix(":")
    elif address.count(":") == 1:
        host, port = address.split(":")
    else:
        host, port = address, ""
    return http.client.HTTPConnection(host, int(port) if port.isdigit() else IPP_PORT, timeout=timeout)


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return "anonymous"


def query_job_state(server: str, job_number: int, timeout: float = 5.0) -> JobState:
    """Return the job's current `job-state`.

    Raises `OSError`, `http.client.HTTPException` or `IppError` when it cannot be learned (for
    example a remote server that requires encryption answers "426 Upgrade Required").
    """
    connection = _connection(server, timeout)
    try:
        connection.request(
            "POST",
            "/jobs/",
            body=encode_get_job_state(job_number, _user_name()),
            headers={"Content-Type": "application/ipp"},
        )
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise IppError(f"HTTP {response.status} {response.reason}")
    return parse_job_state(body)
