#!/usr/bin/env python3
"""What each embedded table weighs in the browser module: raw bytes, and its gzip -9
contribution (gzip of the module minus gzip of the module with the table's bytes cut out of
the data section, so what leaving it out would save).

    python3 tools/table_sizes.py [--no-build] [WASM MAP]

Builds the module as scripts/build-web.sh does (wasm32 release, wasm-bindgen, wasm-opt -Oz)
into target/table-sizes/, with a linker map (`-C link-arg=--Map=...`) that gives every named
static's address and size; the data files a table includes (`include_bytes!`) are found by
their content. wasm-opt keeps data addresses (it only drops runs of zeros), so the map of
the linked module applies to the optimized one. Needs wasm-bindgen and node_modules
(scripts/setup.sh). Stdlib only.
"""
import gzip
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "target", "table-sizes")

# Per table: the data files it includes, and the module paths whose named statics are its own
# (with the statics that are arrays of `&str`, whose text is followed too: name, strs per item).
TABLES = [
    ("TextBlob lexicon", ["src/sentiment/textblob/lexicon/words.bin",
                          "src/sentiment/textblob/lexicon/codes.bin"],
     ["sentiment::textblob::lexicon"], []),
    ("VADER lexicon", ["src/sentiment/vader/lexicon/keys.bin",
                       "src/sentiment/vader/lexicon/codes.bin"],
     ["sentiment::vader::lexicon"], [("RULE_WORDS", 1)]),
    ("VADER emoji", ["src/sentiment/vader/lexicon/emoji_points.bin",
                     "src/sentiment/vader/lexicon/emoji_names.txt"], [], []),
    ("Python str tables", [f"src/text/pychar/{n}.bin" for n in (
        "word", "alpha", "alnum", "decimal", "digit", "numeric", "upper", "lower", "title",
        "case_ignorable", "cased", "lower_single")], ["text::pychar"], []),
    ("WordNet lemma table", ["src/text/lemma/nouns.bin"], ["text::lemma"], [("EXCEPTIONS", 2)]),
    ("stopwords", [], ["text::clean::stopwords"], []),
]

# Lists of `&str` that are constants, not statics (no symbol): found as an array of fat pointers
# to these strings, in order.
STR_LISTS = {"stopwords": "tests/data/golden/nltk_stopwords.txt"}


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def data_segments(b):
    """(address, start, end) of each active data segment of a wasm module."""
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = leb(b, i + 1)
        if sid == 11:
            count, j = leb(b, i)
            segs = []
            for _ in range(count):
                flag, j = leb(b, j)
                assert flag == 0 and b[j] == 0x41, "only active segments at i32.const"
                addr, j = leb(b, j + 1)
                assert b[j] == 0x0B
                size, j = leb(b, j + 1)
                segs.append((addr, j, j + size))
                j += size
            return segs
        i += n
    return []


def build():
    os.makedirs(OUT, exist_ok=True)
    env = dict(os.environ, CARGO_TARGET_DIR=OUT,
               RUSTFLAGS=f"-C link-arg=--Map={OUT}/map.txt")
    subprocess.run(["cargo", "build", "--lib", "--release", "--target", "wasm32-unknown-unknown",
                    "-q"], cwd=ROOT, env=env, check=True)
    linked = f"{OUT}/wasm32-unknown-unknown/release/ticket_insights.wasm"
    subprocess.run(["wasm-bindgen", "--target", "web", "--no-typescript", "--out-dir",
                    f"{OUT}/pkg", linked], cwd=ROOT, check=True)
    wasm = f"{OUT}/pkg/ticket_insights_bg.wasm"
    subprocess.run([os.path.join(ROOT, "node_modules/.bin/wasm-opt"), "-Oz",
                    "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                    "--enable-reference-types", "--enable-sign-ext", "--enable-mutable-globals",
                    "--enable-multivalue", wasm, "-o", wasm], check=True)
    return wasm, f"{OUT}/map.txt"


def main():
    args = [a for a in sys.argv[1:] if a != "--no-build"]
    if args:
        wasm, mapfile = args
    elif "--no-build" in sys.argv:
        wasm, mapfile = f"{OUT}/pkg/ticket_insights_bg.wasm", f"{OUT}/map.txt"
    else:
        wasm, mapfile = build()
    b = open(wasm, "rb").read()
    segs = data_segments(b)
    base = min(a for a, _, _ in segs)
    mem = bytearray(max(a + e - s for a, s, e in segs) - base)
    for a, s, e in segs:
        mem[a - base:a - base + e - s] = b[s:e]

    syms = {}
    lines = open(mapfile).read().split("\n")
    start = next(i for i, line in enumerate(lines) if line.split()[3:4] == ["DATA"])
    for line in lines[start + 1:]:
        p = line.split()
        if len(p) < 4 or p[0] == "-" or p[3].startswith((".rodata", ".data", ".bss", "/")):
            continue
        syms[p[3]] = (int(p[0], 16), int(p[2], 16))

    def u32(addr):
        return struct.unpack_from("<I", mem, addr - base)[0]

    def components(mangled):
        """The path components of a legacy-mangled symbol (_ZN<len><name>...17h<hash>E)."""
        if not mangled.startswith("_ZN"):
            return []
        out, i = [], 3
        while i < len(mangled) and mangled[i].isdigit():
            j = i
            while mangled[j].isdigit():
                j += 1
            n = int(mangled[i:j])
            out.append(mangled[j:j + n])
            i = j + n
        return out[:-1] if out and re.fullmatch(r"h[0-9a-f]{16}", out[-1]) else out

    def str_list(words):
        """The fat-pointer array pointing at `words` in order, and their bytes."""
        lens = b"".join(struct.pack("<I", len(w)) for w in words)
        for at in range(0, len(mem) - 8 * len(words), 4):
            if all(mem[at + 8 * k + 4:at + 8 * k + 8] == lens[4 * k:4 * k + 4] for k in range(len(words))):
                ptrs = [u32(base + at + 8 * k) for k in range(len(words))]
                if all(0 <= p - base < len(mem) and bytes(mem[p - base:p - base + len(w)]) == w
                       for p, w in zip(ptrs, words)):
                    return [(base + at, 8 * len(words))] + [(p, len(w)) for p, w in zip(ptrs, words)]
        return []

    def ranges_of(name, files, paths, str_arrays):
        out = []
        if name in STR_LISTS:
            words = open(os.path.join(ROOT, STR_LISTS[name]), "rb").read().split()
            out += str_list(words)
        for f in files:
            content = open(os.path.join(ROOT, f), "rb").read()
            at = mem.find(content)
            if at >= 0:
                out.append((at + base, len(content)))
        for path in paths:
            prefix = ("ticket_insights::" + path).split("::")
            for mangled, (addr, size) in syms.items():
                parts = components(mangled)
                if parts[:len(prefix)] != prefix:
                    continue
                out.append((addr, size))
                for array, per in str_arrays:
                    if parts[-1] == array:
                        for k in range(size // 8):
                            out.append((u32(addr + 8 * k), u32(addr + 8 * k + 4)))
        return sorted(set(r for r in out if r[1] > 0))

    def without(ranges):
        cut = bytearray(len(b))
        for addr, n in ranges:
            for a, s, e in segs:
                lo, hi = max(addr, a), min(addr + n, a + e - s)
                if lo < hi:
                    cut[s + lo - a:s + hi - a] = b"\1" * (hi - lo)
        return bytes(x for x, c in zip(b, cut) if not c)

    def gz(x):
        return len(gzip.compress(x, 9))

    total = gz(b)
    every = []
    print(f"{'table':24} {'raw B':>8} {'gzip B':>8}")
    for name, files, paths, str_arrays in TABLES:
        rs = ranges_of(name, files, paths, str_arrays)
        every += rs
        print(f"{name:24} {sum(n for _, n in rs):8d} {total - gz(without(rs)):8d}")
    every = sorted(set(every))
    print(f"{'all of them':24} {sum(n for _, n in every):8d} {total - gz(without(every)):8d}")
    print(f"{'module':24} {len(b):8d} {total:8d}")


if __name__ == "__main__":
    main()
