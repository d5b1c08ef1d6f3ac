#!/usr/bin/env python3
"""A second, independent decoder of the RahatBack backup format v1, written from
docs/format.md alone (Python 3 + the `cryptography` package). It exists to show that
the specification is enough to read a backup without RahatBack, and to cross-check the
test vectors.

    python3 reference_decoder.py --passphrase-file F < backup.rbk > payload
    python3 reference_decoder.py --check-vectors DIR

It reads the whole file into memory: a reference, not a tool for large files.
"""
import base64
import hashlib
import json
import struct
import sys
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"RBK1\r\n\x1a\n"


class Refused(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


def b64(value, field):
    if not isinstance(value, str):
        raise Refused("BAD_HEADER", f"{field} is not a string")
    raw = base64.b64decode(value, validate=True)
    if base64.b64encode(raw).decode() != value:
        raise Refused("BAD_HEADER", f"{field} is not canonical base64")
    return raw


def power_of_two(n):
    return isinstance(n, int) and not isinstance(n, bool) and n > 0 and n & (n - 1) == 0


def parse_header(data):
    if data[: len(MAGIC)] != MAGIC[: len(data)] or len(data) == 0:
        raise Refused("NOT_A_BACKUP", "wrong magic bytes")
    if len(data) < 12:
        raise Refused("TRUNCATED", "the file ends inside its header")
    (length,) = struct.unpack(">I", data[8:12])
    if length > 65536:
        raise Refused("BAD_HEADER", "header_length is over 65536")
    if len(data) < 12 + length:
        raise Refused("TRUNCATED", "the file ends inside its header")
    try:
        h = json.loads(data[12 : 12 + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("BAD_HEADER", "the header is not UTF-8 JSON")
    if not isinstance(h, dict) or h.get("format") != "rahatback-backup":
        raise Refused("BAD_HEADER", "format is not rahatback-backup")
    if h.get("version") != 1:
        raise Refused("UNSUPPORTED_VERSION", f"version {h.get('version')!r}")
    kdf = h.get("kdf")
    if h.get("cipher") != "AES-256-GCM-STREAM" or not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise Refused("BAD_HEADER", "unknown cipher or KDF")
    n, r, p = kdf.get("N"), kdf.get("r"), kdf.get("p")
    if not (power_of_two(n) and 2 <= n <= 2**20):
        raise Refused("BAD_HEADER", "scrypt N out of bounds")
    for v, top in ((r, 32), (p, 16)):
        if not (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= top):
            raise Refused("BAD_HEADER", "scrypt r or p out of bounds")
    chunk = h.get("chunkSize")
    if not (power_of_two(chunk) and 16384 <= chunk <= 4194304):
        raise Refused("BAD_HEADER", "chunkSize out of bounds")
    salt = b64(kdf.get("salt"), "salt")
    prefix = b64(h.get("noncePrefix"), "noncePrefix")
    check = b64(h.get("keyCheck"), "keyCheck")
    if len(salt) < 16 or len(prefix) != 7 or len(check) != 16:
        raise Refused("BAD_HEADER", "salt, noncePrefix or keyCheck has the wrong length")
    if h.get("compression") not in ("none", "gzip", "zstd"):
        raise Refused("BAD_HEADER", "unknown compression")
    return h, salt, prefix, check, 12 + length


def hkdf(ikm, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=b"", info=info).derive(ikm)


def nonce(prefix, index, last):
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def decrypt(data, passphrase):
    h, salt, prefix, check, body = parse_header(data)
    kdf = h["kdf"]
    ikm = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=kdf["N"], r=kdf["r"], p=kdf["p"],
        maxmem=256 * kdf["N"] * kdf["r"] + 2**20, dklen=32,
    )
    if hkdf(ikm, b"rahatback v1 key check", 16) != check:
        raise Refused("WRONG_PASSPHRASE", "the key check does not match")
    aead = AESGCM(hkdf(ikm, b"rahatback v1 payload key", 32))
    aad = hashlib.sha256(data[:body]).digest()
    record = h["chunkSize"] + 16
    out, at, i = [], body, 0
    while len(data) - at >= record:  # a full-size record is never the last one
        try:
            out.append(aead.decrypt(nonce(prefix, i, False), data[at : at + record], aad))
        except InvalidTag:
            raise Refused("CORRUPTED", f"chunk {i} does not authenticate")
        at, i = at + record, i + 1
    rest = data[at:]
    if len(rest) < 16:
        raise Refused("TRUNCATED", f"no last chunk after chunk {i - 1}")
    for end in range(len(rest), 15, -1):  # the whole rest first; shorter = trailing bytes
        try:
            out.append(aead.decrypt(nonce(prefix, i, True), rest[:end], aad))
        except InvalidTag:
            continue
        if end != len(rest):
            raise Refused("TRAILING_DATA", f"{len(rest) - end} bytes after the last chunk")
        return h, b"".join(out)
    raise Refused("TRUNCATED", f"chunk {i} does not authenticate as the last chunk")


def check_vectors(folder):
    failures = 0
    for path in sorted(Path(folder).glob("*.json")):
        v = json.loads(path.read_text())
        try:
            _, plaintext = decrypt(bytes.fromhex(v["file"]), v["passphrase"])
            outcome = plaintext.hex() == v.get("plaintext") and "error" not in v
        except Refused as refused:
            outcome = refused.code == v.get("error")
        failures += not outcome
        print(f"{'ok  ' if outcome else 'FAIL'} {path.name}")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--check-vectors":
        return check_vectors(argv[2])
    if len(argv) == 3 and argv[1] == "--passphrase-file":
        # Like rahatback-agent: one trailing newline is dropped, nothing else.
        passphrase = Path(argv[2]).read_bytes().decode("utf-8")
        passphrase = passphrase[:-2] if passphrase.endswith("\r\n") else passphrase.removesuffix("\n")
        try:
            _, plaintext = decrypt(sys.stdin.buffer.read(), passphrase)
        except Refused as refused:
            print(refused, file=sys.stderr)
            return 1
        sys.stdout.buffer.write(plaintext)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
