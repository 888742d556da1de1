"""Bundle files rewritten and signed again, for tests/cli/sync.sh's bad bundles.

Reads docs/bundle-format.md's layout independently of the C code: preamble (24 bytes),
header (tagged fields), body, trailer (BLAKE2b-256 hash, Ed25519 signature of the magic and
the hash). Ed25519 is RFC 8032's reference arithmetic (slow, one signature a call), so that
the test needs nothing beyond Python's standard library.

  kzb.py resign IN OUT KEYFILE [TAG=HEX|TAG=NUMBER|TAG=@KEYFILE ...] [body=FILE]
      OUT is IN with header fields replaced (all of TAG's occurrences; @KEYFILE: the public
      key of a store's node.key), the body (and its tags 10 and 11) taken from bundle FILE
      when body= is given, hashed and signed with KEYFILE (a store's node.key: the 32-byte
      seed, then the public key).
"""
import hashlib
import sys

p = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
d = -121665 * pow(121666, p - 2, p) % p
I = pow(2, (p - 1) // 4, p)


def inv(x):
    return pow(x, p - 2, p)


def xrecover(y):
    xx = (y * y - 1) * inv(d * y * y + 1)
    x = pow(xx, (p + 3) // 8, p)
    if (x * x - xx) % p != 0:
        x = x * I % p
    if x % 2 != 0:
        x = p - x
    return x


By = 4 * inv(5) % p
Bx = xrecover(By)
B = (Bx, By, 1, Bx * By % p)


def add(P, Q):
    A = (P[1] - P[0]) * (Q[1] - Q[0]) % p
    Bv = (P[1] + P[0]) * (Q[1] + Q[0]) % p
    C = 2 * P[3] * Q[3] * d % p
    D = 2 * P[2] * Q[2] % p
    E, F, G, H = Bv - A, D - C, D + C, Bv + A
    return (E * F % p, G * H % p, F * G % p, E * H % p)


def mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = add(Q, P)
        P = add(P, P)
        s >>= 1
    return Q


def enc(P):
    zi = inv(P[2])
    x, y = P[0] * zi % p, P[1] * zi % p
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def sign(seed, msg):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little") & ((1 << 254) - 8) | (1 << 254)
    A = enc(mul(a, B))
    r = int.from_bytes(hashlib.sha512(h[32:] + msg).digest(), "little") % L
    R = enc(mul(r, B))
    k = int.from_bytes(hashlib.sha512(R + A + msg).digest(), "little") % L
    return R + ((r + k * a) % L).to_bytes(32, "little"), A


def varint(b, i):
    v = s = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return v, i


def put_varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append(v & 0x7F | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def fields(h):
    out, i = [], 0
    while i < len(h):
        key, i = varint(h, i)
        tag, wire = key >> 3, key & 7
        if wire == 0:
            v, i = varint(h, i)
        else:
            n, i = varint(h, i)
            v, i = h[i:i + n], i + n
        out.append((tag, wire, v))
    return out


def encode(fs):
    out = bytearray()
    for tag, wire, v in fs:
        out += put_varint(tag << 3 | wire)
        out += put_varint(v) if wire == 0 else put_varint(len(v)) + v
    return bytes(out)


def split(data):
    hlen = int.from_bytes(data[12:16], "big")
    blen = int.from_bytes(data[16:24], "big")
    return data[:24], data[24:24 + hlen], data[24 + hlen:24 + hlen + blen]


def main():
    if len(sys.argv) < 5 or sys.argv[1] != "resign":
        sys.exit(__doc__)
    data = open(sys.argv[2], "rb").read()
    key = open(sys.argv[4], "rb").read()
    pre, head, body = split(data)
    fs = fields(head)
    for arg in sys.argv[5:]:
        name, val = arg.split("=", 1)
        if name == "body":
            _, h2, body = split(open(val, "rb").read())
            new = [f for f in fields(h2) if f[0] in (10, 11)]
            fs = [f for f in fs if f[0] not in (10, 11)] + new
            continue
        tag = int(name)
        if val.startswith("@"):
            fs = [f for f in fs if f[0] != tag] + [(tag, 2, open(val[1:], "rb").read()[32:64])]
        elif val.isdigit():
            fs = [f for f in fs if f[0] != tag] + [(tag, 0, int(val))]
        else:
            fs = [f for f in fs if f[0] != tag] + [(tag, 2, bytes.fromhex(val))]
    head = encode(fs)
    pre = pre[:12] + len(head).to_bytes(4, "big") + len(body).to_bytes(8, "big")
    signed = pre + head + body
    digest = hashlib.blake2b(signed, digest_size=32).digest()
    sig, pk = sign(key[:32], pre[:8] + digest)
    if pk != key[32:64]:
        sys.exit("kzb.py: the key file's public key is not its seed's")
    open(sys.argv[3], "wb").write(signed + digest + sig)


main()
