"""Writes the fuzz corpus of issue 15 ("hostile and damaged input") into Tests/Fixtures/fuzz-corpus/:

  seeds/     small valid networks (.json, .npz) and one certificate: every command gives its right answer
  repro/     the reproducers named in issue 15, one file each
  mutants/   a few hundred seeded mutations of the seeds (bit flips, truncations, insertions, field and
             member deletions, numbers replaced by huge / tiny / NaN-like values)
  expectations.json   what every file must give (read by Tests/SbalTests/FuzzCorpusTests.swift)

Run from the repository root: `python3 Tests/Fixtures/fuzz-corpus/make-corpus.py`. Deterministic (seeded
random.Random and fixed zip timestamps), so re-running rewrites the same bytes.

Expectation classes (per file, in expectations.json):
  "ok"       a valid input with a known right answer: exit 0 (a certificate is not a network, so
             balance / simulate exit 2 on it); "finalCost" and "solvers" (wide-range J) add a run of
             each solver whose final cost must match.
  "refused"  the mutation certainly breaks the file (truncation, a flipped bit under a CRC, NaN in
             JSON, a missing J, ...): exit 2 from every command.
  "any"      the mutation may or may not leave a valid network (a flipped letter in the description,
             a weight replaced by 1e150): exit 0, 1 or 2.
"exit" lists the allowed exit codes per command (balance, verify, simulate). For every file and command: never a signal, exit 2 only with a message on stderr starting with
"error:" that names the file, never "nan" / "inf" in stdout, and an --output file that is either
complete (exit 0) or absent. Exit 1 is allowed only for a file that was read as a valid input whose
checks then failed: balance did not converge, verify did not verify (or a certificate's stored report
was not reproduced), simulate's noiseless outputs differ.
"""
import io
import json
import os
import random
import shutil
import struct
import zipfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
expectations = {}


COMMANDS = ["balance", "verify", "simulate"]


def put(relative, data, kind, exit=None, **extra):
    """Writes one corpus file; `exit` overrides the allowed exit codes of some commands."""
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    codes = {"ok": [0], "refused": [2], "any": [0, 1, 2]}[kind]
    exits = {command: codes for command in COMMANDS}
    exits.update(exit or {})
    expectations[relative] = dict(kind=kind, exit=exits, **extra)


def npy(array, header=None, tail=b""):
    """The .npy bytes of `array` (format 1.0), or with a given header dict text."""
    array = np.asarray(array)
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, version=(1, 0))
    data = buf.getvalue()
    if header is None:
        return data
    header_length = struct.unpack("<H", data[8:10])[0]
    payload = data[10 + header_length:]
    text = header.encode("latin1") + tail
    text += b" " * ((64 - (10 + len(text) + 1) % 64) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + payload


def npz(members, compress=False):
    """A zip of `name.npy` members with fixed timestamps (numpy's savez layout, deterministic)."""
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, value in members.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o600 << 16
            z.writestr(info, value if isinstance(value, bytes) else npy(value))
    return buf.getvalue()


def zip_layout(data):
    """(member data ranges, central directory offset) of a zip."""
    z = zipfile.ZipFile(io.BytesIO(data))
    ranges = []
    for info in z.infolist():
        at = info.header_offset
        name_length, extra_length = struct.unpack("<HH", data[at + 26:at + 30])
        start = at + 30 + name_length + extra_length
        ranges.append((start, start + info.compress_size))
    eocd = len(data) - 22
    return ranges, struct.unpack("<I", data[eocd + 16:eocd + 20])[0]


def compact(value):
    return json.dumps(value, separators=(",", ":"))


# ---------------------------------------------------------------- seeds (valid, right answer exit 0)

ALL = {}
CERT = {"balance": [2], "simulate": [2]}  # a certificate is not a network
seeds = {}


def seed(name, data, exits):
    put("seeds/" + name, data, "ok", exit=exits)
    seeds[name] = data


for example in ["two-neuron.json", "reciprocal-pair.json"]:
    with open(os.path.join(ROOT, "Examples", example)) as f:
        seed(example, compact(json.load(f)), ALL)
ring3 = dict(J=np.array([[0, 0.5, 0], [0, 0, 2.0], [1.5, 0, 0.25]]), W_in=np.array([[1.0], [0.0], [0.5]]),
             W_out=np.array([[0.0, 1.0, 1.0]]), b=np.zeros(3), tau=np.float64(1.0), dt=np.float64(0.1),
             nonlinearity=np.array("relu"), cost_p=np.float64(2.0), inputs=np.ones((8, 1)),
             initial_state=np.zeros(3))
seed("ring3.npz", npz(ring3), ALL)
rng = np.random.default_rng(15)
dense4 = dict(J=np.round(rng.normal(0, 1, (4, 4)), 3) * (1 - np.eye(4)), W_in=np.round(rng.normal(0, 1, (4, 2)), 3),
              W_out=np.round(rng.normal(0, 1, (1, 4)), 3), tau=np.float64(1.0), dt=np.float64(0.1),
              nonlinearity=np.array("relu"), inputs=np.ones((6, 2)))
seed("dense4-compressed.npz", npz(dense4, compress=True), ALL)
with open(os.path.join(ROOT, "proofs", "certificates", "one-synapse.json")) as f:
    seed("certificate-one-synapse.json", compact(json.load(f)), CERT)

# ---------------------------------------------------------------- reproducers of issue 15

# Values a double cannot hold are fine for verify's exact checks (it may verify them or refuse them);
# balance and simulate, which need the float network, must refuse them.
EXACT = {"verify": [0, 2]}

net2 = dict(J=np.array([[0, 1.0], [2.0, 0]]), dt=np.float64(0.1))
good = npz(net2)
eocd = len(good) - 22
bad = bytearray(good)
bad[eocd + 16:eocd + 20] = struct.pack("<I", 0x7FFF0000)
put("repro/eocd-offset-past-end.npz", bytes(bad), "refused")
put("repro/not-a-zip.npz", random.Random(15).randbytes(4096), "refused")

bad = bytearray(npz(net2))
start = zip_layout(bytes(bad))[0][0][0]  # J.npy is the first member
bad[start + 128 + 15] ^= 0x40  # the high (exponent) byte of J[0][1] = 1.0 (after the 128-byte header)
put("repro/crc-flipped-exponent-bit.npz", bytes(bad), "refused")

full = dict(ring3)
bad = bytearray(npz(full))
eocd = len(bad) - 22
bad[eocd + 8:eocd + 12] = struct.pack("<HH", 1, 1)  # the directory lists one member (J), drops the rest
put("repro/central-directory-drops-members.npz", bytes(bad), "refused")
_, directory = zip_layout(npz(full))
bad = bytearray(npz(full))
second = bad.index(b"PK\x01\x02", directory + 4)
bad[second] = 0
put("repro/central-directory-entry-broken.npz", bytes(bad), "refused")

put("repro/npy-junk-after-header.npz",
    npz({"J": npy(net2["J"], "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", b"JUNK = 1")}), "refused")
put("repro/fortran-order-wrong-type.npz",
    npz({"J": npy(net2["J"], "{'descr': '<f8', 'fortran_order': 1, 'shape': (2, 2), }")}), "refused")
put("repro/fortran-order-text.npz",
    npz({"J": npy(net2["J"], "{'descr': '<f8', 'fortran_order': 'False', 'shape': (2, 2), }")}), "refused")
put("repro/invalid-utf8-string.json", b'{"description":"bad \xff\xfe byte","J":[[0,1],[2,0]]}', "refused")
put("repro/dt-1e308.json",
    '{"J":[[0,1],[2,0]],"W_in":[[1],[1]],"W_out":[[1,1]],"dt":1e308,"inputs":[[1],[1],[1],[1],[1]]}', "refused", exit=EXACT)
put("repro/input-1.797e308.json",
    '{"J":[[0,1],[2,0]],"W_in":[[1],[1]],"W_out":[[1,1]],"inputs":[[1.797e308],[1.797e308],[1]]}', "refused", exit=EXACT)
put("repro/tau-1e-320.json", '{"J":[[0,1],[2,0]],"tau":1e-320,"inputs":[[],[]]}', "refused", exit=EXACT)
put("repro/dt-underflows-1e-400.json", '{"J":[[0,1],[2,0]],"dt":1e-400}', "refused", exit=EXACT)
put("repro/cost-p-1000-overflows.json", '{"J":[[0,10],[1,0]],"cost":{"p":1000}}', "refused", exit=EXACT)
put("repro/entry-1e-1000000.json", '{"J":[[0,1e-1000000],[1,0]]}', "refused")
# Valid: finite costs, C* = 3 (every cycle product is 1); newton and osborne must balance it.
put("repro/wide-range.json", '{"J":[[0,1e-150,0],[0,0,1e150],[1,0,0]]}', "ok",
    exit={"simulate": [2]}, finalCost=3.0, solvers=["newton", "osborne"])  # simulate: no W_out, no task loss
put("repro/wide-range-with-trial.json",
    '{"J":[[0,1e-150,0],[0,0,1e150],[1,0,0]],"W_in":[[1],[0],[0]],"W_out":[[0,0,1]],"inputs":[[1],[1],[0],[0]]}', "ok",
    finalCost=3.0, solvers=["newton", "osborne"])
# 12000 x 12000 zeros: 1.15 GB declared (the real 1.1 MB deflate stream is replaced by a short one).
header = npy(np.zeros((1, 1)), "{'descr': '<f8', 'fortran_order': False, 'shape': (12000, 12000), }")[:128]
stream = zlib.compressobj(9, zlib.DEFLATED, -15)
body = stream.compress(header + bytes(1 << 16)) + stream.flush(zlib.Z_SYNC_FLUSH)
declared = 128 + 12000 * 12000 * 8
name = b"J.npy"
crc = zlib.crc32(header + bytes(12000 * 12000 * 8 // 1024 * 0))  # any value: the size check comes first
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(body), declared, len(name), 0) + name
central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(body), declared,
                      len(name), 0, 0, 0, 0, 0o600 << 16, 0) + name
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(body), 0)
put("repro/zeros-12000x12000-declared.npz", local + body + central + end, "refused")
# The same shape in a stored member that holds 64 bytes: the shape must not be allocated.
put("repro/shape-12000x12000-64-bytes.npz",
    npz({"J": npy(np.zeros(8), "{'descr': '<f8', 'fortran_order': False, 'shape': (12000, 12000), }")}), "refused")
bad = bytearray(good)
for at in [8, zip_layout(good)[1] + 10]:  # J.npy's local and central compression method: 12 (bzip2)
    bad[at:at + 2] = struct.pack("<H", 12)
put("repro/compression-method-bzip2.npz", bytes(bad), "refused")
put("repro/pickled-object-array.npz",
    npz({"J": npy(np.zeros((2, 2)), "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }")}), "refused")
put("repro/J-nan.npz", npz({"J": np.array([[0, np.nan], [1.0, 0]])}), "refused")
put("repro/J-inf.npz", npz({"J": np.array([[0, np.inf], [1.0, 0]])}), "refused")
put("repro/J-3d.npz", npz({"J": np.zeros((2, 2, 2))}), "refused")
put("repro/empty.npz", b"", "refused")
put("repro/empty.json", b"", "refused")
put("repro/deep-nesting.json", "[" * 20000 + "]" * 20000, "refused")

# Certificates beyond the limits (issue 15, item 5): refused before any claim is re-checked.
certificate = json.loads(seeds["certificate-one-synapse.json"])
many = dict(certificate, claims=[certificate["claims"][1]] * 65)
put("repro/certificate-65-claims.json", compact(many), "refused")
wide = json.loads(seeds["certificate-one-synapse.json"])
wide["network"]["recurrentWeights"]["rows"] = 5000
put("repro/certificate-declares-5000-neurons.json", compact(wide), "refused")
digits = json.loads(seeds["certificate-one-synapse.json"])
digits["claims"][1]["parameters"]["transformed"]["scales"][1] = "1" * 100_001 + "/3"
put("repro/certificate-100001-digit-scale.json", compact(digits), "refused")

# ---------------------------------------------------------------- mutants

HUGE_TINY = ["1e308", "-1e308", "1.797e308", "1e150", "-1e150", "1e-150", "1e-320", "5e-324", "1e-400", "0", "-0",
             "1e999", "123456789012345678901234567890"]
BROKEN = ["NaN", "nan", "Infinity", "-Infinity", "inf", "1e-1000000", '"1/0"', '"0/0"', "1e", "--1", ".5", "0x10"]
JUNK = [b",", b"]", b"[", b"{", b"}", b'"', b":", b"\x00", b"\xff", b"\xc3", b"\\", b"1e999", b"null", b"-"]
counter = [0]


def mutant(base, tag, data, kind):
    counter[0] += 1
    put("mutants/%s-%03d-%s%s" % (os.path.splitext(base)[0], counter[0], tag, os.path.splitext(base)[1]), data, kind)


def json_mutants(base, text, count, r):
    data = text.encode()
    numbers, inside, escaped = [], False, False  # starts of number tokens outside strings
    for i, c in enumerate(text):
        if inside:
            inside, escaped = (c != '"' or escaped), (c == "\\" and not escaped)
        elif c == '"':
            inside = True
        elif (c.isdigit() or c == "-") and text[i - 1] in ",[:":
            numbers.append(i)
    for _ in range(count):
        op = r.choice(["flip", "truncate", "insert", "delete", "number", "broken"])
        if op == "flip":
            b = bytearray(data)
            b[r.randrange(len(b))] ^= 1 << r.randrange(8)
            mutant(base, "flip", bytes(b), "any")
        elif op == "truncate":
            mutant(base, "truncate", data[:r.randrange(data.rindex(b"}"))], "refused")
        elif op == "insert":
            at = r.randrange(len(data) + 1)
            mutant(base, "insert", data[:at] + r.choice(JUNK) + data[at:], "any")
        elif op == "delete":
            value = json.loads(text)
            keys = []

            def walk(v, path):
                if isinstance(v, dict):
                    for k in v:
                        keys.append(path + [k])
                        walk(v[k], path + [k])
                elif isinstance(v, list) and v and len(path) < 3:
                    i = r.randrange(len(v))
                    keys.append(path + [i])
                    walk(v[i], path + [i])
            walk(value, [])
            path = r.choice(keys)
            target = value
            for k in path[:-1]:
                target = target[k]
            del target[path[-1]]
            refused = path == ["J"] or path == ["claims"] or path == ["network"]
            mutant(base, "delete", compact(value), "refused" if refused else "any")
        elif op == "number":
            at = r.choice(numbers)
            stop = at + 1
            while stop < len(text) and text[stop] in "0123456789.eE+-":
                stop += 1
            mutant(base, "number", (text[:at] + r.choice(HUGE_TINY) + text[stop:]).encode(), "any")
        else:
            at = r.choice(numbers)
            stop = at + 1
            while stop < len(text) and text[stop] in "0123456789.eE+-":
                stop += 1
            mutant(base, "broken", (text[:at] + r.choice(BROKEN) + text[stop:]).encode(), "refused")


def npz_mutants(base, arrays, compress, count, r):
    data = npz(arrays, compress)
    ranges, directory = zip_layout(data)
    for _ in range(count):
        op = r.choice(["flip", "flip", "truncate", "insert", "delete", "replace", "replace"])
        if op == "flip":
            b = bytearray(data)
            at = r.randrange(len(b))
            b[at] ^= 1 << r.randrange(8)
            inside = any(s <= at < e for s, e in ranges)
            mutant(base, "flip-data" if inside else "flip", bytes(b), "refused" if inside else "any")
        elif op == "truncate":
            mutant(base, "truncate", data[:r.randrange(len(data))], "refused")
        elif op == "insert":
            at = r.randrange(directory + 1)
            mutant(base, "insert", data[:at] + r.choice(JUNK) + data[at:], "refused")
        elif op == "delete":
            name = r.choice(sorted(arrays))
            rest = {k: v for k, v in arrays.items() if k != name}
            mutant(base, "delete-" + name, npz(rest, compress), "refused" if name == "J" else "any")
        else:
            name = r.choice([k for k in sorted(arrays) if k != "nonlinearity"])
            a = np.array(arrays[name], dtype=np.float64, copy=True)
            kind = "any"
            choice = r.randrange(9)
            if choice == 0:
                a.flat[r.randrange(a.size)] = np.nan
                kind, tag = "refused", "nan"
            elif choice == 1:
                a.flat[r.randrange(a.size)] = r.choice([np.inf, -np.inf])
                kind, tag = "refused", "inf"
            elif choice == 2:
                a.flat[r.randrange(a.size)] = float(r.choice(["1e308", "-1e308", "1.797e308", "1e150"]))
                tag = "huge"
            elif choice == 3:
                a.flat[r.randrange(a.size)] = float(r.choice(["1e-320", "5e-324", "1e-150", "-0.0"]))
                tag = "tiny"
            elif choice == 4:
                a = a.astype(r.choice([">f8", "<f4", "<i8", "<i4", "|u1", "<c16"]))
                tag = "dtype"
            elif choice == 5:
                a = np.asfortranarray(a.reshape(a.shape[::-1]) if a.ndim == 2 else a)
                tag = "fortran"
            elif choice == 6:
                a = a.reshape(-1) if a.ndim != 1 else a.reshape(1, -1, 1)
                tag = "reshape"
                kind = "refused" if name == "J" else "any"
            elif choice == 7:
                a = a[:-1] if a.ndim >= 1 and a.shape[0] > 1 else np.zeros((5, 5))
                tag = "shape"
                kind = "refused" if name in ("J", "initial_state", "b", "W_in") else "any"
            else:
                a = np.array("relu") if r.random() < 0.5 else np.array(["a", "b"])
                kind, tag = "refused", "text"
            replaced = dict(arrays)
            replaced[name] = a
            mutant(base, "%s-%s" % (tag, name), npz(replaced, compress), kind)


# Hand-made .npy headers of J (2 x 2 float64 data after each): the parser of the header dict and of
# the format's version / length fields. Each is the J.npy of an otherwise valid archive.
J2 = np.array([[0, 1.0], [2.0, 0]])
payload = J2.astype("<f8").tobytes()
headers = {
    "descr-f16": ("{'descr': '<f16', 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "descr-bytes": ("{'descr': '|S8', 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "descr-struct": ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "descr-missing": ("{'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "descr-twice": ("{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "shape-negative": ("{'descr': '<f8', 'fortran_order': False, 'shape': (-2, -2), }", "refused"),
    "shape-huge": ("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", "refused"),
    "shape-overflow": ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999, 1), }", "refused"),
    "shape-zero-by-huge": ("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 9223372036854775807), }", "refused"),
    "shape-4": ("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", "refused"),
    "shape-1x4": ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), }", "refused"),
    "shape-list": ("{'descr': '<f8', 'fortran_order': False, 'shape': [2, 2], }", "refused"),
    "shape-float": ("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 2), }", "refused"),
    "shape-text": ("{'descr': '<f8', 'fortran_order': False, 'shape': '(2, 2)', }", "refused"),
    "shape-nested": ("{'descr': '<f8', 'fortran_order': False, 'shape': ((2, 2), 2), }", "refused"),
    "fortran-true": ("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", "ok"),
    "fortran-none": ("{'descr': '<f8', 'fortran_order': None, 'shape': (2, 2), }", "refused"),
    "unknown-key": ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), 'extra': 1, }", "refused"),
    "not-a-dict": ("('<f8', False, (2, 2))", "refused"),
    "unclosed": ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), ", "refused"),
    "unterminated-string": ("{'descr': '<f8, 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "nul-byte": ("{'descr': '<f8',\x00 'fortran_order': False, 'shape': (2, 2), }", "refused"),
    "deep-tuple": ("{'descr': '<f8', 'fortran_order': False, 'shape': " + "(" * 5000 + ")" * 5000 + ", }", "refused"),
    "no-spaces": ("{'descr':'<f8','fortran_order':False,'shape':(2,2)}", "ok"),
}
for tag, (text, kind) in headers.items():
    member = npy(J2, text)
    # A valid header: the archive holds J alone, so simulate has no outputs to compare (exit 2).
    put("mutants/npy-header-%s.npz" % tag, npz({"J": member}), kind, exit={"simulate": [2]} if kind == "ok" else None)
magic = npy(J2)
for tag, data, kind in [
    ("version-9", magic[:6] + b"\x09\x00" + magic[8:], "refused"),
    ("version-2-short-length", magic[:6] + b"\x02\x00" + magic[8:], "refused"),
    ("header-length-huge", magic[:8] + b"\xff\xff" + magic[10:], "refused"),
    ("header-length-zero", magic[:8] + b"\x00\x00" + magic[10:], "refused"),
    ("magic-broken", b"\x93NUMPZ" + magic[6:], "refused"),
    ("data-short", magic[:-8], "refused"),
    ("data-long", magic + b"\x00" * 8, "refused"),
    ("header-only", magic[:128], "refused"),
]:
    put("mutants/npy-%s.npz" % tag, npz({"J": data}), kind)

r = random.Random(15)
json_mutants("two-neuron.json", seeds["two-neuron.json"], 70, r)
json_mutants("reciprocal-pair.json", seeds["reciprocal-pair.json"], 50, r)
json_mutants("certificate.json", seeds["certificate-one-synapse.json"], 40, r)
npz_mutants("ring3.npz", ring3, False, 80, r)
npz_mutants("dense4.npz", dense4, True, 60, r)

with open(os.path.join(HERE, "expectations.json"), "w") as f:
    f.write("{\n" + ",\n".join(json.dumps(k) + ": " + json.dumps(expectations[k], sort_keys=True)
                                for k in sorted(expectations)) + "\n}\n")
print(len(expectations), "files")
